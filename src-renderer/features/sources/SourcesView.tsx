import { useCallback, useEffect } from 'react';
import { useAppStore } from '../../stores/app-store';
import { useAuthStateStore } from '../../stores/auth-state-store';
import { useKeyChecksStore } from '../../stores/key-checks-store';
import { useOutboxStore } from '../../stores/outbox-store';
import { useSourcesStore } from '../../stores/sources-store';
import { SourceDetail } from '../source-detail/SourceDetail';
import { ArchivedNote, ListNotes } from './ListNotes';
import { NoAccess } from './NoAccess';
import { OfflineBanner } from './OfflineBanner';
import { SourcesFilters } from './SourcesFilters';
import { SourcesHead } from './SourcesHead';
import { SourcesTable } from './SourcesTable';
import { StatusAnnouncer } from './StatusAnnouncer';
import { SummaryStrip } from './SummaryStrip';
import type { SortKey, TableItem } from './table-model';
import { useVisibleSources } from './use-visible-sources';
import { useSubscription } from '../../stores/use-subscription';
import './sources.css';

/** Every ingestion source of the organisation, live; staged ones inline; detail on Enter. */
export function SourcesView() {
  const start = useSourcesStore((s) => s.start);
  const startVerdicts = useKeyChecksStore((s) => s.start);
  const detailId = useSourcesStore((s) => s.detailId);
  const rows = useSourcesStore((s) => s.sources);
  const noAccess = useNoViewPermission();

  useSubscription(start);
  useEffect(() => {
    // Remembered key verdicts feed the "Key problem" signal.
    void startVerdicts();
  }, [startVerdicts]);

  return (
    <>
      <StatusAnnouncer rows={rows} />
      {noAccess ? <NoAccess /> : detailId ? <SourceDetail id={detailId} /> : <SourcesList />}
    </>
  );
}

/** The person may not view sources here: their permissions say so, or LangWatch refused the list. */
function useNoViewPermission(): boolean {
  const canView = useAuthStateStore((s) => s.state?.permissions?.canView ?? true);
  const refused = useSourcesStore(
    (s) => s.monitorState?.lastError?.code === 'langwatch.forbidden' || s.error?.code === 'langwatch.forbidden',
  );
  return !canView || refused;
}

function SourcesList() {
  const sources = useSourcesStore((s) => s.sources);
  const monitorState = useSourcesStore((s) => s.monitorState);
  const outbox = useOutboxStore((s) => s.entries);
  const schedules = useSourcesStore((s) => s.schedules);
  const serverClock = useSourcesStore((s) => s.serverClock);
  const query = useSourcesStore((s) => s.query);
  const flash = useSourcesStore((s) => s.flash);
  const selectedId = useSourcesStore((s) => s.selectedId);
  const setQuery = useSourcesStore((s) => s.setQuery);
  const select = useSourcesStore((s) => s.select);
  const openDetail = useSourcesStore((s) => s.openDetail);
  const testMode = useAppStore((s) => s.info?.mode === 'test');
  const { showingArchived, rows, staged, health, items, counts } = useVisibleSources();

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
    <section className="view sources-view" data-testid="sources-view" data-phase={monitorState?.phase ?? 'loading'}>
      <SourcesHead items={items} />
      <OfflineBanner monitorState={monitorState} outbox={outbox} />
      <ListNotes />
      {!showingArchived && (
        <SummaryStrip
          summary={counts.summary}
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
      {showingArchived && <ArchivedNote />}
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
