import { useCallback, useEffect, useMemo, useState } from 'react';
import { describeSchedule } from '../../../src-shared/domain/schedule-fact';
import { useAppStore } from '../../stores/app-store';
import { useKeyChecksStore } from '../../stores/key-checks-store';
import { useSourcesStore } from '../../stores/sources-store';
import { SourceDetail } from '../source-detail/SourceDetail';
import { ExportButtons } from './ExportButtons';
import { healthByRow, healthCounts, scheduleFactOf, serverNowMs } from './health-model';
import { ListHealthUnavailable } from './HealthUnavailable';
import { SupportPlanNote } from './SupportPlanNote';
import { OfflineBanner } from './OfflineBanner';
import { SourcesFilters } from './SourcesFilters';
import { SourcesTable } from './SourcesTable';
import { StatusAnnouncer } from './StatusAnnouncer';
import { SummaryStrip } from './SummaryStrip';
import { pendingStaged, visibleItems, type SortKey, type TableItem } from './table-model';
import { UpdatedAgo } from './UpdatedAgo';
import { useSubscription } from '../../app/use-subscription';
import './sources.css';

/** Every ingestion source of the organisation, live; staged ones inline; detail on Enter. */
export function SourcesView() {
  const start = useSourcesStore((s) => s.start);
  const startVerdicts = useKeyChecksStore((s) => s.start);
  const detailId = useSourcesStore((s) => s.detailId);
  const rows = useSourcesStore((s) => s.sources);

  useSubscription(start);
  useEffect(() => {
    // Remembered key verdicts feed the "Key problem" signal.
    void startVerdicts();
  }, [startVerdicts]);

  return (
    <>
      <StatusAnnouncer rows={rows} />
      {detailId ? <SourceDetail id={detailId} /> : <SourcesList />}
    </>
  );
}

function SourcesList() {
  const sources = useSourcesStore((s) => s.sources);
  const archived = useSourcesStore((s) => s.archived);
  const archivedError = useSourcesStore((s) => s.archivedError);
  const loadArchived = useSourcesStore((s) => s.loadArchived);
  const status = useSourcesStore((s) => s.status);
  const outbox = useSourcesStore((s) => s.outbox);
  const schedules = useSourcesStore((s) => s.schedules);
  const serverClock = useSourcesStore((s) => s.serverClock);
  const query = useSourcesStore((s) => s.query);
  const flash = useSourcesStore((s) => s.flash);
  const selectedId = useSourcesStore((s) => s.selectedId);
  const error = useSourcesStore((s) => s.error);
  const setQuery = useSourcesStore((s) => s.setQuery);
  const select = useSourcesStore((s) => s.select);
  const openDetail = useSourcesStore((s) => s.openDetail);
  const refreshNow = useSourcesStore((s) => s.refreshNow);
  const verdicts = useKeyChecksStore((s) => s.bySourceId);
  const testMode = useAppStore((s) => s.info?.mode === 'test');
  // Ages move on between ticks: re-derive the signals every 15 s as well.
  const [clockTick, setClockTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setClockTick((t) => t + 1), 15_000);
    return () => clearInterval(timer);
  }, []);

  const showingArchived = query.status === 'archived';
  useEffect(() => {
    if (showingArchived) void loadArchived();
  }, [showingArchived, loadArchived]);

  const rows = showingArchived ? (archived ?? []) : sources;
  const staged = showingArchived ? [] : pendingStaged(outbox, sources, status?.organizationId ?? null);
  const health = useMemo(
    () => healthByRow(rows, schedules, verdicts, serverNowMs(serverClock, Date.now())),
    // clockTick is listed on purpose: ages move on between ticks.
    [rows, schedules, verdicts, serverClock, clockTick],
  );
  const derived = useMemo(() => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    return {
      health,
      cadenceSec: (id: string) => describeSchedule(scheduleFactOf(byId.get(id) ?? null, schedules[id])).cadenceSec,
    };
  }, [health, rows, schedules]);
  const items = visibleItems(rows, staged, query, derived);
  const counts = useMemo(() => healthCounts(health), [health]);

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

  return (
    <section className="view sources-view" data-testid="sources-view" data-phase={status?.phase ?? 'loading'}>
      <div className="sources-head">
        <h1>Sources</h1>
        <UpdatedAgo status={status} />
        <span className="spacer" />
        <ExportButtons items={items} />
        <button type="button" onClick={() => void refreshNow()} data-testid="refresh-now">
          Refresh now
        </button>
      </div>
      <OfflineBanner status={status} outbox={outbox} />
      {status?.readOnly && (
        <p className="note" data-testid="support-mode">
          Support mode: read-only view through the CLI API.
        </p>
      )}
      {status?.health === 'enterprise_required' && (
        <p className="note" data-testid="health-enterprise">
          Event counts need an Enterprise plan: the list and statuses are complete, the "Events 24 h" column is not
          available.
        </p>
      )}
      <ListHealthUnavailable />
      <SupportPlanNote />
      {error && (
        <div role="alert" className="error-panel">
          {error.message}
        </div>
      )}
      {!showingArchived && (
        <SummaryStrip
          attention={counts.attention}
          byKind={counts.byKind}
          active={query.health}
          onFilter={(signal) => setQuery({ health: signal })}
        />
      )}
      <SourcesFilters
        query={query}
        setQuery={setQuery}
        sources={sources}
        stagedCount={staged.length}
        shown={items.length}
      />
      {showingArchived && (
        <p className="note" data-testid="archived-note">
          {archivedError
            ? `Archived sources could not be loaded: ${archivedError.message}`
            : archived === null
              ? 'Looking up archived sources…'
              : 'LangWatch does not list archived sources: these are the ones this console created, changed or archived.'}
        </p>
      )}
      <SourcesTable
        items={items}
        query={query}
        flash={flash}
        selectedId={selectedId}
        total={rows.length + staged.length}
        onSort={onSort}
        onSelect={select}
        onOpen={onOpen}
        exposeCommit={testMode}
        health={health}
        schedules={schedules}
        serverClock={serverClock}
      />
    </section>
  );
}
