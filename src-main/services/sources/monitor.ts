/**
 * The live sources monitor: each tick reads the list, diffs it against the previous snapshot and
 * pushes only the changes. The list's health (24 h counts) is asked for beside it (list-health.ts)
 * and fills its cells in when it arrives: never delaying the list, never failing it. Ticks every
 * 5 s while focused, 60 s in the background, not at all while offline (resumes when back online).
 */
import type { Source } from '../../../src-shared/domain/langwatch';
import type { MonitorState, SourceRow } from '../../../src-shared/domain/sources';
import { isAppError } from '../../../src-shared/errors';
import type { AuthState } from '../../../src-shared/domain/auth';
import type { ActiveAuth } from '../auth/types';
import { isNetworkFailure } from '../network/network';
import { diffSnapshots, isEmptyDiff } from './diff';
import { createErrorTrend, type ErrorTrend } from './error-trend';
import { IDLE_MONITOR_STATE, NO_VIEW, SESSION_EXPIRED } from './monitor-states';
import { createListHealth, type HealthStatus, type ListHealth } from './list-health';
import { rowsOf, toErrorData, withCounts, type HealthCounts } from './sources-answer';
import type { MonitorAccess as Access, SourcesMonitor, SourcesMonitorOptions } from './monitor-options';
import { DEFAULT_INTERVALS, intervalFor, nextDelay, type ScheduleIntervals } from './schedule';

export type { SourcesMonitor, SourcesMonitorOptions } from './monitor-options';

/** What the monitor's functions share (its published state is `monitorState`). */
interface MonitorRuntime {
  options: SourcesMonitorOptions;
  intervals: ScheduleIntervals;
  listHealth: ListHealth;
  errors: ErrorTrend;
  rows: SourceRow[];
  orgId: string | null;
  contextKey: string;
  visibility: { focused: boolean; visible: boolean };
  lastTickAt: number | null;
  timer: unknown;
  inFlight: Promise<void> | null;
  closed: boolean;
  started: boolean;
  monitorState: MonitorState;
}

function publishMonitorState(m: MonitorRuntime, patch: Partial<MonitorState>): void {
  const next = { ...m.monitorState, ...patch };
  next.intervalMs = next.phase === 'paused_offline' ? null : intervalFor(m.visibility, m.intervals);
  if (JSON.stringify(next) === JSON.stringify(m.monitorState)) return;
  m.monitorState = next;
  m.options.events.emit('sources.monitor', m.monitorState);
}

function schedule(m: MonitorRuntime): void {
  const { clock, network } = m.options;
  if (m.timer !== null) clock.clearTimeout(m.timer);
  m.timer = null;
  if (m.closed || !m.started) return;
  const delay = nextDelay(
    { ...m.visibility, online: network.isOnline(), lastTickAt: m.lastTickAt, now: clock.now() },
    m.intervals,
  );
  if (delay === null) {
    publishMonitorState(m, { phase: 'paused_offline' });
    return;
  }
  m.timer = clock.setTimeout(() => {
    m.timer = null;
    void runTick(m);
  }, delay);
}

/** Runs one tick unless one is in flight (then that one counts). */
function runTick(m: MonitorRuntime): Promise<void> {
  if (m.inFlight) return m.inFlight;
  m.inFlight = tick(m)
    .catch((error) => m.options.log.error('monitor tick crashed', { error: error as Error }))
    .finally(() => {
      m.inFlight = null;
      schedule(m);
    });
  return m.inFlight;
}

function resetRows(m: MonitorRuntime, nextOrg: string | null): void {
  if (m.rows.length > 0 && m.orgId) {
    m.options.events.emit('sources.changed', {
      organizationId: m.orgId,
      upserts: [],
      removed: m.rows.map((r) => r.id),
      transitions: [],
      updatedAt: new Date(m.options.clock.now()).toISOString(),
    });
  }
  m.rows = [];
  m.orgId = nextOrg;
  m.listHealth.reset();
}

