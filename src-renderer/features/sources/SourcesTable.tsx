import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { SOURCE_TYPE_LABEL } from './labels';
import { cadenceOf } from '../../../src-shared/domain/source-status';
import { cadenceLabel, relativeTime, STATUS_LABEL, type SortKey, type TableItem, type TableQuery } from './table-model';

/** Fixed row height (px): virtualisation depends on it; matches --row-h in sources.css. */
export const ROW_HEIGHT = 36;
const OVERSCAN = 8;

const COLUMNS: { key: SortKey | null; label: string; className: string }[] = [
  { key: 'name', label: 'Name', className: 'c-name' },
  { key: 'sourceType', label: 'Type', className: 'c-type' },
  { key: 'status', label: 'Status', className: 'c-status' },
  { key: 'lastEventAt', label: 'Last event', className: 'c-last' },
  { key: 'eventsLast24h', label: 'Events 24 h', className: 'c-events' },
  { key: 'cadence', label: 'Cadence', className: 'c-cadence' },
  { key: 'createdAt', label: 'Created', className: 'c-created' },
  { key: null, label: 'Id', className: 'c-id' },
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
}

/**
 * A hand-written virtualised grid: fixed row height, only the rows in view plus a small
 * overscan exist in the DOM, so 5,000 sources scroll and filter as smoothly as 50.
 */
export function SourcesTable({ items, query, flash, selectedId, total, onSort, onSelect, onOpen, exposeCommit }: Props) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [now, setNow] = useState(() => Date.now());

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
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const slice = useMemo(() => items.slice(first, last), [items, first, last]);
  const selectedIndex = useMemo(() => (selectedId ? items.findIndex((i) => i.id === selectedId) : -1), [items, selectedId]);

  useLayoutEffect(() => {
    if (!exposeCommit) return;
    const w = window as unknown as { __lwSourcesCommit?: { seq: number; at: number; matched: number; rendered: number } };
    w.__lwSourcesCommit = { seq: (w.__lwSourcesCommit?.seq ?? 0) + 1, at: performance.now(), matched: items.length, rendered: last - first };
  });

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = viewport.current;
      if (!el) return;
      const top = index * ROW_HEIGHT;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    },
    [],
  );

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
            aria-sort={c.key && query.sort === c.key ? (query.dir === 'asc' ? 'ascending' : 'descending') : c.key ? 'none' : undefined}
          >
            {c.key ? (
              <button type="button" className="sort" onClick={() => onSort(c.key!)} data-testid={`sort-${c.key}`}>
                {c.label}
                {query.sort === c.key ? (query.dir === 'asc' ? ' ▲' : ' ▼') : ''}
              </button>
            ) : (
              c.label
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
            {total === 0 ? 'No ingestion sources in this organisation yet.' : 'No source matches these filters.'}
          </p>
        ) : (
          <div className="src-spacer" style={{ height: items.length * ROW_HEIGHT }}>
            {slice.map((item, i) => (
              <Row
                key={item.id}
                item={item}
                index={first + i}
                now={now}
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
  );
}

function cssId(id: string): string {
  return id.replace(/[^\w-]/g, '_');
}

interface RowProps {
  item: TableItem;
  index: number;
  now: number;
  selected: boolean;
  flashing: boolean;
  onSelect(id: string): void;
  onOpen(item: TableItem): void;
}

const Row = memo(function Row({ item, index, now, selected, flashing, onSelect, onOpen }: RowProps) {
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
      <div {...common} className={`src-row staged${selected ? ' selected' : ''}`} data-testid={`staged-row-${e.id}`} data-state={e.state}>
        <div role="gridcell" className="src-cell c-name">{e.name}</div>
        <div role="gridcell" className="src-cell c-type">{SOURCE_TYPE_LABEL.claude_compliance}</div>
        <div role="gridcell" className="src-cell c-status">
          <span className={`pill outbox-${e.state}`}>Staged · {e.state.replace(/_/g, ' ')}</span>
        </div>
        <div role="gridcell" className="src-cell c-last">—</div>
        <div role="gridcell" className="src-cell c-events">—</div>
        <div role="gridcell" className="src-cell c-cadence">{cadenceLabel(e.pollEverySec)}</div>
        <div role="gridcell" className="src-cell c-created" title={e.stagedAt}>staged {relativeTime(e.stagedAt, now)}</div>
        <div role="gridcell" className="src-cell c-id muted">not created yet</div>
      </div>
    );
  }
  const r = item.row;
  return (
    <div
      {...common}
      className={`src-row${selected ? ' selected' : ''}${flashing ? ' flash' : ''}`}
      data-testid={`source-row-${r.id}`}
      data-status={r.status}
    >
      <div role="gridcell" className="src-cell c-name">
        <button type="button" className="link" onClick={() => onOpen(item)} tabIndex={-1}>
          {r.name}
        </button>
      </div>
      <div role="gridcell" className="src-cell c-type">{SOURCE_TYPE_LABEL[r.sourceType]}</div>
      <div role="gridcell" className="src-cell c-status">
        <span className={`pill status-${r.status}`} data-testid="status">{STATUS_LABEL[r.status]}</span>
      </div>
      <div role="gridcell" className="src-cell c-last" title={r.lastEventAt ?? 'No event yet'}>
        {relativeTime(r.lastEventAt, now)}
      </div>
      <div role="gridcell" className="src-cell c-events">{r.eventsLast24h ?? '—'}</div>
      <div role="gridcell" className="src-cell c-cadence">{cadenceLabel(cadenceOf(r))}</div>
      <div role="gridcell" className="src-cell c-created" title={r.createdAt}>
        {r.createdAt.slice(0, 10)}
      </div>
      <div role="gridcell" className="src-cell c-id">
        <CopyId id={r.id} />
      </div>
    </div>
  );
});

function CopyId({ id }: { id: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="copy-id"
      tabIndex={-1}
      title={`Copy ${id}`}
      aria-label={`Copy id ${id}`}
      data-testid="copy-id"
      onClick={(e) => {
        e.stopPropagation();
        void navigator.clipboard?.writeText(id).then(
          () => setCopied(true),
          () => setCopied(false),
        );
      }}
    >
      {copied ? 'Copied' : 'Copy id'}
    </button>
  );
}
