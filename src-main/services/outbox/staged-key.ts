/**
 * Reading a staged key so that a null proves something: held, absent (the keychain answers and
 * has no such account), or unavailable (locked, a dismissed unlock prompt, no Secret Service).
 * Only "absent" may ever flag an entry `key_missing`; "unavailable" pauses it with its key kept.
 */
import { isAppError, type AppError, type ErrorData } from '../../../src-shared/errors';
import { keychainAnswers } from '../secrets/keychain-canary';
import type { SecretStore } from '../secrets/secret-store';
import { recordableError } from './classify';
import { stagedAccount } from './entry';

/** What one read of a staged key proves. */
export type StagedKeyRead =
  { kind: 'held'; key: string } | { kind: 'absent' } | { kind: 'unavailable'; error: ErrorData };

/** The error an entry waiting for the keychain shows (the keychain's own diagnosis in `details`). */
export function keychainWaitError(cause?: AppError): ErrorData {
  return recordableError({
    code: 'keychain.unavailable',
    message:
      'The keychain is locked or did not answer, so the staged key could not be read. The key is kept: ' +
      'unlock your keyring and choose Retry; the console also tries again by itself.',
    details: { reason: typeof cause?.details?.reason === 'string' ? cause.details.reason : 'locked' },
  });
}

/** Reads the staged key of entry `id`; throws only for errors that are not the keychain's. */
export async function readStagedKey(secrets: SecretStore, id: string): Promise<StagedKeyRead> {
  try {
    const key = await secrets.get(stagedAccount(id));
    if (key !== null) return { kind: 'held', key };
    if (!(await keychainAnswers(secrets))) return { kind: 'unavailable', error: keychainWaitError() };
    // The keychain answers now; it may have been unlocked since the first read: read once more.
    const again = await secrets.get(stagedAccount(id));
    return again === null ? { kind: 'absent' } : { kind: 'held', key: again };
  } catch (error) {
    if (isAppError(error) && error.code === 'keychain.unavailable')
      return { kind: 'unavailable', error: keychainWaitError(error) };
    throw error;
  }
}
