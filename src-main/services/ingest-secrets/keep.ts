/**
 * Keeping a received ingest secret: in the OS keychain under its owner (person + deployment +
 * source), with a record (no value) saying until when. Nothing else holds it: not a file, a
 * log line, an event or an outbox record. A push source's secret only: the other types never
 * present one, so theirs is let go at once.
 */
import { INGEST_SECRET_KEEP_MS, usesIngestSecret } from '../../../src-shared/domain/ingest-secret';
import { knownSecrets } from '../logging/known-secrets';
import { ingestSecretAccount } from '../secrets/accounts';
import type { KeepOutcome, ReceivedIngestSecret } from '../outbox/ingest-secret-hook';
import type { KeeperState } from './keeper-state';
import { sameSlot, type IngestSecretRecord } from './record-file';

/** Keeps `received` for its owner; never rejects (see KeepIngestSecret). */
export async function keepIngestSecret(state: KeeperState, received: ReceivedIngestSecret): Promise<KeepOutcome> {
  const { answer, owner, origin } = received;
  const secret = answer.ingestSecret;
  const { log } = state.options;
  if (secret === null) return 'not_needed';
  const about = { sourceId: answer.source.id, sourceType: answer.source.sourceType, origin };
  try {
    if (!usesIngestSecret(answer.source.sourceType)) return 'not_needed';
    if (owner === null) {
      log.warn('ingest secret let go: the entry that received it records no owner', about);
      return 'not_kept';
    }
    return await state.serial(() => store(state, received, secret));
  } catch (error) {
    log.error('ingest secret could not be kept', { ...about, error: error as Error });
    return 'not_kept';
  } finally {
    // The client registered it when it read the answer; the keychain (if it has it) registers it itself.
    knownSecrets.forget(secret);
  }
}

async function store(state: KeeperState, received: ReceivedIngestSecret, secret: string): Promise<KeepOutcome> {
  const { secrets, clock, log } = state.options;
  const { source } = received.answer;
  const owner = received.owner!;
  const now = clock.now();
  const record: IngestSecretRecord = {
    sourceId: source.id,
    sourceType: source.sourceType,
    sourceName: source.name.slice(0, 200),
    organizationId: source.organizationId,
    owner,
    origin: received.origin,
    receivedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + INGEST_SECRET_KEEP_MS).toISOString(),
    state: 'waiting',
    revealedAt: null,
  };
  const account = ingestSecretAccount(owner, source.id);
  let kept = true;
  try {
    // A rotation replaces an unrevealed secret of the same source: only the newest one works for long.
    await secrets.set(account, secret);
  } catch (error) {
    kept = false;
    log.error('ingest secret not kept: the keychain refused it', { sourceId: source.id, error: error as Error });
  }
  const saved = kept ? record : { ...record, state: 'not_kept' as const };
  try {
    await state.records.update((doc) => ({
      ...doc,
      secrets: [...doc.secrets.filter((r) => !sameSlot(r, saved)), saved],
    }));
  } catch (error) {
    // Without its record nobody could find it: it goes again, rather than wait unlisted.
    if (kept) await secrets.delete(account).catch(() => undefined);
    throw error;
  }
  log.info(kept ? 'ingest secret kept for its owner' : 'ingest secret recorded as not kept', {
    sourceId: source.id,
    origin: received.origin,
    expiresAt: record.expiresAt,
  });
  state.plan();
  state.options.onChange?.();
  return kept ? 'kept' : 'not_kept';
}
