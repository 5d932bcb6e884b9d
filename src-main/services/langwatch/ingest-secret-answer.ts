/**
 * The answer of `ingestionSources.create` and `rotateSecret`: the source, and the one-time
 * ingest secret LangWatch shows exactly once (it keeps only a hash). The secret is validated
 * and registered as a known secret the moment it is read, so no boundary (log, IPC, file) can
 * carry it before whoever asked has put it in the keychain or let it go.
 */
import { z } from 'zod';
import { IngestSecretValue } from '../../../src-shared/domain/ingest-secret';
import type { Source } from '../../../src-shared/domain/langwatch';
import { knownSecrets } from '../logging/known-secrets';
import { parseAnswer, toSource, WireSource } from './schemas';

/** A source as its create or rotation answered it, with the secret (null when unreadable). */
export interface SourceWithSecret {
  source: Source;
  /**
   * The one-time ingest secret, registered as a known secret (redacted by value everywhere).
   * Null when the answer held none of the expected shape: the source is still the source.
   */
  ingestSecret: string | null;
}

const WireAnswer = z.object({ source: WireSource, ingestSecret: z.unknown() });

/** Reads a create/rotate answer; the secret is known (and redacted) before anything else sees it. */
export function readSourceWithSecret(data: unknown, path: string): SourceWithSecret {
  // Registered before validation of the rest: an error describing the answer must not carry it.
  const raw = (data as { ingestSecret?: unknown } | null)?.ingestSecret;
  const secret = IngestSecretValue.safeParse(raw);
  if (secret.success) knownSecrets.remember(secret.data);
  const answer = parseAnswer(WireAnswer, data, path);
  return { source: toSource(answer.source), ingestSecret: secret.success ? secret.data : null };
}
