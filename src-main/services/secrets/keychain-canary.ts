/**
 * Telling "locked or unavailable" from "absent". A keychain read answers null both for an
 * account that is not there and, on Linux, for one in a locked collection when no unlock
 * prompt can be shown (or the person dismissed it). So a null is never read alone: the
 * namespace's canary (see KEYCHAIN_CANARY_ACCOUNT) is written whenever the keychain is proven
 * usable, and read alongside any null; when the canary cannot be read either, nothing is known.
 */
import { randomBytes } from 'node:crypto';
import { AppError, isAppError } from '../../../src-shared/errors';
import { KEYCHAIN_CANARY_ACCOUNT } from './accounts';
import type { SecretStore } from './secret-store';

const NOT_READABLE =
  'The system keyring does not give back what was just stored in it: it is probably locked. Unlock your keyring ' +
  '(sign in to the desktop session, or open "Passwords and Keys"), then try again.';

/**
 * Proves the keychain usable now: writes a fresh canary and reads it back (a write to a locked
 * collection fails instead of answering null). Throws `keychain.unavailable` otherwise.
 * Nothing that can crash on a locked collection (listing) runs before this has passed.
 */
export async function proveKeychainUsable(store: SecretStore): Promise<void> {
  const value = `canary-${randomBytes(12).toString('hex')}`;
  await store.set(KEYCHAIN_CANARY_ACCOUNT, value);
  if ((await store.get(KEYCHAIN_CANARY_ACCOUNT)) !== value)
    throw new AppError('keychain.unavailable', NOT_READABLE, { reason: 'locked', operation: 'get' });
}

/**
 * True when the keychain answers reads now: the canary reads back, or (never written yet, e.g.
 * the keychain was locked at start) a fresh one can be written and read. Never throws.
 */
export async function keychainAnswers(store: SecretStore): Promise<boolean> {
  try {
    if ((await store.get(KEYCHAIN_CANARY_ACCOUNT)) !== null) return true;
    await proveKeychainUsable(store);
    return true;
  } catch (error) {
    if (isAppError(error) && error.code === 'keychain.unavailable') return false;
    throw error;
  }
}
