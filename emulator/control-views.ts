/** Read-only views of stored records for the control surface: never a secret, a token or a hash. */
import type { Runtime } from './runtime';
import { openCredentials } from './seal';
import { publicParserConfig } from './langwatch/sources';
import type { SourceRecord } from './types';
import type { CliKeyView, CliSessionView, RawSourceView } from './control-api';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** A source as stored, with whether it holds a sealed key instead of the key. */
export function rawView(rt: Runtime, s: SourceRecord): RawSourceView {
  return {
    id: s.id,
    organizationId: s.organizationId,
    teamId: s.teamId,
    name: s.name,
    sourceType: s.sourceType,
    status: s.status,
    description: s.description,
    parserConfig: publicParserConfig(s.parserConfig),
    hasCredentials: typeof openCredentials(rt.sealKey, s.parserConfig.credentials).token === 'string',
    credentialsSealed:
      s.parserConfig.credentials == null
        ? null
        : typeof s.parserConfig.credentials === 'string' && s.parserConfig.credentials.startsWith('enc:v1:'),
    pullSchedule: s.pullSchedule,
    errorCount: s.errorCount,
    eventCount: rt.store.events.get(s.id)?.list.length ?? 0,
    pollerCursor: s.pollerCursor,
    createdAt: iso(s.createdAt)!,
    updatedAt: iso(s.updatedAt)!,
    lastEventAt: iso(s.lastEventAt),
    archivedAt: iso(s.archivedAt),
    createdById: s.createdById,
  };
}

/** Live CLI tokens without their values or hashes. */
export function cliSessionViews(rt: Runtime): CliSessionView[] {
  return [...rt.store.cliTokens.values()].map((t) => ({
    kind: t.kind,
    userId: t.userId,
    organizationId: t.organizationId,
    expiresAt: new Date(t.expiresAt).toISOString(),
    clientInfo: t.clientInfo ?? null,
    cliKeyId: t.cliKeyId ?? null,
  }));
}

/** CLI keys (revoked ones too) without their hashes. */
export function cliKeyViews(rt: Runtime): CliKeyView[] {
  return rt.store.cliKeys.map(({ tokenHash: _h, createdAt, revokedAt, ...k }) => ({
    ...k,
    createdAt: iso(createdAt)!,
    revokedAt: iso(revokedAt),
  }));
}
