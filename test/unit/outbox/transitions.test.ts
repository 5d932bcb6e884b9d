import { describe, expect, it } from 'vitest';
import type { OutboxEntry, OutboxState } from '../../../src-main/services/outbox/entry';
import { OutboxEntry as EntrySchema } from '../../../src-main/services/outbox/entry';
import { transition, type OutboxEvent } from '../../../src-main/services/outbox/transitions';
import { AppError } from '../../../src-shared/errors';
import { createFakeClock } from '../../support/fake-clock';
import { makeEntry, T0 } from './helpers';

const err = { code: 'network.offline' as const, message: 'offline' };
const iso = (ms: number) => new Date(ms).toISOString();

function refused(entry: OutboxEntry, event: OutboxEvent): AppError {
  try {
    transition(entry, event, T0);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('outbox.invalid_state');
    return error as AppError;
  }
  throw new Error(`expected ${event.type} to be refused in ${entry.state}`);
}

const inState = (state: OutboxState, extra: Partial<OutboxEntry> = {}) => makeEntry({ state, ...extra });

describe('outbox transitions (pure, fake clock)', () => {
  const clock = createFakeClock({ start: T0 });

  it('a new entry is staged, due now, holds its key, and matches the record schema', () => {
    const e = makeEntry();
    expect(e).toMatchObject({
      state: 'staged',
      keyHeld: true,
      sendsKey: true,
      attempts: 0,
      nextAttemptAt: iso(T0),
      expiresAt: iso(T0 + 86_400_000),
    });
    expect(EntrySchema.parse(e)).toEqual(e);
  });

  it('staged -> submitting counts the attempt and remembers the name sent', async () => {
    await clock.advance(1000);
    const e = transition(makeEntry(), { type: 'attempt_started' }, clock.now());
    expect(e).toMatchObject({
      state: 'submitting',
      attempts: 1,
      nextAttemptAt: null,
      sentNames: ['Compliance'],
      updatedAt: iso(clock.now()),
    });
    const again = transition(
      transition({ ...e, state: 'retrying' }, { type: 'attempt_started' }, clock.now()),
      { type: 'retry_later', error: err, delayMs: 5, maybeCreated: false },
      clock.now(),
    );
    expect(again.sentNames).toEqual(['Compliance']);
    expect(again.attempts).toBe(2);
  });

  it('submitting -> submitted wipes keyHeld and records the source', () => {
    const e = transition(
      inState('submitting', { maybeCreated: true, lastError: err }),
      { type: 'succeeded', sourceId: 'src_1', adopted: true },
      T0 + 5,
    );
    expect(e).toMatchObject({
      state: 'submitted',
      sourceId: 'src_1',
      adopted: true,
      keyHeld: false,
      maybeCreated: false,
      lastError: null,
      submittedAt: iso(T0 + 5),
    });
  });

  it('submitting -> retrying at now + delay; maybeCreated only for creates and sticky', () => {
    const e = transition(
      inState('submitting'),
      { type: 'retry_later', error: err, delayMs: 7000, maybeCreated: true },
      T0,
    );
    expect(e).toMatchObject({ state: 'retrying', nextAttemptAt: iso(T0 + 7000), lastError: err, maybeCreated: true });
    const sticky = transition(
      { ...e, state: 'submitting' },
      { type: 'retry_later', error: err, delayMs: 1, maybeCreated: false },
      T0,
    );
    expect(sticky.maybeCreated).toBe(true);
    const update = transition(
      inState('submitting', { kind: 'update', sourceId: 's' }),
      { type: 'retry_later', error: err, delayMs: 1, maybeCreated: true },
      T0,
    );
    expect(update.maybeCreated).toBe(false);
  });

  it('a first attempt that found no network marks the entry as staged offline (for the notification)', () => {
    const first = transition(
      inState('submitting', { attempts: 1 }),
      { type: 'retry_later', error: err, delayMs: 1, maybeCreated: false, offline: true },
      T0,
    );
    expect(first.stagedOffline).toBe(true);
    const later = transition(
      inState('submitting', { attempts: 2 }),
      { type: 'retry_later', error: err, delayMs: 1, maybeCreated: false, offline: true },
      T0,
    );
    expect(later.stagedOffline).toBe(false);
  });

  it('401 -> needs_sign_in; signed_in -> staged due now', () => {
    const e = transition(
      inState('submitting'),
      { type: 'needs_sign_in', error: { code: 'auth.session_expired', message: 'x' } },
      T0,
    );
    expect(e).toMatchObject({ state: 'needs_sign_in', nextAttemptAt: null });
    expect(transition(e, { type: 'signed_in' }, T0 + 9)).toMatchObject({ state: 'staged', nextAttemptAt: iso(T0 + 9) });
    refused(inState('staged'), { type: 'signed_in' });
  });

  it('rejected stops scheduling and keeps the key for an edit', () => {
    const e = transition(
      inState('submitting'),
      { type: 'rejected', error: { code: 'langwatch.cap_reached', message: 'cap' } },
      T0,
    );
    expect(e).toMatchObject({
      state: 'rejected',
      nextAttemptAt: null,
      keyHeld: true,
      lastError: { code: 'langwatch.cap_reached' },
    });
  });

  it('key check notes are recorded without changing the state', () => {
    const note = { verdict: 'inconclusive' as const, message: 'no answer', checkedAt: iso(T0), requestId: null };
    const e = transition(inState('submitting'), { type: 'key_checked', note }, T0);
    expect(e).toMatchObject({ state: 'submitting', preflight: note, preflightDone: true });
    refused(inState('submitted'), { type: 'key_checked', note });
  });

  it('reconciled_none clears maybeCreated', () => {
    expect(
      transition(inState('submitting', { maybeCreated: true }), { type: 'reconciled_none' }, T0).maybeCreated,
    ).toBe(false);
  });

  it('edit of a rejected entry, keeping the key or with a new key (new fingerprint, TTL restarts, key check again)', () => {
    const rejected = inState('rejected', { lastError: err, preflightDone: true, attempts: 2 });
    const base = { name: 'Renamed', description: 'd', teamId: 't', pollEverySec: 900, pullSchedule: '*/15 * * * *' };
    const kept = transition(rejected, { type: 'edited', edit: base }, T0 + 1);
    expect(kept).toMatchObject({
      ...base,
      state: 'staged',
      nextAttemptAt: iso(T0 + 1),
      lastError: null,
      fingerprint: 'sk-ant-api01-…abcd',
      attempts: 2,
      preflightDone: true,
    });
    const rekeyed = transition(
      rejected,
      { type: 'edited', edit: { ...base, newKey: { fingerprint: 'sk-ant-admin01-…wxyz', expiresAt: iso(T0 + 99) } } },
      T0,
    );
    expect(rekeyed).toMatchObject({
      fingerprint: 'sk-ant-admin01-…wxyz',
      expiresAt: iso(T0 + 99),
      preflightDone: false,
      preflight: null,
      keyHeld: true,
    });
  });

  it('edit of a key_missing entry needs a new key', () => {
    const missing = inState('key_missing', { keyHeld: false });
    const edit = { name: 'x', description: null, teamId: null, pollEverySec: 300, pullSchedule: '*/5 * * * *' };
    expect(refused(missing, { type: 'edited', edit }).message).toMatch(/enter the key again/);
    expect(
      transition(missing, { type: 'edited', edit: { ...edit, newKey: { fingerprint: 'f', expiresAt: iso(T0) } } }, T0)
        .state,
    ).toBe('staged');
  });

  it('edit, discard, expiry are refused while submitting or finished', () => {
    const edit = { name: 'x', description: null, teamId: null, pollEverySec: 300, pullSchedule: '*/5 * * * *' };
    for (const state of ['submitting', 'submitted', 'expired', 'discarded'] as const) {
      refused(inState(state), { type: 'edited', edit });
      refused(inState(state), { type: 'discarded' });
      refused(inState(state), { type: 'expired' });
      refused(inState(state), { type: 'key_missing' });
    }
  });

  it('retry_now: retrying stays retrying, rejected / needs_sign_in / staged become staged, all due now', () => {
    expect(transition(inState('retrying', { nextAttemptAt: iso(T0 + 1e6) }), { type: 'retry_now' }, T0)).toMatchObject({
      state: 'retrying',
      nextAttemptAt: iso(T0),
    });
    for (const s of ['rejected', 'needs_sign_in', 'staged'] as const) {
      expect(transition(inState(s), { type: 'retry_now' }, T0)).toMatchObject({
        state: 'staged',
        nextAttemptAt: iso(T0),
      });
    }
    for (const s of ['submitting', 'key_missing', 'submitted', 'expired', 'discarded'] as const)
      refused(inState(s), { type: 'retry_now' });
  });

  it('reconnect moves only retrying entries to now', () => {
    expect(
      transition(inState('retrying', { nextAttemptAt: iso(T0 + 60_000) }), { type: 'reconnected' }, T0).nextAttemptAt,
    ).toBe(iso(T0));
    const rejected = inState('rejected');
    expect(transition(rejected, { type: 'reconnected' }, T0)).toBe(rejected);
  });

  it('key_missing from every waiting state (and a no-op for a cadence-only update)', () => {
    for (const s of ['staged', 'retrying', 'needs_sign_in', 'rejected'] as const) {
      expect(transition(inState(s), { type: 'key_missing' }, T0)).toMatchObject({
        state: 'key_missing',
        keyHeld: false,
        lastError: { code: 'outbox.key_missing' },
      });
    }
    const cadenceOnly = inState('staged', { kind: 'update', sendsKey: false, keyHeld: false, fingerprint: null });
    expect(transition(cadenceOnly, { type: 'key_missing' }, T0)).toBe(cadenceOnly);
  });

  it('expired and discarded are terminal and hold no key', () => {
    for (const s of ['staged', 'retrying', 'needs_sign_in', 'rejected', 'key_missing'] as const) {
      expect(transition(inState(s), { type: 'expired' }, T0)).toMatchObject({
        state: 'expired',
        keyHeld: false,
        nextAttemptAt: null,
      });
      expect(transition(inState(s), { type: 'discarded' }, T0)).toMatchObject({
        state: 'discarded',
        keyHeld: false,
        nextAttemptAt: null,
      });
    }
  });

  it('resume after a crash: an in-flight create becomes a possibly-created retry; every unfinished create is reconciled', () => {
    expect(transition(inState('submitting', { attempts: 1 }), { type: 'resumed' }, T0)).toMatchObject({
      state: 'retrying',
      nextAttemptAt: iso(T0),
      maybeCreated: true,
    });
    expect(transition(inState('retrying', { attempts: 1 }), { type: 'resumed' }, T0).maybeCreated).toBe(true);
    // never tried as far as the disk knows: its start may not have been written, so reconcile too
    expect(transition(makeEntry(), { type: 'resumed' }, T0).maybeCreated).toBe(true);
    const upd = inState('submitting', { kind: 'update', sourceId: 's' });
    expect(transition(upd, { type: 'resumed' }, T0)).toMatchObject({ state: 'retrying', maybeCreated: false });
    const done = inState('submitted');
    expect(transition(done, { type: 'resumed' }, T0)).toBe(done);
  });

  it('events that need submitting are refused elsewhere', () => {
    for (const s of ['staged', 'retrying', 'rejected', 'submitted'] as const) {
      refused(inState(s), { type: 'succeeded', sourceId: 'x', adopted: false });
      refused(inState(s), { type: 'retry_later', error: err, delayMs: 1, maybeCreated: false });
      refused(inState(s), { type: 'rejected', error: err });
      refused(inState(s), { type: 'reconciled_none' });
    }
    for (const s of ['submitting', 'rejected', 'needs_sign_in', 'submitted'] as const)
      refused(inState(s), { type: 'attempt_started' });
  });
});

