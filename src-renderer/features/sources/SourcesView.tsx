import { useCallback, useEffect, useMemo, useState } from 'react';
import { SourceType } from '../../../src-shared/domain/langwatch';
import { call, lw } from '../../api/lw';
import { useAppStore } from '../../stores/app-store';
import { useSourcesStore } from '../../stores/sources-store';
import { SourceDetail } from '../source-detail/SourceDetail';
import { SOURCE_TYPE_LABEL } from './labels';
import { unknownValues } from './server-values';
import { ListHealthUnavailable } from './HealthUnavailable';
import { SupportPlanNote } from './SupportPlanNote';
import { SourcesTable } from './SourcesTable';
import { pendingStaged, visibleItems, type SortKey, type StatusFilter, type TableItem } from './table-model';
import { UpdatedAgo } from './UpdatedAgo';
import './sources.css';

/** Every ingestion source of the organisation, live; staged ones inline; detail on Enter. */
export function SourcesView() {
  const start = useSourcesStore((s) => s.start);
  const detailId = useSourcesStore((s) => s.detailId);

  useEffect(() => {
    let off: (() => void) | null = null;
    let cancelled = false;
    void start().then((unsubscribe) => {
      if (cancelled) unsubscribe();
      else off = unsubscribe;
    });
    return () => {
      cancelled = true;
      off?.();
    };
  }, [start]);

  return detailId ? <SourceDetail id={detailId} /> : <SourcesList />;
}

function SourcesList() {
  const sources = useSourcesStore((s) => s.sources);
  const status = useSourcesStore((s) => s.status);
  const outbox = useSourcesStore((s) => s.outbox);
  const query = useSourcesStore((s) => s.query);
  const flash = useSourcesStore((s) => s.flash);
  const selectedId = useSourcesStore((s) => s.selectedId);
  const error = useSourcesStore((s) => s.error);
  const setQuery = useSourcesStore((s) => s.setQuery);
  const select = useSourcesStore((s) => s.select);
  const openDetail = useSourcesStore((s) => s.openDetail);
  const refreshNow = useSourcesStore((s) => s.refreshNow);
  const testMode = useAppStore((s) => s.info?.mode === 'test');
  const [exportNote, setExportNote] = useState<string | null>(null);

  const staged = pendingStaged(outbox, sources, status?.organizationId ?? null);
  const items = visibleItems(sources, staged, query);
  const counts = useMemo(() => {
    // Keyed by any status: a newer server may send ones this console does not know.
    const c: Record<string, number> = { awaiting_first_event: 0, active: 0, disabled: 0 };
    for (const r of sources) c[r.status] = (c[r.status] ?? 0) + 1;
    return c;
  }, [sources]);

  const onSort = useCallback(
    (key: SortKey) => {
      const current = useSourcesStore.getState().query;
      setQuery(current.sort === key ? { dir: current.dir === 'asc' ? 'desc' : 'asc' } : { sort: key, dir: 'asc' });
    },
    [setQuery],
  );
  const onOpen = useCallback(
    (item: TableItem) => {
      if (item.kind === 'source') openDetail(item.id);
    },
    [openDetail],
  );

  async function exportAs(format: 'json' | 'csv') {
    const ids = items.flatMap((i) => (i.kind === 'source' ? [i.id] : []));
    const stagedRows = items.flatMap((i) => (i.kind === 'staged' ? [{ name: i.entry.name, state: i.entry.state, sourceType: 'claude_compliance' }] : []));
    const result = await call(() => lw().sources.export({ format, ids, staged: stagedRows }));
    if (!result.ok) {
      setExportNote(`Export failed: ${result.error.message}`);
      return;
    }
    const url = URL.createObjectURL(new Blob([result.value.text], { type: result.value.mime }));
    const link = document.createElement('a');
    link.href = url;
    link.download = result.value.filename;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setExportNote(`Exported ${result.value.rows} rows as ${result.value.filename}`);
  }

  return (
    <section className="view sources-view" data-testid="sources-view" data-phase={status?.phase ?? 'loading'}>
      <div className="sources-head">
        <h1>Sources</h1>
        <UpdatedAgo status={status} />
        <button type="button" onClick={() => void refreshNow()} data-testid="refresh-now">
          Refresh now
        </button>
      </div>
      {status?.readOnly && (
        <p className="note" data-testid="support-mode">
          Support mode: read-only view through the CLI API.
        </p>
      )}
      {status?.health === 'enterprise_required' && (
        <p className="note" data-testid="health-enterprise">
          Event counts need an Enterprise plan: the list and statuses are complete, the "Events 24 h" column is not available.
        </p>
      )}
      <ListHealthUnavailable />
      <SupportPlanNote />
      {error && (
        <div role="alert" className="error-panel">
          {error.message}
        </div>
      )}
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
          <select value={query.status} data-testid="filter-status" onChange={(e) => setQuery({ status: e.target.value as StatusFilter })}>
            <option value="all">All ({sources.length + staged.length})</option>
            <option value="awaiting_first_event">Awaiting first event ({counts.awaiting_first_event})</option>
            <option value="active">Active ({counts.active})</option>
            <option value="disabled">Disabled ({counts.disabled})</option>
            {unknownValues(sources, 'status').map((s) => (
              <option key={s} value={s}>
                {s} (unknown status) ({counts[s]})
              </option>
            ))}
            <option value="staged">Staged ({staged.length})</option>
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
        <span className="muted" data-testid="sources-count">
          {items.length} shown
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => void exportAs('json')} data-testid="export-json">
          Export JSON
        </button>
        <button type="button" onClick={() => void exportAs('csv')} data-testid="export-csv">
          Export CSV
        </button>
      </div>
      {exportNote && (
        <p className="note" data-testid="export-note" role="status">
          {exportNote}
        </p>
      )}
      <SourcesTable
        items={items}
        query={query}
        flash={flash}
        selectedId={selectedId}
        total={sources.length + staged.length}
        onSort={onSort}
        onSelect={select}
        onOpen={onOpen}
        exposeCommit={testMode}
      />
    </section>
  );
}
