import { SourceStatus, SourceType } from '../../../src-shared/domain/langwatch';
import type { SourceRow } from '../../../src-shared/domain/sources';
import { HEALTH_KINDS, type HealthKind } from '../../../src-shared/domain/source-health';
import { SOURCE_STATUS_LOOK } from '../../../src-shared/domain/state-looks';
import { SOURCE_TYPE_LABEL } from './labels';
import { unknownValues } from './server-values';
import type { HealthFilter, StatusFilter, TableQuery } from './table-model';

interface Props {
  query: TableQuery;
  setQuery(patch: Partial<TableQuery>): void;
  /** The listed sources: statuses and types a newer server sent are offered too. */
  sources: SourceRow[];
  stagedCount: number;
  shown: number;
}

/** Search and the status, type and health filters of the sources list. */
export function SourcesFilters({ query, setQuery, sources, stagedCount, shown }: Props) {
  return (
    <div className="sources-filters row">
      <input
        type="search"
        placeholder="Search name, id, type…"
        aria-label="Search sources"
        data-testid="sources-search"
        value={query.text}
        maxLength={256}
        onChange={(e) => setQuery({ text: e.target.value })}
      />
      <label>
        Status{' '}
        <select
          value={query.status}
          data-testid="filter-status"
          onChange={(e) => setQuery({ status: e.target.value as StatusFilter })}
        >
          <option value="all">All listed</option>
          {SourceStatus.options.map((s) => (
            <option key={s} value={s}>
              {SOURCE_STATUS_LOOK[s].label}
            </option>
          ))}
          {unknownValues(sources, 'status').map((s) => (
            <option key={s} value={s}>
              {s} (unknown status)
            </option>
          ))}
          <option value="staged">Staged ({stagedCount})</option>
          <option value="archived">Archived</option>
        </select>
      </label>
      <label>
        Type{' '}
        <select value={query.type} data-testid="filter-type" onChange={(e) => setQuery({ type: e.target.value })}>
          <option value="all">All types</option>
          {SourceType.options.map((t) => (
            <option key={t} value={t}>
              {SOURCE_TYPE_LABEL[t]}
            </option>
          ))}
          {unknownValues(sources, 'sourceType').map((t) => (
            <option key={t} value={t}>
              {t} (unknown type)
            </option>
          ))}
        </select>
      </label>
      <label>
        Health{' '}
        <select
          value={query.health}
          data-testid="filter-health"
          onChange={(e) => setQuery({ health: e.target.value as HealthFilter })}
        >
          <option value="all">Any</option>
          <option value="attention">Needs attention</option>
          {HEALTH_KINDS.map((k: HealthKind) => (
            <option key={k} value={k}>
              {k.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      </label>
      <span className="muted" data-testid="sources-count">
        {shown} shown
      </span>
    </div>
  );
}
