import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';

const OVERSCAN = 8;

/**
 * The rows in view plus a small overscan, for a list of fixed-height rows (the sources table,
 * the Everywhere list): the window is arithmetic on the scroll position and the viewport
 * height (followed with a ResizeObserver).
 */
export function useVirtualWindow<T>(items: readonly T[], rowHeight: number) {
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
  return { viewport, height, setScrollTop, first, last, slice };
}

/** This machine's clock, refreshed every `everyMs`: relative times ("5 min ago") move on. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Test mode: publishes a marker after every commit, which the keystroke benchmark waits on. */
export function useCommitMarker(enabled: boolean, matched: number, rendered: number) {
  useLayoutEffect(() => {
    if (!enabled) return;
    const w = window as unknown as {
      __lwSourcesCommit?: { seq: number; at: number; matched: number; rendered: number };
    };
    w.__lwSourcesCommit = { seq: (w.__lwSourcesCommit?.seq ?? 0) + 1, at: performance.now(), matched, rendered };
  });
}
