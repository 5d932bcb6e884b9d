/**
 * The outbox worker's scheduler: submits due entries with bounded concurrency on the injected
 * clock, wakes on reconnect and on sign-in, expires keys past their TTL. One attempt, its
 * failures and the follow-up of submitted entries live in the worker-*.ts files beside it.
 */
import { AppError } from '../../../src-shared/errors';
import { isWaiting, type OutboxEntry } from './entry';
import { transition, type OutboxEvent } from './transitions';
import { createAttempt } from './worker-attempt';
import { createSubmittedDrain } from './worker-drain';
import { createFailureHandler } from './worker-failure';
import { createKeychainWait } from './worker-keychain-wait';
import type { OutboxWorker, WorkerContext, WorkerHistoryHook, WorkerOptions } from './worker-types';
import { wipeStagedKey } from './wipe';

export type { OutboxWorker, WorkerHistoryHook, WorkerOptions } from './worker-types';

const MAX_TIMER_MS = 60 * 60_000;
/** How far the wall clock may go back before waiting entries stop trusting their schedule. */
const CLOCK_BACK_TOLERANCE_MS = 60_000;

// Events whose record need not be on disk before the worker goes on: a crash loses at most
// the bookkeeping, and a resumed create is reconciled before any retry anyway.
const VOLATILE = new Set<OutboxEvent['type']>(['attempt_started', 'key_checked', 'reconciled_none', 'succeeded']);

/** The parts of one attempt, built over the scheduler (see the worker-*.ts files). */
interface WorkerParts {
  rescue: ReturnType<typeof createFailureHandler>['rescue'];
  drain: ReturnType<typeof createSubmittedDrain>;
  keychainWait: ReturnType<typeof createKeychainWait>;
  attempt: ReturnType<typeof createAttempt>;
}

/** What the scheduler's functions share. */
interface WorkerState {
  options: WorkerOptions;
  concurrency: number;
  /** Entries with an attempt (or an expiry) in flight, with the controller that aborts it. */
  running: Map<string, AbortController>;
  attempts: Map<string, Promise<void>>;
  inFlight: Set<Promise<void>>;
  signInWaits: Map<string, AbortController>;
  idleWaiters: Array<() => void>;
  timer: unknown;
  started: boolean;
  stopped: boolean;
  parts: WorkerParts;
}

type SchedulerState = Omit<WorkerState, 'parts'>;

async function apply(state: SchedulerState, id: string, event: OutboxEvent): Promise<OutboxEntry> {
  const { store, clock } = state.options;
  const current = store.get(id);
  if (!current) throw new AppError('outbox.not_found', 'This outbox entry no longer exists.', { stagedId: id });
  const next = transition(current, event, clock.now());
  if (next === current) return current;
  if (VOLATILE.has(event.type)) store.putLater(next);
  else await store.put(next);
  state.options.onChange();
  return next;
}

/** Applies one event to every matching record with ONE durable write (sign-in, reconnect). */
async function applyAll(state: SchedulerState, match: (e: OutboxEntry) => boolean, event: OutboxEvent): Promise<void> {
  const { store, clock, log } = state.options;
  const now = clock.now();
  const changed = store
    .all()
    .filter((e) => match(e) && !state.running.has(e.id))
    .map((e) => transition(e, event, now));
  if (changed.length === 0) return;
  await store
    .put(...changed)
    .catch((error) => log.error('could not save outbox records', { event: event.type, error }));
  state.options.onChange();
}

// A wall clock that jumped back (NTP, a manual change) leaves an entry last changed "in the
// future" with a schedule an hour or more away: it is due at once (one attempt; its next
// schedule is then on the new clock), instead of waiting out the jump.
const clockWentBack = (e: OutboxEntry, now: number) => Date.parse(e.updatedAt) - now > CLOCK_BACK_TOLERANCE_MS;
const due = (state: SchedulerState, e: OutboxEntry, now: number) =>
  (e.state === 'staged' || e.state === 'retrying') &&
  e.nextAttemptAt !== null &&
  (Date.parse(e.nextAttemptAt) <= now || clockWentBack(e, now)) &&
  !state.running.has(e.id);