/** No active organisation: keep the rows of an expired session, else clear them. */
function tickWithoutActive(m: MonitorRuntime, error: unknown): void {
  // An expired session keeps the last rows on screen ("updated N s ago" keeps counting):
  // the sources did not vanish, the console just cannot see them until the next sign-in.
  if (m.options.auth.state().session.kind === 'expired' && m.orgId !== null) {
    publishMonitorState(m, { phase: 'error', organizationId: m.orgId, lastError: SESSION_EXPIRED });
    return;
  }
  resetRows(m, null);
  publishMonitorState(m, IDLE_MONITOR_STATE);
  if (!isAppError(error)) throw error;
}

function listFailed(m: MonitorRuntime, error: unknown, access: Access, askedFor: string): void {
  const { network, log } = m.options;
  const failed = { ...access, ...m.listHealth.status(), organizationId: askedFor, lastError: toErrorData(error) };
  if (isNetworkFailure(error)) {
    network.reportNetworkFailure(error);
    publishMonitorState(m, { ...failed, phase: 'paused_offline' });
    return;
  }
  // Any answer at all proves the network; the error itself is shown, and retried next tick.
  if (isAppError(error) && error.code !== 'auth.not_signed_in') network.reportSuccess();
  log.warn('monitor tick failed', { code: isAppError(error) ? error.code : 'internal' });
  publishMonitorState(m, { ...failed, phase: 'error' });
}

async function tick(m: MonitorRuntime): Promise<void> {
  const { auth, network, clock } = m.options;
  m.lastTickAt = clock.now();
  let active;
  try {
    active = auth.requireActive();
  } catch (error) {
    tickWithoutActive(m, error);
    return;
  }
  if (active.organizationId !== m.orgId) resetRows(m, active.organizationId);
  const askedFor = active.organizationId;
  const access = { readOnly: active.readOnly, canManage: active.permissions.canManage && !active.readOnly };
  if (!active.permissions.canView) {
    // No permission is a state, not a failure to retry: nothing is asked until it changes.
    resetRows(m, askedFor);
    publishMonitorState(m, { ...access, phase: 'idle', organizationId: askedFor, updatedAt: null, lastError: NO_VIEW });
    return;
  }
  // The list is asked for first (it is what paints); the health right after, in its own request.
  const listing = active.sources.listLive();
  m.listHealth.request(active);
  let sources: Source[];
  try {
    sources = await listing;
    network.reportSuccess();
  } catch (error) {
    listFailed(m, error, access, askedFor);
    return;
  }
  // The organisation changed while the request was out: its answer belongs to nobody now.
  if (m.orgId !== askedFor || m.closed) return;
  applyList(m, active, sources, access);
}

/** Diffs the list against the last rows, pushes the changes, and publishes the monitor state. */
function applyList(m: MonitorRuntime, active: ActiveAuth, sources: Source[], access: Access): void {
  const { events, clock, onVanished } = m.options;
  const askedFor = active.organizationId;
  const next = rowsOf(sources, m.listHealth.counts());
  const diff = diffSnapshots(m.rows, next);
  if (!active.readOnly && diff.removed.length > 0 && onVanished) {
    const gone = new Set(diff.removed);
    onVanished(
      { profileId: active.profile.id, organizationId: askedFor },
      m.rows.filter((r) => gone.has(r.id)),
    );
  }
  m.rows = next;
  m.errors.observe(next, clock.now());
  const updatedAt = new Date(clock.now()).toISOString();
  // The server's own clock (its Date header) on the answer that arrived a few ms ago: ages
  // are computed from it, never from this machine's clock (which may be set wrong).
  const reading = active.sources.serverClock();
  const serverNow = reading ? new Date(reading.serverMs).toISOString() : null;
  if (!isEmptyDiff(diff)) {
    events.emit('sources.changed', {
      organizationId: askedFor,
      upserts: [...diff.added, ...diff.changedRows],
      removed: diff.removed,
      transitions: diff.transitions,
      updatedAt,
    });
  }
  for (const t of diff.transitions) {
    if (t.from === 'awaiting_first_event' && t.to === 'active')
      events.emit('sources.becameActive', { ...t, organizationId: askedFor });
  }
  const health = m.listHealth.status();
  publishMonitorState(m, {
    ...access,
    ...health,
    phase: 'running',
    organizationId: askedFor,
    updatedAt,
    serverNow,
    lastError: null,
  });
}

