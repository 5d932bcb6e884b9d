/**
 * Outbox shapes that cross IPC: the states of a staged submission and the secret-free view
 * of an entry the renderer shows. The record on disk (src-main/services/outbox/entry.ts)
 * has more bookkeeping, never a secret either.
 */
import { z } from 'zod';
import { FIELD_VALUE_MAX } from './source-draft';
import { errorDataSchema } from '../errors';
import { keyVerdictKindSchema } from './key-verdict';
import { SourceType } from './langwatch';

/**
 * The life of a staged key (docs/architecture.md, "The key's life"):
 * - `staged`: waiting for its first attempt; `submitting`: a request is in flight;
 * - `retrying`: offline / timeout / 5xx / 429, tried again at `nextAttemptAt` (and on reconnect);
 * - `needs_sign_in`: 401 or no session, resumes after sign-in;
 * - `waiting_for_keychain`: the keychain is locked or did not answer when the key was read
 *   (never taken as "gone"); the key is kept, and the entry resumes once the keychain answers;
 * - `rejected`: the server (or the key check) refused it; edit and resubmit, or discard;
 * - `key_missing`: the keychain lost the key (found at start); re-enter it or discard;
 * - terminal: `submitted` (key wiped), `expired` (TTL, key wiped), `discarded` (key wiped).
 */
export const OutboxState = z.enum([
  'staged',
  'submitting',
  'retrying',
  'needs_sign_in',
  'waiting_for_keychain',
  'rejected',
  'key_missing',
  'submitted',
  'expired',
  'discarded',
]);
export type OutboxState = z.infer<typeof OutboxState>;

/** The last key-check verdict of a staged key, as a short note (no secret). */
export const KeyCheckNote = z.object({
  verdict: keyVerdictKindSchema,
  message: z.string().max(2000),
  checkedAt: z.iso.datetime({ offset: true }),
  requestId: z.string().nullable(),
});
export type KeyCheckNote = z.infer<typeof KeyCheckNote>;

/**
 * How an entry relates to the person at the console: their own (`mine`), another person's on
 * the same deployment, one staged for another deployment (or before the profile's URL changed),
 * or one written before owners were recorded (`unowned`: never sent, an admin may discard it).
 */
export const EntryAccess = z.enum(['mine', 'other_person', 'other_deployment', 'unowned']);
export type EntryAccess = z.infer<typeof EntryAccess>;

const IsoDate = z.iso.datetime({ offset: true });

/** The person and the places a staged key is bound to (kept on the record; the view shows part). */
export const EntryOwner = z
  .object({
    userId: z.string().min(1),
    email: z.string().nullable(),
    name: z.string().nullable(),
    deploymentUrl: z.string().min(1),
    anthropicBaseUrl: z.string().min(1),
  })
  .strict();
export type EntryOwner = z.infer<typeof EntryOwner>;

/**
 * The fields an outbox record (src-main/services/outbox/entry.ts, `OutboxEntry`) and its view
 * (`OutboxEntryView`) share, declared once: the record extends it with its bookkeeping, the
 * view with who may act on it. Nothing here is a secret; all of it is JSON.
 */