function expireDue(state: WorkerState, entries: readonly OutboxEntry[], now: number): void {
  for (const entry of entries) {
    if (isWaiting(entry) && !state.running.has(entry.id) && Date.parse(entry.expiresAt) <= now) {
      state.running.set(entry.id, new AbortController());
      track(
        state,
        expire(state, entry).finally(() => finish(state, entry.id)),
      );
    }
  }
}

/** Starts attempts of due entries, oldest schedule first, up to the concurrency. */
function startDue(state: WorkerState, entries: readonly OutboxEntry[], now: number): void {
  const { running, attempts, parts } = state;
  const ready = entries
    .filter((e) => due(state, e, now))
    .sort((a, b) => Date.parse(a.nextAttemptAt!) - Date.parse(b.nextAttemptAt!));
  for (const entry of ready) {
    if (running.size >= state.concurrency) break;
    const controller = new AbortController();
    running.set(entry.id, controller);
    const work = parts
      .attempt(entry.id, controller.signal)
      .catch((error: unknown) =>
        state.options.log.error('outbox attempt crashed', { stagedId: entry.id, error: error as Error }),
      )
      .finally(() => {
        parts.rescue(entry.id);
        attempts.delete(entry.id);
        finish(state, entry.id);
      });
    attempts.set(entry.id, work);
    track(state, work);
  }
}

/** Sets the timer for the next expiry or schedule (none when nothing waits). */
function planWake(state: WorkerState, now: number): void {
  const { running, options } = state;
  let wakeAt = Infinity;
  for (const e of options.store.all()) {
    if (running.has(e.id) || !isWaiting(e)) continue;
    wakeAt = Math.min(wakeAt, Date.parse(e.expiresAt));
    if ((e.state === 'staged' || e.state === 'retrying') && e.nextAttemptAt && running.size < state.concurrency) {
      wakeAt = Math.min(wakeAt, Date.parse(e.nextAttemptAt));
    }
  }
  if (wakeAt !== Infinity) {
    state.timer = options.clock.setTimeout(() => pump(state), Math.min(MAX_TIMER_MS, Math.max(0, wakeAt - now)));
  }
}

function pump(state: WorkerState): void {
  if (!state.started || state.stopped) return;
  const { clock, store } = state.options;
  if (state.timer !== null) clock.clearTimeout(state.timer);
  state.timer = null;
  const now = clock.now();
  const entries = store.all();
  expireDue(state, entries, now);
  startDue(state, entries, now);
  planWake(state, now);
  checkIdle(state);
}

function isIdle(state: SchedulerState): boolean {
  const { store, clock } = state.options;
  return state.running.size === 0 && state.inFlight.size === 0 && !store.all().some((e) => due(state, e, clock.now()));
}

function checkIdle(state: SchedulerState): void {
  if (isIdle(state)) for (const resolve of state.idleWaiters.splice(0)) resolve();
}

function track(state: SchedulerState, work: Promise<void>): void {
  state.inFlight.add(work);
  void work.finally(() => {
    state.inFlight.delete(work);
    checkIdle(state);
  });
}

function finish(state: WorkerState, id: string): void {
  state.running.delete(id);
  // The wait for a sign-in wakes only entries that are not running, so it is set up here,
  // once the attempt is over: a sign-in that landed while the attempt was still finishing
  // then resolves the wait at once instead of leaving the entry in needs_sign_in for good.
  const entry = state.options.store.get(id);
  if (entry?.state === 'needs_sign_in') waitForSignIn(state, entry);
  pump(state);
}

async function expire(state: SchedulerState, entry: OutboxEntry): Promise<void> {
  const { secrets, log } = state.options;
  try {
    if (entry.keyHeld) await wipeStagedKey({ secrets, log }, entry.id, 'expired');
    await apply(state, entry.id, { type: 'expired' });
    log.info('staged key expired and wiped', { stagedId: entry.id });
  } catch (error) {
    log.error('could not expire staged entry', { stagedId: entry.id, error });
  }
}