/** A health answer of the current organisation: the counts that changed, then the monitor state. */
function applyHealth(m: MonitorRuntime, health: HealthStatus, counts: HealthCounts): void {
  if (m.closed || m.orgId === null) return;
  const { rows: next, changed } = withCounts(m.rows, counts);
  m.rows = next;
  if (changed.length > 0) {
    m.options.events.emit('sources.changed', {
      organizationId: m.orgId,
      upserts: changed,
      removed: [],
      transitions: [],
      updatedAt: m.monitorState.updatedAt ?? new Date(m.options.clock.now()).toISOString(),
    });
  }
  publishMonitorState(m, health);
}

function onAuthChange(m: MonitorRuntime, state: AuthState): void {
  const key = `${state.activeProfileId}|${state.activeOrganizationId}|${state.session.kind}|${state.permissions?.canManage}`;
  if (key === m.contextKey) return;
  m.contextKey = key;
  if (m.started) void refreshAfterCurrent(m);
}

async function refreshAfterCurrent(m: MonitorRuntime): Promise<void> {
  if (m.inFlight) await m.inFlight;
  await runTick(m);
}

function setVisibility(m: MonitorRuntime, next: { focused: boolean; visible: boolean }): MonitorState {
  const wasFast = m.visibility.focused && m.visibility.visible;
  m.visibility = { focused: next.focused, visible: next.visible };
  publishMonitorState(m, {});
  // Becoming focused may make a tick overdue; going to the background only slows down.
  if (wasFast !== (m.visibility.focused && m.visibility.visible) && !m.inFlight) schedule(m);
  return m.monitorState;
}

/** Creates the monitor; see the module comment. */
export function createSourcesMonitor(options: SourcesMonitorOptions): SourcesMonitor {
  const m = {
    options,
    intervals: options.intervals ?? DEFAULT_INTERVALS,
    errors: createErrorTrend(),
    rows: [],
    orgId: null,
    contextKey: '',
    visibility: { focused: true, visible: true },
    lastTickAt: null,
    timer: null,
    inFlight: null,
    closed: false,
    started: false,
    monitorState: IDLE_MONITOR_STATE,
  } as Omit<MonitorRuntime, 'listHealth'> as MonitorRuntime; // listHealth is set next, before any tick
  m.listHealth = createListHealth({
    onAnswer: (health, counts) => applyHealth(m, health, counts),
    deadlineMs: options.healthDeadlineMs,
  });
  const offNetwork = options.network.onChange((online) => {
    if (online) void runTick(m);
    else schedule(m);
  });
  const offAuth = options.auth.onChange((state) => onAuthChange(m, state));
  const monitor: SourcesMonitor = {
    start() {
      if (m.started || m.closed) return;
      m.started = true;
      schedule(m);
    },
    snapshot: () => ({ monitorState: m.monitorState, rows: m.rows }),
    monitorState: () => m.monitorState,
    row: (id) => m.rows.find((r) => r.id === id),
    rows: () => m.rows,
    errorTrend: (id) => m.errors.get(id),
    async refreshNow() {
      await refreshAfterCurrent(m);
      return m.monitorState;
    },
    async healthSettled() {
      await m.listHealth.settled();
      return m.monitorState;
    },
    setVisibility: (next) => setVisibility(m, next),
    close() {
      m.closed = true;
      if (m.timer !== null) options.clock.clearTimeout(m.timer);
      m.timer = null;
      offNetwork();
      offAuth();
    },
  };
  if (options.autoStart ?? true) monitor.start();
  return monitor;
}
