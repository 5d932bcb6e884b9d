/**
 * The one request of an attempt: `ingestionSources.create` for a new source, `update` for a
 * re-key or schedule change (with the full non-secret parserConfig, read fresh from the
 * server, plus `credentials` only when re-keying, plus `pullSchedule` only when the schedule
 * changes: a re-key alone leaves a schedule set elsewhere, e.g. the web composer's, as it is).
 */
import type { LangwatchApi } from '../langwatch/api';
import type { TrpcCallOptions } from '../langwatch/trpc';
import type { OutboxEntry } from './entry';

/** The adapter name in parserConfig for compliance sources. */
export const COMPLIANCE_ADAPTER = 'claude_compliance';

/** Sends the entry; resolves with the source id. The key is used for this call only. */
export async function submitEntry(api: LangwatchApi, entry: OutboxEntry, key: string | null, opts: TrpcCallOptions): Promise<string> {
  const credentials = key === null ? {} : { credentials: { token: key } };
  if (entry.kind === 'create') {
    // The answer's one-time ingestSecret is dropped unread inside createSource.
    const source = await api.createSource(
      {
        organizationId: entry.organizationId,
        teamId: entry.teamId,
        sourceType: 'claude_compliance',
        name: entry.name,
        description: entry.description,
        parserConfig: { adapter: COMPLIANCE_ADAPTER, ...interval(entry.pollEverySec), ...credentials },
        pullSchedule: entry.pullSchedule,
      },
      opts,
    );
    return source.id;
  }
  const sourceId = entry.sourceId!;
  const current = await api.getSource(entry.organizationId, sourceId, opts);
  // A sent parserConfig replaces the stored one (credentials and `_` keys kept when omitted).
  // A new schedule replaces the stored interval (dropped for a cron without a fixed one).
  const { pollEverySec: storedInterval, ...rest } = current.parserConfig;
  const keepsSchedule = entry.pullSchedule === null;
  const parserConfig = {
    ...rest,
    ...(keepsSchedule ? (storedInterval === undefined ? {} : { pollEverySec: storedInterval }) : interval(entry.pollEverySec)),
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
