/**
 * The outbox state machine, pure: `(entry, event, now) -> entry`. No I/O, no clock, no
 * randomness (delays arrive inside events), so every transition is unit-tested with a fake
 * clock. Effects (keychain wipes, requests, persistence) belong to the worker and facade.
 */
import { AppError, type ErrorData } from '../../../src-shared/errors';
import { RETRYABLE_STATES, WAITING_STATES, type KeyCheckNote } from '../../../src-shared/domain/outbox';
import { isTerminal, type EntryOwner, type OutboxEntry, type OutboxState } from './entry';

/** The edit of an entry's fields (the key's fingerprint when a new key was staged). */
export interface EntryEdit {
  name: string;
  description: string | null;
  teamId: string | null;
  pollEverySec: number | null;
  pullSchedule: string | null;
  /** New plain field values (the whole set of a create's; absent: kept). */
  values?: Record<string, string>;
  /** An update that now sets the description. */
  setsDescription?: boolean;
  /** Set when the admin entered a new key or secret unit (already in the keychain). */
  newKey?: { fingerprint: string; expiresAt: string };
}

/** Everything that can happen to an entry. */
export type OutboxEvent =
  | { type: 'attempt_started' }
  | { type: 'succeeded'; sourceId: string; adopted: boolean }
  | { type: 'retry_later'; error: ErrorData; delayMs: number; maybeCreated: boolean; offline?: boolean }
  | { type: 'needs_sign_in'; error: ErrorData }
  | { type: 'signed_in' }
  | { type: 'rejected'; error: ErrorData }
  | { type: 'key_checked'; note: KeyCheckNote }
  | { type: 'reconciled_none' }
  | { type: 'edited'; edit: EntryEdit }
  | { type: 'retry_now' }
  | { type: 'reconnected' }
  | { type: 'key_missing' }
  | { type: 'keychain_unavailable'; error: ErrorData }
  | { type: 'keychain_answers' }
  | { type: 'key_found' }
  | { type: 'expired' }
  | { type: 'discarded' }
  | { type: 'resumed' };

export type OutboxEventType = OutboxEvent['type'];

function refuse(entry: OutboxEntry, event: OutboxEvent, why: string): never {
  throw new AppError('outbox.invalid_state', why, { state: entry.state, event: event.type, stagedId: entry.id });
}

