/**
 * The live sources monitor: one batched request per tick (list + list health), diffed against
 * the previous snapshot, and only the changes pushed to the renderer. Ticks every 5 s while
 * the window is focused, every 60 s in the background, and not at all while offline
 * (network probes; the monitor resumes the moment it flips online).
 */
import type { MonitorState, SourceRow, SourcesSnapshot } from '../../../src-shared/domain/sources';
import { isAppError } from '../../../src-shared/errors';
import type { Clock } from '../clock';
import type { ActiveAuth, AuthService } from '../auth/types';
import { isNetworkFailure, type Network } from '../network/network';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import { diffSnapshots, isEmptyDiff } from './diff';
import { createErrorTrend, type ErrorObservation } from './error-trend';
import { healthKind, NO_VIEW, readSources, rowsOf, toErrorData, type SourcesAnswer } from './sources-answer';
import { DEFAULT_INTERVALS, intervalFor, nextDelay, type ScheduleIntervals } from './schedule';

/** Options of {@link createSourcesMonitor}. */
export interface SourcesMonitorOptions {
  auth: AuthService;
  network: Network;
  clock: Clock;
  log: Logger;
  events: Pick<EventBus, 'emit'>;
  /** Tick intervals; tests inject short ones instead of sleeping. */
  intervals?: ScheduleIntervals;
  /** Do not tick until {@link SourcesMonitor.start} (tests and the composition root). Default true. */
  autoStart?: boolean;
  /**
   * Sources that left the complete (tRPC) list of the same organisation between two ticks:
   * LangWatch has no delete, so they were archived. Their names stay taken (unique index).
   */
  onVanished?: (scope: { profileId: string; organizationId: string }, rows: SourceRow[]) => void;
}

/** The monitor as services and handlers see it. */
export interface SourcesMonitor {
  start(): void;
  snapshot(): SourcesSnapshot;
  status(): MonitorState;
  /** The last known row of one source. */
  row(id: string): SourceRow | undefined;
  /** Rows in server order (by name). */
  rows(): readonly SourceRow[];
  /** The pull error count of a source as watched by this console (newer servers only). */
  errorTrend(id: string): ErrorObservation | undefined;
  /** Ticks now (after any tick in flight) and resolves with the state after it. */
  refreshNow(): Promise<MonitorState>;
  setVisibility(visibility: { focused: boolean; visible: boolean }): MonitorState;
  close(): void;
}

/** Creates the monitor; see the module comment. */
export function createSourcesMonitor(options: SourcesMonitorOptions): SourcesMonitor {
  const { auth, network, clock, log, events } = options;
  const intervals = options.intervals ?? DEFAULT_INTERVALS;
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
  let status: MonitorState = {
    phase: 'idle',
    organizationId: null,
    updatedAt: null,
    serverNow: null,
    intervalMs: null,
    health: 'not_requested',
    healthError: null,
    readOnly: false,
    canManage: false,
    lastError: null,
  };

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
        publishStatus({
          phase: 'error',
          organizationId: orgId,
          lastError: {
            code: 'auth.session_expired',
            message: 'Your session has expired: sign in again to refresh the sources.',
          },
        });
        return;
      }
      resetRows(null);
      publishStatus({
        phase: 'idle',
        organizationId: null,
        updatedAt: null,
        serverNow: null,
        health: 'not_requested',
        healthError: null,
        lastError: null,
        canManage: false,
        readOnly: false,
      });
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
    let answer: SourcesAnswer;
    try {
      answer = await readSources(active);
      network.reportSuccess();
    } catch (error) {
      if (isNetworkFailure(error)) {
        network.reportNetworkFailure(error);
        publishStatus({ ...access, phase: 'paused_offline', organizationId: askedFor, lastError: toErrorData(error) });
        return;
      }
      // Any answer at all proves the network; the error itself is shown, and retried next tick.
      if (isAppError(error) && error.code !== 'auth.not_signed_in') network.reportSuccess();
      log.warn('status tick failed', { code: isAppError(error) ? error.code : 'internal' });
      publishStatus({ ...access, phase: 'error', organizationId: askedFor, lastError: toErrorData(error) });
      return;
    }
    // The organisation changed while the request was out: its answer belongs to nobody now.
    if (orgId !== askedFor || closed) return;
    applyAnswer(active, answer, access);
  }

  /** Diffs the answer against the last rows, pushes the changes, and publishes the status. */
  function applyAnswer(
    active: ActiveAuth,
    answer: SourcesAnswer,
    access: Pick<MonitorState, 'readOnly' | 'canManage'>,
  ): void {
    const askedFor = active.organizationId;
    const { health } = answer;
    const next = rowsOf(answer);
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
    const healthError = health?.kind === 'unavailable' ? health.error : null;
    publishStatus({
      ...access,
      phase: 'running',
      organizationId: askedFor,
      updatedAt,
      serverNow,
      health: healthKind(health),
      healthError,
      lastError: null,
    });
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
