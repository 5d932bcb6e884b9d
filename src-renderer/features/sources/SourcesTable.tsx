import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSourcesStore } from '../../stores/sources-store';
import type { HealthSignal } from '../../../src-shared/domain/source-health';
import type { LocalSourceFacts } from '../../../src-shared/ipc/channels/sources';
import { serverNowMs } from './health-model';
import { Row, ROW_HEIGHT, rowElementId } from './GridRow';
import { RowMenu, type MenuAnchor } from './RowMenu';
import { SourcesTableHead } from './SourcesTableHead';
import type { SortKey, TableItem, TableQuery } from './table-model';
import { gridKeyHandler } from './use-grid-keys';
import { useCommitMarker, useNow, useVirtualWindow } from './use-virtual-window';

export { ROW_HEIGHT };

interface Props {
  items: TableItem[];
  query: TableQuery;
  flash: Record<string, number>;
  selectedId: string | null;
  /** Total server rows before filtering (for the empty-state message). */
  total: number;
  onSort(key: SortKey): void;
  onSelect(id: string): void;
  onOpen(item: TableItem): void;
  /** Test mode: publish a commit marker for the keystroke benchmark. */
  exposeCommit: boolean;
  health: ReadonlyMap<string, HealthSignal>;
  schedules: LocalSourceFacts['schedules'];
  /** The server's clock reading (see the sources store): dates server times, never this machine's clock. */
  serverClock: { serverMs: number; localMs: number } | null;
}

/**
 * A hand-written virtualised grid: fixed row height, only the rows in view plus a small
 * overscan exist in the DOM, so 5,000 sources scroll and filter as smoothly as 50.
 */
export function SourcesTable(props: Props) {
  const { items, query, flash, selectedId, onSelect, onOpen, health, schedules } = props;
  const { viewport, height, setScrollTop, first, last, slice } = useVirtualWindow(items, ROW_HEIGHT);
  // Relative times ("5 min ago") refresh every 15 s; the "updated N s ago" line ticks on its own.
  const now = useNow(15_000);
  const [menu, setMenu] = useState<MenuAnchor | null>(null);
  // Server times are shown relative to the server's clock, moved on by the time elapsed here.
  const serverNow = serverNowMs(props.serverClock, now);
  const openMenu = useCallback((anchor: MenuAnchor) => setMenu(anchor), []);
  const selectedIndex = useMemo(
    () => (selectedId ? items.findIndex((i) => i.id === selectedId) : -1),
    [items, selectedId],
  );
  useCommitMarker(props.exposeCommit, items.length, last - first);
  const grid = useRef<HTMLDivElement>(null);
  useReturnFocus(grid, viewport, selectedIndex);
  // The active row is named only while it is rendered (virtualised rows outside the window are not).
  const activeRendered = selectedId !== null && selectedIndex >= first && selectedIndex < last;
  const onKeyDown = gridKeyHandler({ items, selectedId, selectedIndex, height, viewport, onSelect, onOpen, openMenu });

  return (
    // The grid itself takes focus and names the active row: a focusable wrapper between the grid
    // and its rows is not allowed (ARIA required children), so the scroll box is a plain div.
    <>
      <div
        className="src-table"
        role="grid"
        aria-rowcount={items.length + 1}
        aria-label="Ingestion sources"
        tabIndex={0}
        data-testid="sources-grid"
        ref={grid}
        aria-activedescendant={activeRendered ? rowElementId(selectedId) : undefined}
        onKeyDown={onKeyDown}
      >
        <SourcesTableHead query={query} onSort={props.onSort} />
        <div
          ref={viewport}
          className="src-viewport"
          data-testid="sources-viewport"
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        >
          {items.length === 0 ? (
            <EmptyTable query={query} total={props.total} />
          ) : (
            <div className="src-spacer" style={{ height: items.length * ROW_HEIGHT }}>
              {slice.map((item, i) => (
                <Row
                  key={item.id}
                  item={item}
                  index={first + i}
                  now={now}
                  serverNow={serverNow}
                  signal={health.get(item.id)}
                  sent={item.kind === 'source' ? schedules[item.id] : undefined}
                  onMenu={openMenu}
                  selected={item.id === selectedId}
                  flashing={item.kind === 'source' && flash[item.id] !== undefined}
                  onSelect={onSelect}
                  onOpen={onOpen}
                />
              ))}
            </div>
          )}
        </div>
      </div>
      {/* Outside the grid: a menu is no child a grid may hold (ARIA required children). */}
      {menu && (
        <RowMenu anchor={menu} onOpen={(id) => onOpen(items.find((i) => i.id === id)!)} onClose={() => setMenu(null)} />
      )}
    </>
  );
}

/** Back from a detail (Back or Escape): the grid takes the focus again, its row scrolled into view. */
function useReturnFocus(
  grid: React.RefObject<HTMLDivElement | null>,
  viewport: React.RefObject<HTMLDivElement | null>,
  selectedIndex: number,
) {
  const returnFocusTo = useSourcesStore((s) => s.returnFocusTo);
  const clear = useSourcesStore((s) => s.clearReturnFocus);
  useEffect(() => {
    if (returnFocusTo === null) return;
    if (viewport.current && selectedIndex >= 0) {
      viewport.current.scrollTop = Math.max(0, selectedIndex * ROW_HEIGHT - viewport.current.clientHeight / 2);
    }
    grid.current?.focus();
    clear();
  }, [returnFocusTo, selectedIndex, grid, viewport, clear]);
}

function EmptyTable({ query, total }: { query: TableQuery; total: number }) {
  return (
    <p className="src-empty" data-testid="sources-empty">
      {query.status === 'archived'
        ? 'No archived source known here. LangWatch does not list archived sources; this console finds those it created, changed or archived.'
        : total === 0
          ? 'No ingestion sources in this organisation yet.'
          : 'No source matches these filters.'}
    </p>
  );
}
