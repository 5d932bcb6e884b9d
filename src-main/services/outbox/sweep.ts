/**
 * Orphan sweep at start: keychain entries `staged:<id>` without a record that holds a key
 * are deleted (a crash between a wipe and its record, or a record lost with its file), and
 * records that say they hold a key the keychain no longer has are flagged `key_missing`.
 */
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import { isTerminal, isWaiting, stagedAccount, stagedIdOf, type OutboxEntry } from './entry';

/** What the sweep found. */
export interface SweepResult {
  /** Keychain accounts deleted because no record accounts for them. */
  removedAccounts: string[];
  /** Ids of records whose key was missing. */
  missingKeyIds: string[];
  /** Why the sweep did not run (nothing was deleted or flagged). */
  skipped?: 'outbox_damaged' | 'keychain_unavailable';
}

/** Runs the sweep; `flagMissing` applies the `key_missing` event to a record. */
export async function sweepOrphans(options: {
  secrets: SecretStore;
  entries: readonly OutboxEntry[];
  flagMissing: (id: string) => Promise<void>;
  log: Logger;
}): Promise<SweepResult> {
  const { secrets, log } = options;
  const byId = new Map(options.entries.map((e) => [e.id, e]));
  const accounts = new Set(await secrets.listAccounts());
  const removedAccounts: string[] = [];
  for (const account of accounts) {
    const id = stagedIdOf(account);
    if (id === null) continue;
    const entry = byId.get(id);
    if (entry && entry.keyHeld && !isTerminal(entry)) continue;
    await secrets.delete(account);
    removedAccounts.push(account);
  }
  const missingKeyIds: string[] = [];
  for (const entry of options.entries) {
    if (!entry.keyHeld || !isWaiting(entry)) continue;
    if (accounts.has(stagedAccount(entry.id))) continue;
    await options.flagMissing(entry.id);
    missingKeyIds.push(entry.id);
  }
  if (removedAccounts.length || missingKeyIds.length) {
    log.warn('outbox sweep', { removedOrphanKeys: removedAccounts.length, recordsMissingKey: missingKeyIds.length });
  }
  return { removedAccounts, missingKeyIds };
}
