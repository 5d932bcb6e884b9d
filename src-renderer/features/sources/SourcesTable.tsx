import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { describeCadence } from '../../../src-shared/domain/cadence';
import { styleOf } from '../../../src-shared/domain/outbox-style';
import { describeSchedule } from '../../../src-shared/domain/schedule-fact';
import { scheduleLabel } from '../../../src-shared/domain/schedule-value';
import { isKnownSourceStatus } from '../../../src-shared/domain/langwatch';
import type { HealthSignal } from '../../../src-shared/domain/source-health';
import type { LocalSourceFacts } from '../../../src-shared/ipc/channels/sources';
import { HEALTH_ICON, scheduleFactOf, serverNowMs } from './health-model';
import { SOURCE_TYPE_LABEL } from './labels';
import { SourceTypeText, StatusPill } from './server-values';
import { EventsCell } from './HealthUnavailable';
import { RowMenu, type MenuAnchor } from './RowMenu';
import { relativeTime, STATUS_LABEL, type SortKey, type TableItem, type TableQuery } from './table-model';

/** Fixed row height (px): virtualisation depends on it; matches --row-h in sources.css. */
export const ROW_HEIGHT = 36;
const OVERSCAN = 8;
/** Short status words for the narrow column (the full label is the tooltip). */
const SHORT_STATUS: Record<string, string> = {
  awaiting_first_event: 'Awaiting',
  active: 'Active',
  disabled: 'Disabled',
};