function requireState(entry: OutboxEntry, event: OutboxEvent, allowed: Iterable<OutboxState>, why: string): void {
  if (![...allowed].includes(entry.state)) refuse(entry, event, why);
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Longest wait one retry may be scheduled for (a hostile delay must not break the record). */
export const MAX_RETRY_DELAY_MS = 24 * 3600_000;
const clampDelay = (ms: number) =>
  Number.isFinite(ms) ? Math.min(MAX_RETRY_DELAY_MS, Math.max(0, ms)) : MAX_RETRY_DELAY_MS;

/** Applies one event; throws `outbox.invalid_state` when the event is not allowed in this state. */
export function transition(entry: OutboxEntry, event: OutboxEvent, now: number): OutboxEntry {
  const at = iso(now);
  const next = (patch: Partial<OutboxEntry>): OutboxEntry => ({ ...entry, ...patch, updatedAt: at });

  switch (event.type) {
    case 'attempt_started':
      requireState(entry, event, ['staged', 'retrying'], 'This entry is not waiting to be submitted.');
      return next({
        state: 'submitting',
        attempts: entry.attempts + 1,
        nextAttemptAt: null,
        sentNames:
          entry.kind === 'create' && !entry.sentNames.includes(entry.name)
            ? [...entry.sentNames, entry.name]
            : entry.sentNames,
      });

    case 'succeeded':
      requireState(entry, event, ['submitting'], 'Only an entry being submitted can succeed.');
      return next({
        state: 'submitted',
        sourceId: event.sourceId,
        adopted: event.adopted,
        keyHeld: false,
        maybeCreated: false,
        reconcileAfter: null,
        nextAttemptAt: null,
        lastError: null,
        submittedAt: at,
      });

    case 'retry_later':
      requireState(entry, event, ['submitting'], 'Only an entry being submitted can be retried later.');
      return next({
        state: 'retrying',
        nextAttemptAt: iso(now + clampDelay(event.delayMs)),
        lastError: event.error,
        maybeCreated: entry.maybeCreated || (entry.kind === 'create' && event.maybeCreated),
        reconcileAfter: entry.kind === 'create' && event.maybeCreated ? at : entry.reconcileAfter,
        // A first attempt that found no network means the key was staged offline after all.
        stagedOffline: entry.stagedOffline || (event.offline === true && entry.attempts === 1),
      });

    case 'needs_sign_in':
      requireState(entry, event, ['submitting', 'staged', 'retrying'], 'This entry is not waiting to be submitted.');
      return next({ state: 'needs_sign_in', nextAttemptAt: null, lastError: event.error });

    case 'signed_in':
      requireState(entry, event, ['needs_sign_in'], 'This entry was not waiting for a sign-in.');
      return next({ state: 'staged', nextAttemptAt: at });

    case 'rejected':
      requireState(entry, event, ['submitting'], 'Only an entry being submitted can be rejected.');
      // A possibly-landed create stays "maybe created": whatever stopped it now (a binding, a
      // key check, a 4xx of a later request) proves nothing about that earlier request.
      return next({ state: 'rejected', nextAttemptAt: null, lastError: event.error });

    case 'key_checked':
      if (isTerminal(entry)) refuse(entry, event, 'This entry is finished.');
      return next({ preflight: event.note, preflightDone: true });

    case 'reconciled_none':
      requireState(entry, event, ['submitting'], 'Only an entry being submitted is reconciled.');
      return next({ maybeCreated: false, reconcileAfter: null });

    case 'edited': {
      requireState(
        entry,
        event,
        WAITING_STATES,
        'This entry cannot be edited now (it is being submitted or is finished).',
      );
      const { newKey, ...fields } = event.edit;
      if (entry.sendsKey && !entry.keyHeld && !newKey) {
        refuse(entry, event, 'The staged key is gone: enter the key again to resubmit.');
      }
      return next({
        ...fields,
        ...(newKey
          ? {
              keyHeld: true,
              fingerprint: newKey.fingerprint,
              expiresAt: newKey.expiresAt,
              preflight: null,
              preflightDone: false,
            }
          : {}),
        sendsKey: entry.sendsKey || newKey !== undefined,
        state: 'staged',
        nextAttemptAt: at,
        lastError: null,
      });
    }

    case 'retry_now':
      requireState(entry, event, RETRYABLE_STATES, 'This entry cannot be retried now.');
      return next({ state: entry.state === 'retrying' ? 'retrying' : 'staged', nextAttemptAt: at });

    case 'reconnected':
      // Only entries waiting on a retry move; every other state ignores a reconnect.
      return entry.state === 'retrying' ? next({ nextAttemptAt: at }) : entry;

    case 'key_missing':
      requireState(entry, event, WAITING_STATES, 'Only a waiting entry can lose its key.');
      if (!entry.sendsKey) return entry;
      return next({
        state: 'key_missing',
        keyHeld: false,
        nextAttemptAt: null,
        lastError: {
          code: 'outbox.key_missing',
          message: 'The staged key is no longer in the keychain. Enter it again or discard this entry.',
        },
      });

    case 'keychain_unavailable':
      // A null or a refusal from a locked keychain says nothing about the key: it stays held.
      requireState(entry, event, ['submitting'], 'Only an entry being submitted reads its key.');
      return next({ state: 'waiting_for_keychain', nextAttemptAt: null, lastError: event.error });

    case 'keychain_answers':
      requireState(entry, event, ['waiting_for_keychain'], 'This entry was not waiting for the keychain.');
      return next({ state: 'staged', nextAttemptAt: at, lastError: null });

    case 'key_found':
      // Flagged by an older version on the strength of a null, while the key was still there.
      requireState(entry, event, ['key_missing'], 'Only an entry missing its key can find it again.');
      return next({ state: 'staged', keyHeld: true, nextAttemptAt: at, lastError: null });

    case 'expired':
      requireState(entry, event, WAITING_STATES, 'Only a waiting entry can expire.');
      return next({
        state: 'expired',
        keyHeld: false,
        nextAttemptAt: null,
        lastError: {
          code: 'outbox.invalid_state',
          message: 'The staged key was wiped from the keychain after its time to live ran out.',
        },
      });

    case 'discarded':
      requireState(
        entry,
        event,
        WAITING_STATES,
        'This entry is being submitted or is finished; it cannot be discarded now.',
      );
      return next({ state: 'discarded', keyHeld: false, nextAttemptAt: null });

    case 'resumed':
      // At start: an attempt may have been in flight when the app stopped (its start is not
      // written before the request, to keep submissions fast), so every unfinished create is
      // reconciled against the server's list before it is sent again.
      if (entry.state === 'submitting') {
        return entry.kind === 'create'
          ? next({ state: 'retrying', nextAttemptAt: at, maybeCreated: true, reconcileAfter: at })
          : next({ state: 'retrying', nextAttemptAt: at });
      }
      if (entry.kind === 'create' && !isTerminal(entry)) return next({ maybeCreated: true, reconcileAfter: at });
      return entry;
  }
}

/** Creates the record of a newly staged submission. */
export function newEntry(fields: {
  id: string;
  kind: 'create' | 'update';
  profileId: string;
  organizationId: string;
  owner: EntryOwner | null;
  marker: string;
  sourceId: string | null;
  name: string;
  description: string | null;
  teamId: string | null;
  pollEverySec: number | null;
  pullSchedule: string | null;
  fingerprint: string | null;
  stagedOffline: boolean;
  now: number;
  ttlMs: number;
  /** Default `claude_compliance`, no plain values, the description untouched by an update. */
  sourceType?: OutboxEntry['sourceType'];
  values?: Record<string, string>;
  setsDescription?: boolean;
}): OutboxEntry {
  const at = iso(fields.now);
  // A fingerprint stands for a staged secret unit: without one nothing secret is sent.
  const sendsKey = fields.fingerprint !== null;
  return {
    id: fields.id,
    kind: fields.kind,
    sourceType: fields.sourceType ?? 'claude_compliance',
    values: fields.values ?? {},
    setsDescription: fields.setsDescription ?? false,
    state: 'staged',
    profileId: fields.profileId,
    organizationId: fields.organizationId,
    owner: fields.owner,
    marker: fields.marker,
    unmarkedSends: false,
    sourceId: fields.sourceId,
    name: fields.name,
    description: fields.description,
    teamId: fields.teamId,
    pollEverySec: fields.pollEverySec,
    pullSchedule: fields.pullSchedule,
    keyHeld: sendsKey,
    sendsKey,
    fingerprint: fields.fingerprint,
    attempts: 0,
    nextAttemptAt: at,
    lastError: null,
    maybeCreated: false,
    reconcileAfter: null,
    sentNames: [],
    stagedOffline: fields.stagedOffline,
    preflight: null,
    preflightDone: false,
    adopted: false,
    stagedAt: at,
    updatedAt: at,
    expiresAt: iso(fields.now + fields.ttlMs),
    submittedAt: null,
  };
}
