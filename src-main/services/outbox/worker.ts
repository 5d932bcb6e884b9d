/**
 * The outbox worker: submits due entries with bounded concurrency on the injected clock,
 * retries with backoff (Retry-After wins), wakes on reconnect and on sign-in, expires keys
 * past their TTL, reconciles possibly-created entries before retrying them.
 */
import type { Settings } from '../../../src-shared/domain/settings';
import type { KeyVerdict } from '../../../src-shared/domain/key-verdict';
import { AppError } from '../../../src-shared/errors';
import type { Clock } from '../clock';
import type { Connectivity } from '../connectivity/connectivity';
import type { ConnectionService, SessionOwners } from '../connection/types';
import { checkBinding } from './binding';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import { retryDelayMs } from './backoff';
import { findNameHolder } from '../langwatch/name-holder';
import { classifyFailure, mayBeNameTaken, nameTakenFailure, type FailureClass } from './classify';
import { isWaiting, stagedAccount, type OutboxEntry } from './entry';
import type { OutboxStore } from './outbox-store';
import { createSharedLister, matchLostCreate } from './reconcile';
import { submitEntry, updateSource } from './submit';
import { nameTakenError, repeatedServerError, repeatedServerErrorMessage } from './failure-messages';
import { preflightStep } from './preflight-step';
import { transition, type OutboxEvent } from './transitions';

/** Dependencies of the worker (one options object, fakes in tests). */
export interface WorkerOptions {
  store: OutboxStore;
  secrets: SecretStore;
  clock: Clock;
  log: Logger;
  connection: Pick<ConnectionService, 'apiFor' | 'waitForSession' | 'state'> & SessionOwners;
  connectivity?: Connectivity;
  settings: { get(): Settings | Promise<Settings> };
  /** Pre-flight key check (Anthropic); absent = never checked. */
  checkKey?: (options: {
    key: string;
    baseUrl: string;
    signal?: AbortSignal;
    /** Which entry the key belongs to, so the verdict can be remembered (diagnosis) without the key. */
    entry: { stagedId: string; profileId: string; fingerprint: string | null };
  }) => Promise<KeyVerdict>;
  /** Attempts in flight at once; default 4. */
  concurrency?: number;
  /** Timeout of one LangWatch request; default 30 s. */
  requestTimeoutMs?: number;
  random?: () => number;
  /** Called after every change of the records (the facade emits `outbox.changed`). */
  onChange: () => void;
  /** Called once an entry reached `submitted` (after its key was wiped). */
  onSubmitted: (entry: OutboxEntry) => void;
}

/** Statuses of a source this console itself caused, recorded in the local history. */
export type WorkerHistoryHook = (entry: OutboxEntry) => Promise<void>;

