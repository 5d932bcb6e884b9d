/**
 * Revealing a kept ingest secret: to its owner only (the same person, signed in on the same
 * deployment profile at the same URL; never a read-only session), exactly once. The keychain
 * item is deleted before the value is answered, and the record remembers the reveal, so a
 * second reveal is refused by name (`ingestSecret.already_revealed`) with the way out: rotate.
 * A null from the keychain counts as "gone" only when the canary reads back; otherwise the
 * keychain is locked, the record stays waiting, and the person is told to unlock it.
 */
import type { AuthState } from '../../../src-shared/domain/auth';
import type { RevealedIngestSecret } from '../../../src-shared/domain/ingest-secret';
import { AppError } from '../../../src-shared/errors';
import { readOnlyError, viewerOf, type Viewer } from '../outbox/ownership';
import { ingestSecretAccount } from '../secrets/accounts';
import type { KeeperState } from './keeper-state';
import { sameSlot, type IngestSecretRecord } from './record-file';

const ROTATE =
  'Rotate the secret on the source’s page to get a new one; the previous secret keeps working for 24 hours after a rotation.';

/** True when `record` was received by the person at the console, on this deployment. */
export function isViewers(record: IngestSecretRecord, viewer: Viewer): boolean {
  const { owner } = record;
  return (
    viewer.userId !== null &&
    owner.userId === viewer.userId &&
    owner.profileId === viewer.profileId &&
    owner.deploymentUrl === viewer.deploymentUrl
  );
}

/** Reveals the viewer's secret of `sourceId` once; throws a stable AppError otherwise. */
export async function revealIngestSecret(
  state: KeeperState,
  authState: AuthState,
  sourceId: string,
): Promise<RevealedIngestSecret> {
  const viewer = viewerOf(authState);
  if (viewer.readOnly) throw readOnlyError();
  if (viewer.userId === null) throw new AppError('auth.not_signed_in', 'Sign in as the person who created the source.');
  return state.serial(async () => {
    const now = state.options.clock.now();
    const records = (await state.records.read()).secrets.filter((r) => r.sourceId === sourceId);
    const record = records.find((r) => isViewers(r, viewer));
    if (!record) {
      if (records.length > 0)
        throw new AppError(
          'ingestSecret.not_yours',
          'This source’s ingest secret was received by another person or on another deployment profile; only they can reveal it. ' +
            ROTATE,
          { sourceId },
        );
      throw notWaiting(sourceId, 'none');
    }
    if (record.state === 'revealed') throw alreadyRevealed(record);
    if (record.state !== 'waiting' || Date.parse(record.expiresAt) <= now) throw notWaiting(sourceId, record.state);
    const secret = await takeFromKeychain(state, record);
    await save(state, { ...record, state: 'revealed', revealedAt: new Date(now).toISOString() }).catch(
      (error: unknown) => state.options.log.error('reveal not recorded (the secret is wiped)', { sourceId, error }),
    );
    state.options.log.info('ingest secret revealed to its owner and wiped', { sourceId, origin: record.origin });
    state.options.onChange?.();
    return {
      sourceId,
      sourceType: record.sourceType,
      sourceName: record.sourceName,
      origin: record.origin,
      deploymentUrl: record.owner.deploymentUrl,
      secret,
    };
  });
}

/** Reads the value and deletes it from the keychain; the record is marked `gone` only on a proven absence. */
async function takeFromKeychain(state: KeeperState, record: IngestSecretRecord): Promise<string> {
  const { secrets } = state.options;
  const account = ingestSecretAccount(record.owner, record.sourceId);
  let secret = await secrets.get(account);
  if (secret === null) {
    if (!(await state.keychainAnswers()))
      throw new AppError(
        'keychain.unavailable',
        'The system keychain does not answer (it is probably locked): unlock it, then reveal the secret again. It is still kept.',
        { reason: 'locked', operation: 'get' },
      );
    // The keychain answers now; it may have been unlocked since the first read: read once more.
    secret = await secrets.get(account);
  }
  if (secret === null) {
    await save(state, { ...record, state: 'gone' });
    throw notWaiting(record.sourceId, 'gone');
  }
  // Deleted before it is answered: if the delete fails, nothing was revealed and it stays kept.
  await secrets.delete(account);
  return secret;
}

async function save(state: KeeperState, record: IngestSecretRecord): Promise<void> {
  await state.records.update((doc) => ({
    ...doc,
    secrets: doc.secrets.map((r) => (sameSlot(r, record) ? record : r)),
  }));
}

function alreadyRevealed(record: IngestSecretRecord): AppError {
  return new AppError(
    'ingestSecret.already_revealed',
    `This ingest secret was shown once already${record.revealedAt ? ` (${record.revealedAt})` : ''}, and the console no longer holds it. ${ROTATE}`,
    { sourceId: record.sourceId, revealedAt: record.revealedAt },
  );
}

function notWaiting(sourceId: string, why: IngestSecretRecord['state'] | 'none'): AppError {
  const reason =
    why === 'not_kept'
      ? 'the keychain refused it when it arrived'
      : why === 'gone'
        ? 'the keychain no longer holds it'
        : why === 'waiting'
          ? 'it expired unrevealed and was wiped'
          : 'this console received none for it (it was created elsewhere, or its answer was lost)';
  return new AppError('ingestSecret.not_waiting', `No ingest secret waits for this source: ${reason}. ${ROTATE}`, {
    sourceId,
    reason: why,
  });
}
