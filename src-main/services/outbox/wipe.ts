/**
 * The one place a staged key is deleted from the keychain. Every wipe names its reason from a
 * closed set, so "where and why does a key get wiped?" is answered by this file and its
 * callers, and a log line says why each key went (the id and the reason, never the key).
 * A test (test/unit/outbox/wipe-home.test.ts) keeps this the only `.delete(` of a staged account.
 */
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import { stagedAccount } from './entry';

/** Why a staged key is wiped. */
export const WIPE_REASONS = [
  /** LangWatch has the key: the entry was submitted. */
  'submitted',
  /** The staged key lifetime ran out before the key could be sent. */
  'expired',
  /** The person discarded the entry. */
  'discarded',
  /** The deployment profile was forgotten: its open entries were discarded. */
  'forgotten_profile',
  /** Staging failed to write the record after writing the key: the key was never accepted. */
  'staging_failed',
  /** The start-up sweep found the key of a finished entry (a wipe lost to a crash or a locked keychain). */
  'swept_finished',
  /** The start-up sweep found a key whose id the intact outbox.json never recorded. */
  'swept_unrecorded',
] as const;
export type WipeReason = (typeof WIPE_REASONS)[number];

/** Deletes the staged key of entry `entryId`; true when the keychain held one. Errors reach the caller. */
export async function wipeStagedKey(
  deps: { secrets: Pick<SecretStore, 'delete'>; log: Logger },
  entryId: string,
  reason: WipeReason,
): Promise<boolean> {
  const deleted = await deps.secrets.delete(stagedAccount(entryId));
  deps.log.info('staged key wiped', { stagedId: entryId, reason, held: deleted });
  return deleted;
}
