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

/** Creates the worker (see {@link OutboxWorker}); `afterSubmit` records the local history. */
export function createOutboxWorker(options: WorkerOptions, afterSubmit: WorkerHistoryHook): OutboxWorker {
  const { store, secrets, clock, log } = options;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const running = new Map<string, AbortController>();
  const attempts = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  const signInWaits = new Map<string, AbortController>();
  const idleWaiters: Array<() => void> = [];
  let timer: unknown = null;
  let started = false;
  let stopped = false;

  // Events whose record need not be on disk before the worker goes on: a crash loses at most
  // the bookkeeping, and a resumed create is reconciled before any retry anyway.
  const VOLATILE = new Set<OutboxEvent['type']>(['attempt_started', 'key_checked', 'reconciled_none', 'succeeded']);

  async function apply(id: string, event: OutboxEvent): Promise<OutboxEntry> {
    const current = store.get(id);
    if (!current) throw new AppError('outbox.not_found', 'This outbox entry no longer exists.', { stagedId: id });
    const next = transition(current, event, clock.now());
    if (next === current) return current;
    if (VOLATILE.has(event.type)) store.putLater(next);
    else await store.put(next);
    options.onChange();
    return next;
  }

  /** Applies one event to every matching record with ONE durable write (sign-in, reconnect). */
  async function applyAll(match: (e: OutboxEntry) => boolean, event: OutboxEvent): Promise<void> {
    const now = clock.now();
    const changed = store
      .all()
      .filter((e) => match(e) && !running.has(e.id))
      .map((e) => transition(e, event, now));
    if (changed.length === 0) return;
    await store
      .put(...changed)
      .catch((error) => log.error('could not save outbox records', { event: event.type, error }));
    options.onChange();
  }

  // A wall clock that jumped back (NTP, a manual change) leaves an entry last changed "in the
  // future" with a schedule an hour or more away: it is due at once (one attempt; its next
  // schedule is then on the new clock), instead of waiting out the jump.
  const clockWentBack = (e: OutboxEntry, now: number) => Date.parse(e.updatedAt) - now > CLOCK_BACK_TOLERANCE_MS;
  const due = (e: OutboxEntry, now: number) =>
    (e.state === 'staged' || e.state === 'retrying') &&
    e.nextAttemptAt !== null &&
    (Date.parse(e.nextAttemptAt) <= now || clockWentBack(e, now)) &&
    !running.has(e.id);

  function pump(): void {
    if (!started || stopped) return;
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    const now = clock.now();
    const entries = store.all();
    for (const entry of entries) {
      if (isWaiting(entry) && !running.has(entry.id) && Date.parse(entry.expiresAt) <= now) {
        running.set(entry.id, new AbortController());
        track(expire(entry).finally(() => finish(entry.id)));
      }
    }
    const ready = entries
      .filter((e) => due(e, now))
      .sort((a, b) => Date.parse(a.nextAttemptAt!) - Date.parse(b.nextAttemptAt!));
    for (const entry of ready) {
      if (running.size >= concurrency) break;
      const controller = new AbortController();
      running.set(entry.id, controller);
      const work = attempt(entry.id, controller.signal)
        .catch((error: unknown) => log.error('outbox attempt crashed', { stagedId: entry.id, error: error as Error }))
        .finally(() => {
          rescue(entry.id);
          attempts.delete(entry.id);
          finish(entry.id);
        });
      attempts.set(entry.id, work);
      track(work);
    }
    let wakeAt = Infinity;
    for (const e of store.all()) {
      if (running.has(e.id) || !isWaiting(e)) continue;
      wakeAt = Math.min(wakeAt, Date.parse(e.expiresAt));
      if ((e.state === 'staged' || e.state === 'retrying') && e.nextAttemptAt && running.size < concurrency) {
        wakeAt = Math.min(wakeAt, Date.parse(e.nextAttemptAt));
      }
    }
    if (wakeAt !== Infinity) {
      timer = clock.setTimeout(pump, Math.min(MAX_TIMER_MS, Math.max(0, wakeAt - now)));
    }
    checkIdle();
  }

  function isIdle(): boolean {
    return running.size === 0 && inFlight.size === 0 && !store.all().some((e) => due(e, clock.now()));
  }

  function checkIdle(): void {
    if (isIdle()) for (const resolve of idleWaiters.splice(0)) resolve();
  }

  function track(work: Promise<void>): void {
    inFlight.add(work);
    void work.finally(() => {
      inFlight.delete(work);
      checkIdle();
    });
  }

  function finish(id: string): void {
    running.delete(id);
    // The wait for a sign-in wakes only entries that are not running, so it is set up here,
    // once the attempt is over: a sign-in that landed while the attempt was still finishing
    // then resolves the wait at once instead of leaving the entry in needs_sign_in for good.
    const entry = store.get(id);
    if (entry?.state === 'needs_sign_in') waitForSignIn(entry);
    pump();
  }

  async function expire(entry: OutboxEntry): Promise<void> {
    try {
      if (entry.keyHeld) await wipeStagedKey({ secrets, log }, entry.id, 'expired');
      await apply(entry.id, { type: 'expired' });
      log.info('staged key expired and wiped', { stagedId: entry.id });
    } catch (error) {
      log.error('could not expire staged entry', { stagedId: entry.id, error });
    }
  }

  /** Waits for the owner's session on the entry's profile, then wakes that owner's entries. */
  function waitForSignIn(entry: Pick<OutboxEntry, 'profileId' | 'owner'>): void {
    const { profileId } = entry;
    const userId = entry.owner?.userId;
    const key = `${profileId}\u0000${userId ?? ''}`;
    if (signInWaits.has(key) || stopped || !userId) return;
    const controller = new AbortController();
    signInWaits.set(key, controller);
    options.auth
      .waitForSession(profileId, controller.signal, userId)
      .then(async () => {
        signInWaits.delete(key);
        await applyAll((e) => e.profileId === profileId && e.owner?.userId === userId && e.state === 'needs_sign_in', {
          type: 'signed_in',
        });
        pump();
      })
      .catch(() => signInWaits.delete(key));
  }

  const context: WorkerContext = { options, apply, isStopped: () => stopped };
  const failures = createFailureHandler(context);
  const { rescue } = failures;
  const drain = createSubmittedDrain(context, afterSubmit, { track, settled: checkIdle });
  const keychainWait = createKeychainWait(context, { applyAll, pump });
  const attempt = createAttempt(context, drain, failures, keychainWait);

  const unsubscribeNetwork = options.network?.onChange((online) => {
    if (!online) return;
    void (async () => {
      await applyAll((e) => e.state === 'retrying', { type: 'reconnected' });
      pump();
    })();
  });

  return {
    start() {
      if (started) return;
      started = true;
      for (const e of store.all()) if (e.state === 'needs_sign_in') waitForSignIn(e);
      if (store.all().some((e) => e.state === 'waiting_for_keychain')) keychainWait.checkNow();
      pump();
    },
    async stop() {
      stopped = true;
      unsubscribeNetwork?.();
      keychainWait.stop();
      if (timer !== null) clock.clearTimeout(timer);
      for (const c of signInWaits.values()) c.abort();
      for (const c of running.values()) c.abort();
      // Let aborted attempts record their outcome before the files and logs close.
      await Promise.allSettled([...inFlight]);
      for (const resolve of idleWaiters.splice(0)) resolve();
    },
    wake: () => pump(),
    apply,
    isRunning: (id) => running.has(id),
    async cancel(id) {
      running.get(id)?.abort();
      await attempts.get(id)?.catch(() => undefined);
    },
    idle() {
      if (isIdle()) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    checkKeychainNow: () => keychainWait.checkNow(),
    async drained() {
      for (let d = drain.current(); d; d = drain.current()) await d;
    },
  };
}
