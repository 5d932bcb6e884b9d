import type { SortKey, TableQuery } from './table-model';

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

function ariaSort(key: SortKey | null, query: TableQuery) {
  if (!key) return undefined;
  if (query.sort !== key) return 'none';
  return query.dir === 'asc' ? 'ascending' : 'descending';
}

/** The header row: a sort button per sortable column, with its direction. */
export function SourcesTableHead({ query, onSort }: { query: TableQuery; onSort(key: SortKey): void }) {
  return (
    <div className="src-head" role="row" aria-rowindex={1}>
      {COLUMNS.map((c) => (
        <div key={c.label} role="columnheader" className={`src-cell ${c.className}`} aria-sort={ariaSort(c.key, query)}>
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
  );
}
