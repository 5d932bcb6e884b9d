/**
 * The live sources monitor: each tick reads the list, diffs it against the previous snapshot
 * and pushes only the changes to the renderer. The list's health (24 h counts) is asked for at
 * the same time in its own request (list-health.ts) and fills its cells in when it arrives: a
 * slow or failing health read never delays the list, and never counts as the list failing. Ticks every 5 s while
 * the window is focused, every 60 s in the background, and not at all while offline
 * (network probes; the monitor resumes the moment it flips online).
 */
import type { Source } from '../../../src-shared/domain/langwatch';
import type { MonitorState, SourceRow } from '../../../src-shared/domain/sources';
import { isAppError } from '../../../src-shared/errors';
import type { ActiveAuth } from '../auth/types';
import { isNetworkFailure } from '../network/network';
import { diffSnapshots, isEmptyDiff } from './diff';
import { createErrorTrend } from './error-trend';
import { IDLE_STATUS, SESSION_EXPIRED } from './monitor-states';
import { createListHealth, type HealthStatus } from './list-health';
import { NO_VIEW, rowsOf, toErrorData, withCounts, type HealthCounts } from './sources-answer';
import { DEFAULT_INTERVALS, intervalFor, nextDelay } from './schedule';
import type { SourcesMonitor, SourcesMonitorOptions } from './monitor-types';

export type { SourcesMonitor, SourcesMonitorOptions } from './monitor-types';