const COLUMNS: { key: SortKey | null; label: string; className: string }[] = [
  { key: 'name', label: 'Name', className: 'c-name' },
  { key: 'sourceType', label: 'Type', className: 'c-type' },
  { key: 'health', label: 'Health', className: 'c-health' },
  { key: 'status', label: 'Status', className: 'c-status' },
  { key: 'lastEventAt', label: 'Last event', className: 'c-last' },
  { key: 'eventsLast24h', label: 'Events 24 h', className: 'c-events' },
  { key: 'cadence', label: 'Cadence', className: 'c-cadence' },
  { key: 'createdAt', label: 'Created', className: 'c-created' },
  { key: null, label: '', className: 'c-menu' },
];

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
export function SourcesTable({
  items,
  query,
  flash,
  selectedId,
  total,
  onSort,
  onSelect,
  onOpen,
  exposeCommit,
  health,
  schedules,
  serverClock,
}: Props) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [now, setNow] = useState(() => Date.now());
  const [menu, setMenu] = useState<MenuAnchor | null>(null);
  // Server times are shown relative to the server's clock, moved on by the time elapsed here.
  const serverNow = serverNowMs(serverClock, now);

  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight || 600));
    observer.observe(el);
    setHeight(el.clientHeight || 600);
    return () => observer.disconnect();
  }, []);
  // Relative times ("5 min ago") refresh every 15 s; the "updated N s ago" line ticks on its own.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const openMenu = useCallback((anchor: MenuAnchor) => setMenu(anchor), []);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const slice = useMemo(() => items.slice(first, last), [items, first, last]);
  const selectedIndex = useMemo(
    () => (selectedId ? items.findIndex((i) => i.id === selectedId) : -1),
    [items, selectedId],
  );

  useLayoutEffect(() => {
    if (!exposeCommit) return;
    const w = window as unknown as {
      __lwSourcesCommit?: { seq: number; at: number; matched: number; rendered: number };
    };
    w.__lwSourcesCommit = {
      seq: (w.__lwSourcesCommit?.seq ?? 0) + 1,
      at: performance.now(),
      matched: items.length,
      rendered: last - first,
    };
  });

  const scrollToIndex = useCallback((index: number) => {
    const el = viewport.current;
    if (!el) return;
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // Keys on a control inside the grid (a sort button) belong to that control.
    if (event.target !== event.currentTarget || items.length === 0) return;
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    let next: number;
    if (event.key === 'ArrowDown') next = Math.min(items.length - 1, selectedIndex + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, selectedIndex - 1);
    else if (event.key === 'PageDown') next = Math.min(items.length - 1, selectedIndex + page);
    else if (event.key === 'PageUp') next = Math.max(0, selectedIndex - page);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = items.length - 1;
    else if (event.key === 'Enter' && selectedIndex >= 0) {
      event.preventDefault();
      onOpen(items[selectedIndex]!);
      return;
    } else if ((event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) && selectedId) {
      // The keyboard way to the row's actions menu (the ⋯ button is not a tab stop).
      event.preventDefault();
      const button = document
        .getElementById(`row-${cssId(selectedId)}`)
        ?.querySelector<HTMLButtonElement>('[data-testid="row-menu"]');
      const item = items[selectedIndex];
      if (!button || !item || item.kind !== 'source') return;
      const box = button.getBoundingClientRect();
      // Closing returns to the grid, where the keyboard was.
      setMenu({ id: item.id, name: item.row.name, x: box.right, y: box.bottom, returnFocus: event.currentTarget });
      return;
    } else return;
    event.preventDefault();
    onSelect(items[next]!.id);
    scrollToIndex(next);
  }

  return (
    // The grid itself takes focus and names the active row: a focusable wrapper between the grid
    // and its rows is not allowed (ARIA required children), so the scroll box is a plain div.
    <div
      className="src-table"
      role="grid"
      aria-rowcount={items.length + 1}
      aria-label="Ingestion sources"
      tabIndex={0}
      data-testid="sources-grid"
      aria-activedescendant={selectedId ? `row-${cssId(selectedId)}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div className="src-head" role="row" aria-rowindex={1}>
        {COLUMNS.map((c) => (
          <div
            key={c.label}
            role="columnheader"
            className={`src-cell ${c.className}`}
            aria-sort={
              c.key && query.sort === c.key
                ? query.dir === 'asc'
                  ? 'ascending'
                  : 'descending'
                : c.key
                  ? 'none'
                  : undefined
            }
          >
            {c.key ? (
              <button type="button" className="sort" onClick={() => onSort(c.key!)} data-testid={`sort-${c.key}`}>
                {c.label}
                {query.sort === c.key ? (query.dir === 'asc' ? ' ▲' : ' ▼') : ''}
              </button>
            ) : c.label ? (
              c.label
            ) : (
              <span className="sr-only">Row actions</span>
            )}
          </div>
        ))}
      </div>
      <div
        ref={viewport}
        className="src-viewport"
        data-testid="sources-viewport"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        {items.length === 0 ? (
          <p className="src-empty" data-testid="sources-empty">
            {query.status === 'archived'
              ? 'No archived source known here. LangWatch does not list archived sources; this console finds those it created, changed or archived.'
              : total === 0
                ? 'No ingestion sources in this organisation yet.'
                : 'No source matches these filters.'}
          </p>
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
      {menu && (
        <RowMenu anchor={menu} onOpen={(id) => onOpen(items.find((i) => i.id === id)!)} onClose={() => setMenu(null)} />
      )}
    </div>
  );
}

function cssId(id: string): string {
  return id.replace(/[^\w-]/g, '_');
}

interface RowProps {
  item: TableItem;
  index: number;
  /** This machine's clock (for staged entries, which are local). */
  now: number;
  /** The server's clock (for server timestamps); null when unknown. */
  serverNow: number | null;
  signal: HealthSignal | undefined;
  sent: LocalSourceFacts['schedules'][string] | undefined;
  onMenu(anchor: MenuAnchor): void;
  selected: boolean;
  flashing: boolean;
  onSelect(id: string): void;
  onOpen(item: TableItem): void;
}

const Row = memo(function SourceRowView({
  item,
  index,
  now,
  serverNow,
  signal,
  sent,
  onMenu,
  selected,
  flashing,
  onSelect,
  onOpen,
}: RowProps) {
  const style = { transform: `translateY(${index * ROW_HEIGHT}px)` };
  const common = {
    role: 'row',
    id: `row-${cssId(item.id)}`,
    'aria-rowindex': index + 2,
    'aria-selected': selected,
    style,
    onClick: () => onSelect(item.id),
    onDoubleClick: () => onOpen(item),
  } as const;
  if (item.kind === 'staged') {
    const e = item.entry;
    return (
      <div
        {...common}
        className={`src-row staged${selected ? ' selected' : ''}`}
        data-testid={`staged-row-${e.id}`}
        data-state={e.state}
      >
        <div role="gridcell" className="src-cell c-name">
          {e.name}
        </div>
        <div role="gridcell" className="src-cell c-type">
          {SOURCE_TYPE_LABEL.claude_compliance}
        </div>
        <div role="gridcell" className="src-cell c-health">
          <span className="health tone-info">
            <span aria-hidden="true">◷</span> Not created yet
          </span>
        </div>
        <div role="gridcell" className="src-cell c-status">
          <span className={`pill state-pill tone-${styleOf(e.state).tone}`}>
            <span aria-hidden="true">{styleOf(e.state).icon}</span> {styleOf(e.state).label}
          </span>
        </div>
        <div role="gridcell" className="src-cell c-last">
          —
        </div>
        <div role="gridcell" className="src-cell c-events">
          —
        </div>
        <div role="gridcell" className="src-cell c-cadence" title={e.pullSchedule ?? undefined}>
          {e.pollEverySec === null ? scheduleLabel(e.pullSchedule) : describeCadence(e.pollEverySec)}
        </div>
        <div role="gridcell" className="src-cell c-created" title={e.stagedAt}>
          staged {relativeTime(e.stagedAt, now)}
        </div>
        <div role="gridcell" className="src-cell c-menu" />
      </div>
    );
  }
  const r = item.row;
  const schedule = describeSchedule(scheduleFactOf(r, sent));
  return (
    <div
      {...common}
      className={`src-row${selected ? ' selected' : ''}${flashing ? ' flash' : ''}`}
      data-testid={`source-row-${r.id}`}
      data-status={r.status}
    >
      <div role="gridcell" className="src-cell c-name">
        <button type="button" className="link" onClick={() => onOpen(item)} tabIndex={-1} title={r.name}>
          {r.name}
        </button>
      </div>
      <div role="gridcell" className="src-cell c-type" title={r.sourceType}>
        <SourceTypeText value={r.sourceType} />
      </div>
      <div
        role="gridcell"
        className="src-cell c-health"
        data-testid="health"
        data-health={signal?.kind ?? 'unknown'}
        title={signal?.reason}
      >
        {signal && (
          <span className={`health tone-${signal.tone}`}>
            <span aria-hidden="true">{HEALTH_ICON[signal.kind]}</span> {signal.label}
          </span>
        )}
      </div>
      <div role="gridcell" className="src-cell c-status">
        {isKnownSourceStatus(r.status) ? (
          <span className={`pill status-${r.status}`} data-testid="status" title={STATUS_LABEL[r.status]}>
            {SHORT_STATUS[r.status]}
          </span>
        ) : (
          <StatusPill value={r.status} />
        )}
      </div>
      <div
        role="gridcell"
        className="src-cell c-last"
        title={r.lastEventAt ? `${r.lastEventAt} (server time)` : 'No event yet'}
      >
        {serverNow === null
          ? r.lastEventAt
            ? r.lastEventAt.slice(0, 16).replace('T', ' ')
            : 'never'
          : relativeTime(r.lastEventAt, serverNow)}
      </div>
      <div role="gridcell" className="src-cell c-events">
        <EventsCell count={r.eventsLast24h} />
      </div>
      <div
        role="gridcell"
        className={`src-cell c-cadence${schedule.scheduled === null ? ' unknown' : ''}`}
        title={schedule.title}
        data-testid="cadence"
      >
        {schedule.text}
      </div>
      <div role="gridcell" className="src-cell c-created" title={r.createdAt}>
        {new Date(r.createdAt).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })}
      </div>
      <div role="gridcell" className="src-cell c-menu">
        <button
          type="button"
          className="row-menu-button"
          tabIndex={-1}
          aria-haspopup="menu"
          aria-label="Row actions"
          title={`Actions for ${r.name}`}
          data-testid="row-menu"
          onClick={(e) => {
            e.stopPropagation();
            const box = e.currentTarget.getBoundingClientRect();
            onMenu({ id: r.id, name: r.name, x: box.right, y: box.bottom, returnFocus: e.currentTarget });
          }}
        >
          ⋯
        </button>
      </div>
    </div>
  );
});
