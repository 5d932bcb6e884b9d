import type { KeyboardEvent, RefObject } from 'react';
import type { MenuAnchor } from './RowMenu';
import { ROW_HEIGHT, rowElementId } from './GridRow';
import type { TableItem } from './table-model';

interface GridKeys {
  items: TableItem[];
  selectedId: string | null;
  selectedIndex: number;
  /** The viewport's height (px), for PageUp/PageDown. */
  height: number;
  viewport: RefObject<HTMLDivElement | null>;
  onSelect(id: string): void;
  onOpen(item: TableItem): void;
  openMenu(anchor: MenuAnchor): void;
}

/** The row a navigation key moves to, or null for any other key. */
function targetIndex(key: string, selectedIndex: number, count: number, page: number): number | null {
  if (key === 'ArrowDown') return Math.min(count - 1, selectedIndex + 1);
  if (key === 'ArrowUp') return Math.max(0, selectedIndex - 1);
  if (key === 'PageDown') return Math.min(count - 1, selectedIndex + page);
  if (key === 'PageUp') return Math.max(0, selectedIndex - page);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

/** Scrolls the viewport just enough to show the row at `index`. */
function scrollToIndex(el: HTMLDivElement | null, index: number) {
  if (!el) return;
  const top = index * ROW_HEIGHT;
  if (top < el.scrollTop) el.scrollTop = top;
  else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
}

/** The grid's keyboard: arrows and pages select, Enter opens, ContextMenu / Shift+F10 the row menu. */
export function gridKeyHandler(grid: GridKeys) {
  const { items, selectedId, selectedIndex, viewport } = grid;
  return (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys on a control inside the grid (a sort button) belong to that control.
    if (event.target !== event.currentTarget || items.length === 0) return;
    const page = Math.max(1, Math.floor(grid.height / ROW_HEIGHT) - 1);
    const next = targetIndex(event.key, selectedIndex, items.length, page);
    if (next !== null) {
      event.preventDefault();
      grid.onSelect(items[next]!.id);
      scrollToIndex(viewport.current, next);
    } else if (event.key === 'Enter' && selectedIndex >= 0) {
      event.preventDefault();
      grid.onOpen(items[selectedIndex]!);
    } else if ((event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) && selectedId) {
      // The keyboard way to the row's actions menu (the ⋯ button is not a tab stop).
      event.preventDefault();
      const button = document
        .getElementById(rowElementId(selectedId))
        ?.querySelector<HTMLButtonElement>('[data-testid="row-menu"]');
      const item = items[selectedIndex];
      if (!button || !item || item.kind !== 'source') return;
      const box = button.getBoundingClientRect();
      // Closing returns to the grid itself (the focus target), where the keyboard was.
      grid.openMenu({
        id: item.id,
        name: item.row.name,
        x: box.right,
        y: box.bottom,
        returnFocus: event.currentTarget,
      });
    }
  };
}
