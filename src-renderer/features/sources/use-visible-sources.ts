// The sources list's derived model (rows, staged creates, health, visible items), apart from its markup.
import { useEffect, useMemo } from 'react';
import { listStateOf, summarizeAttention } from '../../../src-shared/domain/attention';
import { describeSchedule } from '../../../src-shared/domain/schedule-fact';
import { useKeyChecksStore } from '../../stores/key-checks-store';
import { useOutboxStore } from '../../stores/outbox-store';
import { useSourcesStore } from '../../stores/sources-store';
import { healthByRow, healthCounts, scheduleFactOf, serverNowMs } from './health-model';
import { pendingStaged, visibleItems } from './table-model';
import { useNow } from './use-virtual-window';

/** What the sources list shows: live or archived rows, inline staged creates, their health and counts. */
export function useVisibleSources() {
  const sources = useSourcesStore((s) => s.sources);
  const archived = useSourcesStore((s) => s.archived);
  const loadArchived = useSourcesStore((s) => s.loadArchived);
  const organizationId = useSourcesStore((s) => s.monitorState?.organizationId ?? null);
  const outbox = useOutboxStore((s) => s.entries);
  const schedules = useSourcesStore((s) => s.schedules);
  const serverClock = useSourcesStore((s) => s.serverClock);
  const query = useSourcesStore((s) => s.query);
  const verdicts = useKeyChecksStore((s) => s.bySourceId);
  const phase = useSourcesStore((s) => s.monitorState?.phase ?? null);
  const everLoaded = useSourcesStore((s) => s.monitorState?.updatedAt != null);
  const errorCode = useSourcesStore((s) => s.monitorState?.lastError?.code ?? s.error?.code ?? null);
  // Ages move on between ticks: re-derive the signals every 15 s as well.
  const clockTick = useNow(15_000);

  const showingArchived = query.status === 'archived';
  useEffect(() => {
    if (showingArchived) void loadArchived();
  }, [showingArchived, loadArchived]);

  const rows = showingArchived ? (archived ?? []) : sources;
  const staged = showingArchived ? [] : pendingStaged(outbox, sources, organizationId);
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
  const list = listStateOf({ phase, everLoaded, errorCode });
  const counts = useMemo(
    () => ({ ...healthCounts(health), summary: summarizeAttention(health.values(), list) }),
    [health, list],
  );
  return { showingArchived, rows, staged, health, items, counts };
}