describe('waiting for the keychain', () => {
  const base = () => transition(makeEntry(), { type: 'attempt_started' }, T0);
  const error = { code: 'keychain.unavailable' as const, message: 'locked' };

  it('a read the keychain could not answer keeps the key and waits; an answer puts it back in the queue', () => {
    const waiting = transition(base(), { type: 'keychain_unavailable', error }, 1000);
    expect(waiting).toMatchObject({
      state: 'waiting_for_keychain',
      keyHeld: true,
      nextAttemptAt: null,
      lastError: error,
    });
    expect(transition(waiting, { type: 'keychain_answers' }, 2000)).toMatchObject({
      state: 'staged',
      keyHeld: true,
      lastError: null,
      nextAttemptAt: new Date(2000).toISOString(),
    });
    expect(transition(waiting, { type: 'retry_now' }, 2000).state).toBe('staged');
    expect(() => transition(base(), { type: 'keychain_answers' }, 0)).toThrow(/not waiting for the keychain/);
  });

  it('a key_missing entry whose key is found again holds it and is queued', () => {
    const missing = transition(
      transition(
        transition(base(), { type: 'retry_later', error, delayMs: 0, maybeCreated: false }, 0),
        {
          type: 'key_missing',
        },
        0,
      ),
      { type: 'key_found' },
      5000,
    );
    expect(missing).toMatchObject({ state: 'staged', keyHeld: true, lastError: null });
  });
});
