/**
 * The outbox record of one staged submission, as written to `<userData>/outbox.json`.
 * It never holds a secret: the secret unit (every secret field of the source type, one item)
 * lives in the keychain under `staged:<id>`, and the record only says whether one is held and
 * its display fingerprint. Records written before other types existed read as
 * `claude_compliance` with no plain values.
 */
import { z } from 'zod';
import {
  EntryOwner,
  isTerminalState,
  KeyCheckNote,
  OutboxEntryShared,
  OutboxState,
  WAITING_STATES,
} from '../../../src-shared/domain/outbox';

export { EntryOwner, OutboxState, KeyCheckNote };

const IsoDate = z.iso.datetime({ offset: true });

/**
 * One outbox record (no secret, ever): the fields its view shows too (`OutboxEntryShared`,
 * src-shared/domain/outbox.ts, declared once there) and the bookkeeping only main reads.
 */
export const OutboxEntry = OutboxEntryShared.extend({
  /** An update that sets the description (to `description`, null clears it). */
  setsDescription: z.boolean().default(false),
  /**
   * Who staged it and where (null on records written before owners were recorded): it is
   * submitted only under this user's session, to this deployment, checked against this
   * Anthropic URL. Editing the profile later does not move it.
   */
  owner: EntryOwner.nullable().default(null),
  /**
   * Written into the create's parserConfig (`consoleStagingId`) so a reconcile after a lost
   * answer adopts only a source that carries it ('' on records older than the marker).
   */
  marker: z.string().max(64).default(''),
  /** A create went out without the marker (a record older than it): nothing can be proven. */
  unmarkedSends: z.boolean().default(false),
  /** An update that sends a new key (re-key); a create always sends one. */
  sendsKey: z.boolean(),
  /** A create whose answer may have been lost: reconcile (list + adopt) before any retry. */
  maybeCreated: z.boolean(),
  /** Since when a reconcile is due: a list fetched after this moment shows a lost create. */
  reconcileAfter: IsoDate.nullable().default(null),
  /** Every name a create was sent with (an edit may rename a possibly-created entry). */
  sentNames: z.array(z.string()),
  /** Staged while the console was offline: notify when it finally goes through. */
  stagedOffline: z.boolean(),
  /** Whether the key check already ran for the key held now (a new key resets it). */
  preflightDone: z.boolean(),
}).strict();
export type OutboxEntry = z.infer<typeof OutboxEntry>;

/** The file: every entry, terminal ones included (nothing leaves silently). */
export const OutboxFile = z.object({ version: z.literal(1), entries: z.array(OutboxEntry) }).strict();
export type OutboxFile = z.infer<typeof OutboxFile>;

// Account names are built in one place (secrets/accounts.ts); re-exported for the outbox code.
export { stagedAccount, stagedIdOf } from '../secrets/accounts';

/** True when the entry is finished (submitted, expired or discarded). */
export function isTerminal(entry: Pick<OutboxEntry, 'state'>): boolean {
  return isTerminalState(entry.state);
}

/** True when the entry is open and not in flight (see WAITING_STATES). */
export function isWaiting(entry: Pick<OutboxEntry, 'state'>): boolean {
  return WAITING_STATES.has(entry.state);
}
