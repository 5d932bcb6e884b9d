/**
 * The sweep at start. It runs only once the keychain is proven usable now (a fresh canary
 * written and read back), so nothing is listed on a locked collection (keytar crashes there)
 * and nothing is decided on the strength of a null. Then:
 * - a `staged:<id>` key is deleted only when its entry is provably finished (submitted,
 *   expired or discarded: a crash between the record and the wipe, or a wipe the locked
 *   keychain ignored), or when the intact outbox.json has no record of it at all (staging
 *   writes the record before it answers, so such a key was never accepted);
 * - an entry flagged `key_missing` (by an older version, on a null) whose key is in fact there,
 *   with the same fingerprint, gets it back and waits to be sent again;
 * - an entry that says it holds a key the (answering) keychain does not list is flagged `key_missing`.
 */
import type { Logger } from '../logging/logger';
import { proveKeychainUsable } from '../secrets/keychain-canary';
import type { SecretStore } from '../secrets/secret-store';
import { isTerminal, isWaiting, stagedAccount, stagedIdOf, type OutboxEntry } from './entry';
import { decodeUnit, unitFingerprint } from './secret-unit';
import { wipeStagedKey } from './wipe';

/** What the sweep found. */
export interface SweepResult {
  /** Keychain accounts deleted: their entry is finished, or was never recorded. */
  removedAccounts: string[];
  /** Ids of records whose key was missing. */
  missingKeyIds: string[];
  /** Ids of `key_missing` records whose key was found in the keychain after all. */
  restoredKeyIds?: string[];
  /** Why the sweep did not run (nothing was deleted or flagged). */
  skipped?: 'outbox_damaged' | 'keychain_unavailable';
}

/** Runs the sweep; `flagMissing` applies `key_missing`, `restoreFound` applies `key_found`. */
export async function sweepOrphans(options: {
  secrets: SecretStore;
  entries: readonly OutboxEntry[];
  flagMissing: (id: string) => Promise<void>;
  restoreFound?: (id: string) => Promise<void>;
  log: Logger;
}): Promise<SweepResult> {
  const { secrets, log } = options;
  await proveKeychainUsable(secrets); // throws keychain.unavailable: the caller skips the sweep
  const byId = new Map(options.entries.map((e) => [e.id, e]));
  const accounts = new Set(await secrets.listAccounts());
  const removedAccounts: string[] = [];
  const restoredKeyIds: string[] = [];
  for (const account of accounts) {
    const id = stagedIdOf(account);
    if (id === null) continue;
    const entry = byId.get(id);
    if (entry && !isTerminal(entry)) {
      if (entry.state === 'key_missing' && options.restoreFound && (await holdsItsKey(secrets, entry))) {
        await options.restoreFound(id);
        restoredKeyIds.push(id);
      }
      continue; // an open entry keeps its key, whatever its record says
    }
    await wipeStagedKey({ secrets, log }, id, entry ? 'swept_finished' : 'swept_unrecorded');
    removedAccounts.push(account);
  }
  const missingKeyIds: string[] = [];
  for (const entry of options.entries) {
    if (!entry.keyHeld || !isWaiting(entry)) continue;
    if (accounts.has(stagedAccount(entry.id))) continue;
    await options.flagMissing(entry.id);
    missingKeyIds.push(entry.id);
  }
  if (removedAccounts.length || missingKeyIds.length || restoredKeyIds.length) {
    log.warn('outbox sweep', {
      removedKeysOfFinishedEntries: removedAccounts.length,
      recordsMissingKey: missingKeyIds.length,
      keysFoundAgain: restoredKeyIds.length,
    });
  }
  return { removedAccounts, missingKeyIds, restoredKeyIds };
}

/** True when the keychain holds a whole secret unit for `entry` that matches its recorded fingerprint. */
async function holdsItsKey(secrets: SecretStore, entry: OutboxEntry): Promise<boolean> {
  const item = await secrets.get(stagedAccount(entry.id));
  const unit = item === null ? null : decodeUnit(entry.sourceType, item);
  return unit !== null && entry.fingerprint !== null && unitFingerprint(entry.sourceType, unit) === entry.fingerprint;
}
