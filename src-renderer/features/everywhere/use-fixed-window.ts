import { useEffect, useMemo, useRef, useState } from 'react';

const OVERSCAN = 8;

/**
 * The items in view plus a small overscan, for a list of fixed-height rows (the sources
 * table's pattern): the window is arithmetic on the scroll position and the viewport height.
 */
export function useFixedWindow<T>(items: readonly T[], rowHeight: number) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight || 600));
    observer.observe(el);
    setHeight(el.clientHeight || 600);
    return () => observer.disconnect();
  }, []);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const slice = useMemo(() => items.slice(first, last), [items, first, last]);
  return { viewport, setScrollTop, first, last, slice };
}
