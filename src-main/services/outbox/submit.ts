/**
 * The requests of an attempt: `ingestionSources.create` for a new source (carrying the
 * entry's marker, then read back to prove the answer names the source it made), `update`
 * for a re-key or schedule change (with the full non-secret parserConfig, read fresh from the
 * server, plus `credentials` only when re-keying, plus `pullSchedule` only when the schedule
 * changes: a re-key alone leaves a schedule set elsewhere, e.g. the web composer's, as it is),
 * and the follow-up update of an adopted source (what the entry says now: name, schedule, held key).
 */
import { AppError } from '../../../src-shared/errors';
import type { LangwatchApi } from '../langwatch/api';
import { redactSecrets } from '../logging/redact';
import { publicParserConfig } from '../langwatch/schemas';
import type { TrpcCallOptions } from '../langwatch/trpc';
import type { OutboxEntry } from './entry';
import { handOverIngestSecret, type KeepIngestSecret } from './ingest-secret-hook';
import { carriesMarker, COMPLIANCE_SOURCE_TYPE, MARKER_KEY } from './reconcile';

/** The adapter name in parserConfig for compliance sources. */
export const COMPLIANCE_ADAPTER = 'claude_compliance';

/** Thrown when a create's answer does not prove it is the source this entry made. */
export function unverifiedCreate(answeredId: string): AppError {
  return new AppError(
    'network.unexpected_answer',
    'LangWatch answered the create with a source that is not the one this console sent. Nothing was adopted; the console checks the source list before trying again.',
    { reason: 'unverified_create', answeredId: redactSecrets(answeredId).slice(0, 64) },
  );
}

/** Sends the entry; resolves with the source id. The key is used for this call only. */
export async function submitEntry(
  api: LangwatchApi,
  entry: OutboxEntry,
  key: string | null,
  opts: TrpcCallOptions,
  keepIngestSecret?: KeepIngestSecret,
): Promise<string> {
  const credentials = key === null ? {} : { credentials: { token: key } };
  if (entry.kind === 'create') {
    const { source: answered, ...created } = await api.createSource(
      {
        organizationId: entry.organizationId,
        teamId: entry.teamId,
        sourceType: COMPLIANCE_SOURCE_TYPE,
        name: entry.name,
        description: entry.description,
        parserConfig: {
          adapter: COMPLIANCE_ADAPTER,
          ...interval(entry.pollEverySec),
          [MARKER_KEY]: entry.marker,
          ...credentials,
        },
        pullSchedule: entry.pullSchedule,
      },
      opts,
    );
    // Trust nothing the answer says: read the source back, it must carry our name and marker.
    const stored = await api.getSource(entry.organizationId, answered.id, opts).catch((error: unknown) => {
      if (error instanceof AppError && (error.code === 'langwatch.not_found' || error.code === 'not_found'))
        throw unverifiedCreate(answered.id);
      throw error;
    });
    if (stored.id !== answered.id || stored.name.trim() !== entry.name.trim() || !carriesMarker(stored, entry.marker))
      throw unverifiedCreate(answered.id);
    // The one-time ingest secret reaches the entry's owner through the keychain (ingest-secrets/).
    await handOverIngestSecret(keepIngestSecret, { source: stored, ...created }, entry);
    return stored.id;
  }
  return updateSource(api, entry, entry.sourceId!, key, opts);
}

/**
 * Brings a source to what the entry says now: its name (a rename after a possibly-landed
 * create), cadence and, when it sends one, the held key. Used for updates and after adopting.
 */
export async function updateSource(
  api: LangwatchApi,
  entry: OutboxEntry,
  sourceId: string,
  key: string | null,
  opts: TrpcCallOptions,
): Promise<string> {
  const credentials = key === null ? {} : { credentials: { token: key } };
  const current = await api.getSource(entry.organizationId, sourceId, opts);
  // A sent parserConfig replaces the stored one (credentials and `_` keys kept when omitted),
  // so whatever the server handed out under those names is never sent back. A new schedule
  // replaces the stored interval (dropped for a cron without a fixed one).
  const { pollEverySec: storedInterval, ...rest } = publicParserConfig(current.parserConfig);
  const keepsSchedule = entry.pullSchedule === null;
  const parserConfig = {
    ...rest,
    ...(keepsSchedule
      ? storedInterval === undefined
        ? {}
        : { pollEverySec: storedInterval }
      : interval(entry.pollEverySec)),
    adapter: COMPLIANCE_ADAPTER,
    ...credentials,
  };
  const updated = await api.updateSource(
    {
      organizationId: entry.organizationId,
      id: sourceId,
      parserConfig,
      ...(keepsSchedule ? {} : { pullSchedule: entry.pullSchedule }),
      ...(entry.name !== current.name ? { name: entry.name } : {}),
    },
    opts,
  );
  return updated.id;
}

function interval(pollEverySec: number | null): { pollEverySec?: number } {
  return pollEverySec === null ? {} : { pollEverySec };
}
