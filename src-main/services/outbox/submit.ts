/**
 * The requests of an attempt, for a source of any type: `ingestionSources.create` for a new
 * source (carrying the entry's marker, then read back to prove the answer names the source it
 * made, of the entry's type), `update` for a change of an existing one (its non-secret
 * parserConfig read fresh from the server, the secret unit only when re-keying, `pullSchedule`
 * only when the schedule changes: a re-key alone leaves a schedule set elsewhere as it is), and
 * the follow-up update of an adopted source (what the entry says now). The request bodies are
 * built in submit-request.ts.
 */
import { AppError } from '../../../src-shared/errors';
import type { LangwatchApi } from '../langwatch/api';
import { redactSecrets } from '../logging/redact';
import type { TrpcCallOptions } from '../langwatch/trpc';
import type { OutboxEntry } from './entry';
import { handOverIngestSecret, type KeepIngestSecret } from './ingest-secret-hook';
import { carriesMarker } from './reconcile';
import type { SecretUnit } from './secret-unit';
import { createInputOf, updateInputOf } from './submit-request';

export { COMPLIANCE_ADAPTER } from './submit-request';

/** Thrown when a create's answer does not prove it is the source this entry made. */
export function unverifiedCreate(answeredId: string): AppError {
  return new AppError(
    'network.unexpected_answer',
    'LangWatch answered the create with a source that is not the one this console sent. Nothing was adopted; the console checks the source list before trying again.',
    { reason: 'unverified_create', answeredId: redactSecrets(answeredId).slice(0, 64) },
  );
}

/** Sends the entry; resolves with the source id. The unit is used for this call only. */
export async function submitEntry(
  api: LangwatchApi,
  entry: OutboxEntry,
  unit: SecretUnit | null,
  opts: TrpcCallOptions,
  keepIngestSecret?: KeepIngestSecret,
): Promise<string> {
  if (entry.kind === 'create') {
    // The create's answer; its one-time ingestSecret goes to the hand-over below, nowhere else.
    const { source: answered, ...created } = await api.createSource(createInputOf(entry, unit), opts);
    // Trust nothing the answer says: read the source back, it must carry our name and marker.
    const stored = await api.getSource(entry.organizationId, answered.id, opts).catch((error: unknown) => {
      if (error instanceof AppError && (error.code === 'langwatch.not_found' || error.code === 'not_found'))
        throw unverifiedCreate(answered.id);
      throw error;
    });
    if (
      stored.id !== answered.id ||
      stored.name.trim() !== entry.name.trim() ||
      stored.sourceType !== entry.sourceType ||
      !carriesMarker(stored, entry.marker)
    )
      throw unverifiedCreate(answered.id);
    // The one-time ingest secret reaches the entry's owner through the keychain (ingest-secrets/).
    await handOverIngestSecret(keepIngestSecret, { source: stored, ...created }, entry);
    return stored.id;
  }
  return updateSource(api, entry, entry.sourceId!, unit, opts);
}

/**
 * Brings a source to what the entry says now: its name (a rename after a possibly-landed
 * create), schedule, changed values, description and, when it sends one, the held secret unit.
 * Used for updates and after adopting. A source of another type than the entry's is left alone:
 * the entry's fields would mean something else there.
 */
export async function updateSource(
  api: LangwatchApi,
  entry: OutboxEntry,
  sourceId: string,
  unit: SecretUnit | null,
  opts: TrpcCallOptions,
): Promise<string> {
  const current = await api.getSource(entry.organizationId, sourceId, opts);
  if (current.sourceType !== entry.sourceType)
    throw new AppError(
      'invalid_argument',
      `This change was staged for a ${entry.sourceType} source, but the source is ${redactSecrets(current.sourceType).slice(0, 64)} now. Nothing was sent; discard this entry.`,
      { reason: 'source_type_changed' },
    );
  const updated = await api.updateSource(updateInputOf(entry, current, unit), opts);
  return updated.id;
}
