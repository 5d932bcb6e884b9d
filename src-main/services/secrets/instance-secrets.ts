/**
 * Opens this console instance's part of the OS keychain, moving in (once) the accounts it
 * wrote before namespaces existed, and those of the path-derived namespace older versions used. Only accounts this instance can prove are its own move:
 * a `staged:<id>` whose id is in this folder's outbox.json, a `session:`/`device:` whose
 * profile is in this folder's profiles.json. Everything else stays where it is, untouched:
 * it may belong to another console (the demo, a test run, a second profile folder).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logging/logger';
import { instanceNamespace, isLegacyAccount, profileIdOf, stagedIdOf } from './accounts';
import { pathNamespace } from './instance-identity';
import { proveKeychainUsable } from './keychain-canary';
import { namespacedSecretStore, type NamespacedSecretStore } from './namespaced-store';
import type { SecretStore } from './secret-store';

/** What the migration did. */
export interface LegacyMigration {
  /** Accounts moved into this instance's namespace. */
  moved: string[];
  /** Accounts of this instance left in place (the namespace already held a different value). */
  conflicting: string[];
}

/** Moves the legacy accounts `owns` accepts from `raw` into `target`; never deletes before the copy reads back. */
export async function migrateLegacyAccounts(options: {
  raw: SecretStore;
  target: SecretStore;
  owns: (account: string) => boolean;
  log: Logger;
}): Promise<LegacyMigration> {
  const { raw, target, log } = options;
  const result: LegacyMigration = { moved: [], conflicting: [] };
  // Listing a locked collection crashes inside keytar: prove it usable first (throws if not).
  await proveKeychainUsable(target);
  for (const account of await raw.listAccounts()) {
    if (!isLegacyAccount(account) || !options.owns(account)) continue;
    const value = await raw.get(account);
    if (value === null) continue;
    const existing = await target.get(account);
    if (existing === null) {
      await target.set(account, value);
      if ((await target.get(account)) !== value) continue; // not safely copied: keep the original
    } else if (existing !== value) {
      result.conflicting.push(account);
      continue;
    }
    await raw.delete(account);
    result.moved.push(account);
  }
  if (result.moved.length || result.conflicting.length) {
    log.info('keychain accounts moved into this console namespace', {
      moved: result.moved.length,
      conflicting: result.conflicting.length,
    });
  }
  return result;
}

/** Ids this folder's files vouch for; an unreadable or damaged file vouches for nothing. */
async function idsIn(path: string, list: 'entries' | 'profiles'): Promise<Set<string>> {
  try {
    const doc = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    const items = Array.isArray(doc[list]) ? (doc[list] as unknown[]) : [];
    return new Set(
      items.map((item) => (item as { id?: unknown })?.id).filter((id): id is string => typeof id === 'string'),
    );
  } catch {
    return new Set();
  }
}

/** This instance's store, and the move of its older accounts (again once a locked keychain answers). */
export interface InstanceSecrets extends NamespacedSecretStore {
  /** Moves in the older accounts this folder vouches for; false when the keychain did not answer. */
  moveInOlderAccounts(): Promise<boolean>;
}

/** This instance's namespaced store over `raw`, after moving in its own legacy accounts. */
export async function openInstanceSecrets(options: {
  raw: SecretStore;
  userDataDir: string;
  log: Logger;
}): Promise<InstanceSecrets> {
  const target = namespacedSecretStore(options.raw, instanceNamespace(options.userDataDir));
  // Accounts from before namespaces, then from the path-derived namespace of older versions.
  const oldNamespace = pathNamespace(options.userDataDir);
  const sources = [options.raw];
  // (The same namespace when the identity file could not be written: nothing to move then.)
  if (oldNamespace !== target.namespace) sources.push(namespacedSecretStore(options.raw, oldNamespace));

  async function moveInOlderAccounts(): Promise<boolean> {
    const stagedIds = await idsIn(join(options.userDataDir, 'outbox.json'), 'entries');
    const profileIds = await idsIn(join(options.userDataDir, 'profiles.json'), 'profiles');
    const owns = (account: string) => {
      const staged = stagedIdOf(account);
      if (staged !== null) return stagedIds.has(staged);
      const profile = profileIdOf(account);
      return profile !== null && profileIds.has(profile);
    };
    try {
      for (const raw of sources) await migrateLegacyAccounts({ raw, target, owns, log: options.log });
      return true;
    } catch (error) {
      // A locked or missing keychain: start anyway (the app says why); the move runs once it answers.
      options.log.warn('keychain accounts not moved into this console namespace', { err: error as Error });
      return false;
    }
  }
  await moveInOlderAccounts();
  return { ...target, moveInOlderAccounts };
}
