/**
 * Reading a staged secret unit so that a null proves something: held, absent (the keychain
 * answers and has no such account), or unavailable (locked, a dismissed unlock prompt, no Secret
 * Service). Only "absent" may ever flag an entry `key_missing`; "unavailable" pauses it with its
 * unit kept. A held item that is not a whole unit of the entry's type counts as absent: it is
 * never sent in part.
 */
import type { SourceType } from '../../../src-shared/domain/langwatch';
import { isAppError, type AppError, type ErrorData } from '../../../src-shared/errors';
import { keychainAnswers } from '../secrets/keychain-canary';
import type { SecretStore } from '../secrets/secret-store';
import { recordableError } from './classify';
import { stagedAccount } from './entry';
import { complianceKeyOf, decodeUnit, encodeUnit, type SecretUnit } from './secret-unit';

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

/** What one read of a staged secret unit proves. */
export type StagedUnitRead =
  { kind: 'held'; unit: SecretUnit } | { kind: 'absent' } | { kind: 'unavailable'; error: ErrorData };

/** Reads the keychain item of entry `id` as it is; throws only for errors that are not the keychain's. */
async function readStagedItem(
  secrets: SecretStore,
  id: string,
): Promise<{ kind: 'held'; item: string } | Exclude<StagedKeyRead, { kind: 'held' }>> {
  try {
    const item = await secrets.get(stagedAccount(id));
    if (item !== null) return { kind: 'held', item };
    if (!(await keychainAnswers(secrets))) return { kind: 'unavailable', error: keychainWaitError() };
    // The keychain answers now; it may have been unlocked since the first read: read once more.
    const again = await secrets.get(stagedAccount(id));
    return again === null ? { kind: 'absent' } : { kind: 'held', item: again };
  } catch (error) {
    if (isAppError(error) && error.code === 'keychain.unavailable')
      return { kind: 'unavailable', error: keychainWaitError(error) };
    throw error;
  }
}

/** Reads the secret unit of entry `id`, of source type `type`. */
export async function readStagedUnit(secrets: SecretStore, id: string, type: SourceType): Promise<StagedUnitRead> {
  const read = await readStagedItem(secrets, id);
  if (read.kind !== 'held') return read;
  const unit = decodeUnit(type, read.item);
  return unit === null ? { kind: 'absent' } : { kind: 'held', unit };
}

/** Reads the compliance key of a staged `claude_compliance` entry (the key checks test it). */
export async function readStagedKey(secrets: SecretStore, id: string): Promise<StagedKeyRead> {
  const read = await readStagedUnit(secrets, id, 'claude_compliance');
  if (read.kind !== 'held') return read;
  const key = complianceKeyOf(read.unit);
  return key === null ? { kind: 'absent' } : { kind: 'held', key };
}

/**
 * Stages the secret unit of entry `id` as ONE keychain item: it is there whole or not at all
 * (a failed write throws and leaves nothing to send in part).
 */
export async function writeStagedUnit(
  secrets: Pick<SecretStore, 'set'>,
  id: string,
  type: SourceType,
  unit: SecretUnit,
): Promise<void> {
  await secrets.set(stagedAccount(id), encodeUnit(type, unit));
}
