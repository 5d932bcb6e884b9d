/**
 * The one request of an attempt: `ingestionSources.create` for a new source, `update` for a
 * re-key or cadence change (with the full non-secret parserConfig, read fresh from the
 * server, plus `credentials` only when re-keying, plus the new `pullSchedule`).
 */
import type { LangwatchApi } from '../langwatch/api';
import { publicParserConfig } from '../langwatch/schemas';
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
        parserConfig: { adapter: COMPLIANCE_ADAPTER, pollEverySec: entry.pollEverySec, ...credentials },
        pullSchedule: entry.pullSchedule,
      },
      opts,
    );
    return source.id;
  }
  const sourceId = entry.sourceId!;
  const current = await api.getSource(entry.organizationId, sourceId, opts);
  // A sent parserConfig replaces the stored one (credentials and `_` keys kept when omitted),
  // so whatever the server handed out under those names is never sent back.
  const parserConfig = { ...publicParserConfig(current.parserConfig), adapter: COMPLIANCE_ADAPTER, pollEverySec: entry.pollEverySec, ...credentials };
  const updated = await api.updateSource(
    { organizationId: entry.organizationId, id: sourceId, parserConfig, pullSchedule: entry.pullSchedule, ...(entry.name !== current.name ? { name: entry.name } : {}) },
    opts,
  );
  return updated.id;
}
