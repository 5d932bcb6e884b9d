/**
 * The outbox's one step for the ingest secret a create answers with: LangWatch shows it exactly
 * once, so when a create staged earlier (maybe offline) is finally answered, the secret is
 * handed to the keeper (services/ingest-secrets/) under the entry's owner, who reveals it later.
 * Declared here, on the caller's side, so the outbox does not depend on the keeper.
 */
import type { IngestSecretOrigin } from '../../../src-shared/domain/ingest-secret';
import type { SourceWithSecret } from '../langwatch/ingest-secret-answer';
import { knownSecrets } from '../logging/known-secrets';
import type { OutboxEntry } from './entry';

/** Whose a received secret is: the person, on the deployment (profile) that received it. */
export interface IngestSecretOwner {
  profileId: string;
  /** The deployment's URL when the secret was received (its endpoint is built from it). */
  deploymentUrl: string;
  userId: string;
}

/** A create or rotation answer, with who received it. */
export interface ReceivedIngestSecret {
  answer: SourceWithSecret;
  /** Null when the receiver is not known (an outbox record older than owners): the secret is let go. */
  owner: IngestSecretOwner | null;
  origin: IngestSecretOrigin;
}

/** What a keep did: kept in the keychain, not needed (no secret, not a push type), or not kept. */
export type KeepOutcome = 'kept' | 'not_needed' | 'not_kept';

/**
 * Keeps a received secret for its owner. Never rejects: the source exists whatever happens to
 * its secret, and a failed keep must never make the outbox send the create again.
 */
export type KeepIngestSecret = (received: ReceivedIngestSecret) => Promise<KeepOutcome>;

/** Hands a verified create's secret to the keeper under the entry's owner; without a keeper it is let go. */
export async function handOverIngestSecret(
  keep: KeepIngestSecret | undefined,
  answer: SourceWithSecret,
  entry: Pick<OutboxEntry, 'profileId' | 'owner'>,
): Promise<void> {
  if (answer.ingestSecret === null) return;
  if (!keep) return void knownSecrets.forget(answer.ingestSecret);
  const owner = entry.owner && {
    profileId: entry.profileId,
    deploymentUrl: entry.owner.deploymentUrl,
    userId: entry.owner.userId,
  };
  await keep({ answer, owner, origin: 'created' });
}