/** The running worker. */
export interface OutboxWorker {
  start(): void;
  stop(): Promise<void>;
  /** Re-plans at once (after staging, an edit, retry now, reconnect). */
  wake(): void;
  /** Applies an event to a record, persists it durably, notifies. */
  apply(id: string, event: OutboxEvent): Promise<OutboxEntry>;
  /** True while an attempt of this entry is in flight. */
  isRunning(id: string): boolean;
  /** Aborts the attempt in flight for this entry (if any) and resolves once it has settled. */
  cancel(id: string): Promise<void>;
  /** Resolves when nothing is due now and nothing is in flight (tests, bench). */
  idle(): Promise<void>;
  /** Resolves once the follow-up of submitted entries (records, key wipes, history) is done. */
  drained(): Promise<void>;
}

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
  const finished: OutboxEntry[] = [];
  let draining: Promise<void> | null = null;
  const signInWaits = new Map<string, AbortController>();
  const idleWaiters: Array<() => void> = [];
  let timer: unknown = null;
  let started = false;
  let stopped = false;
  const lister = createSharedLister(
    async (profileId, orgId) => (await options.connection.apiFor(profileId)).listSources(orgId),
    clock.now,
  );

  // Events whose record need not be on disk before the worker goes on: a crash loses at most
  // the bookkeeping, and a resumed create is reconciled before any retry anyway.
  const VOLATILE = new Set<OutboxEvent['type']>(['attempt_started', 'preflight', 'reconciled_none', 'succeeded']);

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
    pump();
  }

  async function expire(entry: OutboxEntry): Promise<void> {
    try {
      if (entry.keyHeld) await secrets.delete(stagedAccount(entry.id));
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
    options.connection
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

  const runPreflight = (entry: OutboxEntry, key: string, signal: AbortSignal) =>
    preflightStep({ settings: options.settings, checkKey: options.checkKey, clock, apply }, entry, key, signal);

  async function attempt(id: string, signal: AbortSignal): Promise<void> {
    let entry = await apply(id, { type: 'attempt_started' });
    try {
      const binding = await checkBinding(entry, options.connection, signal);
      if (binding.kind === 'reject') {
        await apply(id, { type: 'rejected', error: binding.error });
        return;
      }
      if (binding.kind === 'wait_for_owner') {
        await apply(id, { type: 'needs_sign_in', error: binding.error });
        waitForSignIn(entry);
        return;
      }
      let key: string | null = null;
      if (entry.sendsKey) {
        key = await secrets.get(stagedAccount(id));
        if (key === null) {
          // The record said it held a key: put it back to waiting, then flag it.
          await apply(id, {
            type: 'retry_later',
            error: { code: 'outbox.key_missing', message: 'The staged key is missing.' },
            delayMs: 0,
            maybeCreated: false,
          });
          await apply(id, { type: 'key_missing' });
          return;
        }
        if ((await runPreflight(entry, key, signal)) === 'reject') return;
      }
      entry = store.get(id)!;
      const api = await options.connection.apiFor(entry.profileId);
      const opts = { signal, timeoutMs: options.requestTimeoutMs ?? 30_000 };
      if (entry.kind === 'create' && entry.maybeCreated) {
        const sources = await lister(
          entry.profileId,
          entry.organizationId,
          Date.parse(entry.reconcileAfter ?? entry.updatedAt),
        );
        const match = matchLostCreate(entry, sources);
        if (match.kind === 'adopt') {
          log.info("lost create reconciled: adopting the source that carries this entry's marker", {
            stagedId: id,
            sourceId: match.source.id,
          });
          // The entry may have been renamed or re-keyed since that create: bring the source to
          // what the entry says now (the held key included) before calling it done.
          await updateSource(api, entry, match.source.id, key, opts);
          key = null;
          await succeed(id, match.source.id, true);
          return;
        }
        if (match.kind === 'unproven') {
          await apply(id, { type: 'rejected', error: nameTakenError(entry.name, match.source) });
          return;
        }
        entry = await apply(id, { type: 'reconciled_none' });
      }
      const sourceId = await submitEntry(api, entry, key, opts);
      key = null;
      await succeed(id, sourceId, false);
    } catch (error) {
      await fail(id, error).catch((failure: unknown) =>
        log.error('could not record a failed attempt', { stagedId: id, error: failure as Error }),
      );
    }
  }

  /**
   * Whatever happened inside an attempt (a broken answer, a record that could not be written),
   * an entry never stays `submitting` with its key held: it goes back to waiting, as possibly
   * created (a reconcile comes first), with a calm error.
   */
  function rescue(id: string): void {
    const current = store.get(id);
    if (!current || current.state !== 'submitting' || stopped) return;
    try {
      const error = {
        code: 'internal' as const,
        message: 'The last attempt failed in an unexpected way; the console will try again.',
      };
      store.putLater(
        transition(
          current,
          {
            type: 'retry_later',
            error,
            delayMs: retryDelayMs(current.attempts, { random: options.random }),
            maybeCreated: true,
          },
          clock.now(),
        ),
      );
      options.onChange();
    } catch (error) {
      log.error('could not put an entry back to waiting', { stagedId: id, error: error as Error });
    }
  }

  async function succeed(id: string, sourceId: string, adopted: boolean): Promise<void> {
    const done = await apply(id, { type: 'succeeded', sourceId, adopted });
    options.connectivity?.reportSuccess();
    finished.push(done);
    if (!draining) startDrain();
  }

  function startDrain(): void {
    draining = drainFinished().finally(() => {
      draining = null;
      if (finished.length > 0) startDrain();
      else checkIdle();
    });
    track(draining);
  }

  /**
   * The server has the keys: the slots are already free, and the rest happens off them, in
   * batches and in order — the records reach the disk (one write), then each key is wiped
   * (one keychain write at a time), then the history. A crash before the records are durable
   * is safe: a resumed create is reconciled (and adopted) before anything is sent again, and
   * a resumed update re-sends the same values; a key left behind is removed by the sweep.
   */
  async function drainFinished(): Promise<void> {
    while (finished.length > 0) {
      const batch = finished.splice(0);
      try {
        await store.put();
      } catch (error) {
        log.error('could not save submitted entries; their keys stay until the next start reconciles them', { error });
        continue;
      }
      for (const done of batch) {
        if (done.sendsKey)
          await secrets
            .delete(stagedAccount(done.id))
            .catch((error) => log.error('could not wipe a submitted key', { stagedId: done.id, error }));
      }
      await Promise.all(
        batch.map((done) =>
          afterSubmit(done).catch((error) => log.warn('could not record source history', { stagedId: done.id, error })),
        ),
      );
      for (const done of batch) {
        log.info('outbox entry submitted', {
          stagedId: done.id,
          sourceId: done.sourceId,
          adopted: done.adopted,
          kind: done.kind,
        });
        options.onSubmitted(done);
      }
    }
  }

  /**
   * A 500 on a create or rename may be LangWatch's unique name index: look for the holder
   * (live, or archived among the sources this console knows) before treating it as a retry.
   */
  async function nameTakenClass(entry: OutboxEntry, error: unknown): Promise<FailureClass | null> {
    if (!mayBeNameTaken(error)) return null;
    const knownIds = store
      .all()
      .filter((e) => e.organizationId === entry.organizationId && e.sourceId)
      .map((e) => e.sourceId!);
    try {
      const api = await options.connection.apiFor(entry.profileId);
      const holder = await findNameHolder(api, {
        organizationId: entry.organizationId,
        name: entry.name,
        exceptId: entry.sourceId,
        knownIds,
      });
      // A live holder of a create's name is left to the lost-create reconcile, which adopts it
      // only when it carries this entry's marker (duplicate_name otherwise).
      if (!holder || (entry.kind === 'create' && holder.archivedAt === null)) return null;
      return nameTakenFailure(entry.name, holder);
    } catch (lookupError) {
      log.warn('could not check whether the name is taken', { stagedId: entry.id, error: lookupError });
      return null;
    }
  }

  async function fail(id: string, error: unknown): Promise<void> {
    // Stopping aborts requests: the record stays `submitting`, and the next start resumes it
    // as possibly created (reconciled before any retry).
    if (stopped) return;
    const current = store.get(id);
    if (!current || current.state !== 'submitting') {
      log.error('outbox attempt failed after its entry moved on', { stagedId: id, error });
      return;
    }
    const failure = (await nameTakenClass(current, error)) ?? classifyFailure(error);
    log.info('outbox attempt failed', { stagedId: id, outcome: failure.kind, code: failure.error.code });
    if (failure.kind === 'sign_in') {
      await apply(id, { type: 'needs_sign_in', error: failure.error });
      waitForSignIn(current);
    } else if (failure.kind === 'reject') {
      await apply(id, { type: 'rejected', error: failure.error });
    } else if (repeatedServerError(current, failure.error.code)) {
      // The contract leaves a duplicate name "probably 500"; one that the list cannot show
      // (an archived source keeps its name) would fail forever. Stop and say so.
      await apply(id, { type: 'rejected', error: repeatedServerErrorMessage(current.kind, current.attempts) });
    } else {
      if (failure.network) options.connectivity?.reportNetworkFailure(error);
      else options.connectivity?.reportSuccess();
      const delayMs = retryDelayMs(current.attempts, { retryAfterSec: failure.retryAfterSec, random: options.random });
      await apply(id, {
        type: 'retry_later',
        error: failure.error,
        delayMs,
        maybeCreated: failure.ambiguous,
        offline: failure.network,
      });
    }
  }

  const unsubscribeConnectivity = options.connectivity?.onChange((online) => {
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
      pump();
    },
    async stop() {
      stopped = true;
      unsubscribeConnectivity?.();
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
    async drained() {
      while (draining) await draining;
    },
  };
}