export const OutboxEntryShared = z.object({
  id: z.string().min(1),
  kind: z.enum(['create', 'update']),
  /** The type of the source created or changed (records older than types: `claude_compliance`). */
  sourceType: SourceType.default('claude_compliance'),
  /**
   * The plain field values staged by field key (never a secret field: staging refuses them): all
   * of a create's, the changed ones of an update; empty on other people's entries.
   */
  values: z.record(z.string().min(1).max(64), z.string().max(FIELD_VALUE_MAX)).default({}),
  state: OutboxState,
  /** The deployment and organisation the key was staged for: it is submitted there only. */
  profileId: z.string().min(1),
  organizationId: z.string().min(1),
  /** The target source of an update; the created (or adopted) source of a create. */
  sourceId: z.string().nullable(),
  name: z.string().min(1).max(128),
  description: z.string().nullable(),
  teamId: z.string().nullable(),
  /** The fixed interval sent; null for a custom cron without one, or a kept schedule. */
  pollEverySec: z.number().int().positive().nullable(),
  /** The cron sent as `pullSchedule`; null: an update that leaves the server's schedule as it is. */
  pullSchedule: z.string().min(1).max(64).nullable(),
  /** True while the keychain holds `staged:<id>` for this entry. */
  keyHeld: z.boolean(),
  /** Display-safe fingerprint (`sk-ant-api01-…a1b2`); null for a cadence-only change. */
  fingerprint: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  /** When the worker may try next (null: not scheduled, e.g. rejected or terminal). */
  nextAttemptAt: IsoDate.nullable(),
  lastError: errorDataSchema.nullable(),
  /** The last key-check verdict of the held key (no secret), for the entry and diagnosis. */
  preflight: KeyCheckNote.nullable(),
  /** Whether the source was adopted by reconciliation rather than created by this attempt. */
  adopted: z.boolean(),
  stagedAt: IsoDate,
  updatedAt: IsoDate,
  expiresAt: IsoDate,
  submittedAt: IsoDate.nullable(),
});

/**
 * One entry as the renderer sees it: the shared fields (other people's entries carry no
 * fingerprint, key check or error text), whose it is, and who staged it for which deployment.
 */
export const OutboxEntryView = OutboxEntryShared.extend({
  /** Whose it is, as the viewer sees it. */
  access: EntryAccess,
  /** Who staged it and for which deployment (null on records older than owners). */
  owner: EntryOwner.pick({ email: true, name: true, deploymentUrl: true }).nullable(),
});
export type OutboxEntryView = z.infer<typeof OutboxEntryView>;

/** What this console did to a source (the status detail view reads it). */
export const SourceHistoryItem = z.object({
  action: z.enum(['created', 'rekeyed', 'cadence_changed']),
  at: z.iso.datetime({ offset: true }),
  fingerprint: z.string().nullable(),
  pollEverySec: z.number().nullable(),
  /** The schedule sent (null when it was kept as it was). */
  pullSchedule: z.string().nullable().default(null),
  stagedId: z.string(),
});
export type SourceHistoryItem = z.infer<typeof SourceHistoryItem>;

// The sets of states below are the only lists of states in the code: each is derived from
// the enum (or from another set), so a new state lands in every set it belongs to or in none.

/** States after which nothing more happens to an entry (its key is wiped). */
export const TERMINAL_STATES: ReadonlySet<OutboxState> = new Set<OutboxState>(['submitted', 'expired', 'discarded']);

/** True for `submitted`, `expired` and `discarded`. */
export function isTerminalState(state: OutboxState): boolean {
  return TERMINAL_STATES.has(state);
}

/** States that still need the admin or the worker (the nav badge counts them). */
export const OPEN_OUTBOX_STATES: readonly OutboxState[] = OutboxState.options.filter((s) => !isTerminalState(s));

/** Open and not in flight: the admin may edit, discard or re-key it; it may expire or lose its key. */
export const WAITING_STATES: ReadonlySet<OutboxState> = new Set(OPEN_OUTBOX_STATES.filter((s) => s !== 'submitting'));

/** States whose entry the admin may edit (every waiting one). */
export const EDITABLE_STATES: ReadonlySet<OutboxState> = WAITING_STATES;

/** Waiting entries the admin may send again now (a lost key must be entered again first). */
export const RETRYABLE_STATES: ReadonlySet<OutboxState> = new Set(
  [...WAITING_STATES].filter((s) => s !== 'key_missing'),
);

/** Open entries the worker will send without the admin (not refused, not missing their key). */
export const QUEUED_STATES: ReadonlySet<OutboxState> = new Set(
  OPEN_OUTBOX_STATES.filter((s) => s !== 'rejected' && s !== 'key_missing'),
);