/** Creates the monitor; see the module comment. */
export function createSourcesMonitor(options: SourcesMonitorOptions): SourcesMonitor {
  const { auth, network, clock, log, events } = options;
  const intervals = options.intervals ?? DEFAULT_INTERVALS;
  const listHealth = createListHealth({ onAnswer: applyHealth, deadlineMs: options.healthDeadlineMs });
  let rows: SourceRow[] = [];
  const errors = createErrorTrend();
  let orgId: string | null = null;
  let contextKey = '';
  let visibility = { focused: true, visible: true };
  let lastTickAt: number | null = null;
  let timer: unknown = null;
  let inFlight: Promise<void> | null = null;
  let closed = false;
  let started = false;
  let status: MonitorState = IDLE_STATUS;

  function publishStatus(patch: Partial<MonitorState>): void {
    const next = { ...status, ...patch };
    next.intervalMs = next.phase === 'paused_offline' ? null : intervalFor(visibility, intervals);
    if (JSON.stringify(next) === JSON.stringify(status)) return;
    status = next;
    events.emit('sources.monitor', status);
  }

  function schedule(): void {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    if (closed || !started) return;
    const delay = nextDelay({ ...visibility, online: network.isOnline(), lastTickAt, now: clock.now() }, intervals);
    if (delay === null) {
      publishStatus({ phase: 'paused_offline' });
      return;
    }
    timer = clock.setTimeout(() => {
      timer = null;
      void runTick();
    }, delay);
  }

  /** Runs one tick unless one is in flight (then that one counts). */
  function runTick(): Promise<void> {
    if (inFlight) return inFlight;
    inFlight = tick()
      .catch((error) => log.error('status tick crashed', { error: error as Error }))
      .finally(() => {
        inFlight = null;
        schedule();
      });
    return inFlight;
  }

  function resetRows(nextOrg: string | null): void {
    if (rows.length > 0 && orgId) {
      events.emit('sources.changed', {
        organizationId: orgId,
        upserts: [],
        removed: rows.map((r) => r.id),
        transitions: [],
        updatedAt: new Date(clock.now()).toISOString(),
      });
    }
    rows = [];
    orgId = nextOrg;
    listHealth.reset();
  }

  async function tick(): Promise<void> {
    lastTickAt = clock.now();
    let active;
    try {
      active = auth.requireActive();
    } catch (error) {
      // An expired session keeps the last rows on screen ("updated N s ago" keeps counting):
      // the sources did not vanish, the console just cannot see them until the next sign-in.
      if (auth.state().session.kind === 'expired' && orgId !== null) {
        publishStatus({ phase: 'error', organizationId: orgId, lastError: SESSION_EXPIRED });
        return;
      }
      resetRows(null);
      publishStatus(IDLE_STATUS);
      if (!isAppError(error)) throw error;
      return;
    }
    if (active.organizationId !== orgId) resetRows(active.organizationId);
    const askedFor = active.organizationId;
    const access = { readOnly: active.readOnly, canManage: active.permissions.canManage && !active.readOnly };
    if (!active.permissions.canView) {
      // No permission is a state, not a failure to retry: nothing is asked until it changes.
      resetRows(askedFor);
      publishStatus({ ...access, phase: 'idle', organizationId: askedFor, updatedAt: null, lastError: NO_VIEW });
      return;
    }
    listHealth.request(active);
    let sources: Source[];
    try {
      sources = await active.sources.listLive();
      network.reportSuccess();
    } catch (error) {
      if (isNetworkFailure(error)) {
        network.reportNetworkFailure(error);
        const lastError = toErrorData(error);
        publishStatus({
          ...access,
          ...listHealth.status(),
          phase: 'paused_offline',
          organizationId: askedFor,
          lastError,
        });
        return;
      }
      // Any answer at all proves the network; the error itself is shown, and retried next tick.
      if (isAppError(error) && error.code !== 'auth.not_signed_in') network.reportSuccess();
      log.warn('status tick failed', { code: isAppError(error) ? error.code : 'internal' });
      const lastError = toErrorData(error);
      publishStatus({ ...access, ...listHealth.status(), phase: 'error', organizationId: askedFor, lastError });
      return;
    }
    // The organisation changed while the request was out: its answer belongs to nobody now.
    if (orgId !== askedFor || closed) return;
    applyList(active, sources, access);
  }

  /** Diffs the list against the last rows, pushes the changes, and publishes the status. */
  function applyList(
    active: ActiveAuth,
    sources: Source[],
    access: Pick<MonitorState, 'readOnly' | 'canManage'>,
  ): void {
    const askedFor = active.organizationId;
    const next = rowsOf(sources, listHealth.counts());
    const diff = diffSnapshots(rows, next);
    if (!active.readOnly && diff.removed.length > 0 && options.onVanished) {
      const gone = new Set(diff.removed);
      options.onVanished(
        { profileId: active.profile.id, organizationId: askedFor },
        rows.filter((r) => gone.has(r.id)),
      );
    }
    rows = next;
    errors.observe(next, clock.now());
    const nowMs = clock.now();
    const updatedAt = new Date(nowMs).toISOString();
    // The server's own clock (its Date header) on the answer that arrived a few ms ago: ages
    // are computed from it, never from this machine's clock (which may be set wrong).
    const reading = active.sources.serverClock();
    const serverNow = reading ? new Date(reading.serverMs).toISOString() : null;
    if (!isEmptyDiff(diff)) {
      const changedIds = new Set(diff.changed.map((c) => c.id));
      events.emit('sources.changed', {
        organizationId: askedFor,
        upserts: [...diff.added, ...next.filter((r) => changedIds.has(r.id))],
        removed: diff.removed,
        transitions: diff.transitions,
        updatedAt,
      });
    }
    for (const t of diff.transitions) {
      if (t.from === 'awaiting_first_event' && t.to === 'active')
        events.emit('sources.becameActive', { ...t, organizationId: askedFor });
    }
    publishStatus({
      ...access,
      ...listHealth.status(),
      phase: 'running',
      organizationId: askedFor,
      updatedAt,
      serverNow,
      lastError: null,
    });
  }

  /** A health answer of the current organisation: the counts that changed, then the status. */
  function applyHealth(health: HealthStatus, counts: HealthCounts): void {
    if (closed || orgId === null) return;
    const { rows: next, changed } = withCounts(rows, counts);
    rows = next;
    if (changed.length > 0) {
      events.emit('sources.changed', {
        organizationId: orgId,
        upserts: changed,
        removed: [],
        transitions: [],
        updatedAt: status.updatedAt ?? new Date(clock.now()).toISOString(),
      });
    }
    publishStatus(health);
  }

  const offNetwork = network.onChange((online) => {
    if (online) void runTick();
    else schedule();
  });
  const offAuth = auth.onChange((state) => {
    const key = `${state.activeProfileId}|${state.activeOrganizationId}|${state.session.kind}|${state.permissions?.canManage}`;
    if (key === contextKey) return;
    contextKey = key;
    if (started) void refreshAfterCurrent();
  });

  async function refreshAfterCurrent(): Promise<void> {
    if (inFlight) await inFlight;
    await runTick();
  }

  const monitor: SourcesMonitor = {
    start() {
      if (started || closed) return;
      started = true;
      schedule();
    },
    snapshot: () => ({ status, rows }),
    status: () => status,
    row: (id) => rows.find((r) => r.id === id),
    rows: () => rows,
    errorTrend: (id) => errors.get(id),
    async refreshNow() {
      await refreshAfterCurrent();
      return status;
    },
    async healthSettled() {
      await listHealth.settled();
      return status;
    },
    setVisibility(next) {
      const wasFast = visibility.focused && visibility.visible;
      visibility = { focused: next.focused, visible: next.visible };
      publishStatus({});
      // Becoming focused may make a tick overdue; going to the background only slows down.
      if (wasFast !== (visibility.focused && visibility.visible) && !inFlight) schedule();
      return status;
    },
    close() {
      closed = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      offNetwork();
      offAuth();
    },
  };
  if (options.autoStart ?? true) monitor.start();
  return monitor;
}