/** Waits for the owner's session on the entry's profile, then wakes that owner's entries. */
function waitForSignIn(state: WorkerState, entry: Pick<OutboxEntry, 'profileId' | 'owner'>): void {
  const { profileId } = entry;
  const { signInWaits } = state;
  const userId = entry.owner?.userId;
  const key = `${profileId}\u0000${userId ?? ''}`;
  if (signInWaits.has(key) || state.stopped || !userId) return;
  const controller = new AbortController();
  signInWaits.set(key, controller);
  state.options.auth
    .waitForSession(profileId, controller.signal, userId)
    .then(async () => {
      signInWaits.delete(key);
      const mine = (e: OutboxEntry) => e.profileId === profileId && e.owner?.userId === userId;
      await applyAll(state, (e) => mine(e) && e.state === 'needs_sign_in', { type: 'signed_in' });
      pump(state);
    })
    .catch(() => signInWaits.delete(key));
}

/** Builds the parts of one attempt over the scheduler's state. */
function withParts(base: SchedulerState, afterSubmit: WorkerHistoryHook): WorkerState {
  const state = base as WorkerState; // `parts` is set below, before anything can run
  const context: WorkerContext = {
    options: base.options,
    apply: (id, event) => apply(base, id, event),
    isStopped: () => base.stopped,
  };
  const failures = createFailureHandler(context);
  const drain = createSubmittedDrain(context, afterSubmit, {
    track: (work) => track(base, work),
    settled: () => checkIdle(base),
  });
  const keychainWait = createKeychainWait(context, {
    applyAll: (match, event) => applyAll(base, match, event),
    pump: () => pump(state),
  });
  const attempt = createAttempt(context, drain, failures, keychainWait);
  state.parts = { rescue: failures.rescue, drain, keychainWait, attempt };
  return state;
}

function start(state: WorkerState): void {
  if (state.started) return;
  state.started = true;
  const { store } = state.options;
  for (const e of store.all()) if (e.state === 'needs_sign_in') waitForSignIn(state, e);
  if (store.all().some((e) => e.state === 'waiting_for_keychain')) state.parts.keychainWait.checkNow();
  pump(state);
}

async function stop(state: WorkerState, unsubscribeNetwork: (() => void) | undefined): Promise<void> {
  state.stopped = true;
  unsubscribeNetwork?.();
  state.parts.keychainWait.stop();
  if (state.timer !== null) state.options.clock.clearTimeout(state.timer);
  for (const c of state.signInWaits.values()) c.abort();
  for (const c of state.running.values()) c.abort();
  // Let aborted attempts record their outcome before the files and logs close.
  await Promise.allSettled([...state.inFlight]);
  for (const resolve of state.idleWaiters.splice(0)) resolve();
}

/** Creates the worker (see {@link OutboxWorker}); `afterSubmit` records the local history. */
export function createOutboxWorker(options: WorkerOptions, afterSubmit: WorkerHistoryHook): OutboxWorker {
  const state = withParts(
    {
      options,
      concurrency: Math.max(1, options.concurrency ?? 4),
      running: new Map(),
      attempts: new Map(),
      inFlight: new Set(),
      signInWaits: new Map(),
      idleWaiters: [],
      timer: null,
      started: false,
      stopped: false,
    },
    afterSubmit,
  );
  const unsubscribeNetwork = options.network?.onChange((online) => {
    if (!online) return;
    void (async () => {
      await applyAll(state, (e) => e.state === 'retrying', { type: 'reconnected' });
      pump(state);
    })();
  });
  return {
    start: () => start(state),
    stop: () => stop(state, unsubscribeNetwork),
    wake: () => pump(state),
    apply: (id, event) => apply(state, id, event),
    isRunning: (id) => state.running.has(id),
    async cancel(id) {
      state.running.get(id)?.abort();
      await state.attempts.get(id)?.catch(() => undefined);
    },
    idle() {
      if (isIdle(state)) return Promise.resolve();
      return new Promise((resolve) => state.idleWaiters.push(resolve));
    },
    checkKeychainNow: () => state.parts.keychainWait.checkNow(),
    async drained() {
      for (let d = state.parts.drain.current(); d; d = state.parts.drain.current()) await d;
    },
  };
}
