import { useEffect, useRef, useState } from 'react';

/** Where a row's menu opens and for which source. */
export interface MenuAnchor {
  id: string;
  name: string;
  /** Viewport coordinates of the button's bottom-right corner. */
  x: number;
  y: number;
  /** Focus goes back here when the menu closes. */
  returnFocus: HTMLElement;
}

/**
 * The per-row actions, in a menu instead of a button column. Fixed-positioned at the table
 * level, so the virtualised viewport neither clips it nor re-renders it while scrolling.
 */
export function RowMenu({
  anchor,
  onOpen,
  onClose,
}: {
  anchor: MenuAnchor;
  onOpen(id: string): void;
  onClose(): void;
}) {
  const menu = useRef<HTMLDivElement>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const onDown = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node)) close();
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
    // Runs once per opening (the anchor changes with each).
  }, [anchor]);

  function close() {
    onClose();
    anchor.returnFocus.focus();
  }

  async function copy(text: string, what: string) {
    try {
      await navigator.clipboard.writeText(text);
      setNote(`${what} copied`);
    } catch {
      setNote(`The clipboard refused the ${what.toLowerCase()}`);
    }
  }

  function onKeyDown(e: React.KeyboardEvent) {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') close();
    else if (e.key === 'ArrowDown') items[(at + 1) % items.length]?.focus();
    else if (e.key === 'ArrowUp') items[(at - 1 + items.length) % items.length]?.focus();
    else return;
    e.preventDefault();
  }

  return (
    <div
      ref={menu}
      role="menu"
      aria-label={`Actions for ${anchor.name}`}
      className="row-menu"
      data-testid="row-menu-popup"
      style={{ top: anchor.y + 4, left: Math.max(8, anchor.x - 200) }}
      onKeyDown={onKeyDown}
    >
      <button type="button" role="menuitem" data-testid="menu-open" onClick={() => (onClose(), onOpen(anchor.id))}>
        Open details and diagnosis
      </button>
      <button type="button" role="menuitem" data-testid="menu-copy-id" onClick={() => void copy(anchor.id, 'Id')}>
        Copy id <span className="mono muted">{anchor.id}</span>
      </button>
      <button type="button" role="menuitem" data-testid="menu-copy-name" onClick={() => void copy(anchor.name, 'Name')}>
        Copy name
      </button>
      {note && (
        <p className="row-menu-note" role="status">
          {note}
        </p>
      )}
    </div>
  );
}
