/**
 * The requests an outbox entry becomes, for any source type: the plain values and the secret
 * unit go through `buildSourceRequest` (the one mapping of fields to what LangWatch's puller
 * reads); the outbox adds only its own keys: the marker (every type: a lost create is proven
 * by it), the fixed interval it chose, and, for `claude_compliance`, the adapter name, in the
 * order the console has always sent them.
 */
import type { CreateSourceInput, Source, SourceType, UpdateSourceInput } from '../../../src-shared/domain/langwatch';
import { buildSourceRequest } from '../../../src-shared/domain/source-request';
import { changedConfig, credentialsOf } from '../../../src-shared/domain/source-update';
import { publicParserConfig } from '../langwatch/schemas';
import type { OutboxEntry } from './entry';
import { COMPLIANCE_SOURCE_TYPE, MARKER_KEY } from './reconcile';
import type { SecretUnit } from './secret-unit';

/** The adapter name in parserConfig for compliance sources. */
export const COMPLIANCE_ADAPTER = 'claude_compliance';

function adapterOf(type: SourceType): { adapter?: string } {
  return type === COMPLIANCE_SOURCE_TYPE ? { adapter: COMPLIANCE_ADAPTER } : {};
}

function interval(pollEverySec: number | null): { pollEverySec?: number } {
  return pollEverySec === null ? {} : { pollEverySec };
}

/** The create of an entry; `unit` is read from the keychain for this one request. */
export function createInputOf(entry: OutboxEntry, unit: SecretUnit | null): CreateSourceInput {
  const parts = buildSourceRequest(entry.sourceType, entry.values, unit, entry.pullSchedule);
  return {
    organizationId: entry.organizationId,
    teamId: entry.teamId,
    sourceType: entry.sourceType,
    name: entry.name,
    description: entry.description,
    parserConfig: {
      ...adapterOf(entry.sourceType),
      ...interval(entry.pollEverySec),
      [MARKER_KEY]: entry.marker,
      ...parts.parserConfig,
    },
    pullSchedule: entry.pullSchedule ?? parts.pullSchedule,
    ...(parts.pullConfig ? { pullConfig: parts.pullConfig } : {}),
  };
}

/**
 * The update bringing `current` to what the entry says: the stored non-secret parserConfig
 * (whatever the server handed out as `credentials` or `_` keys is never sent back) with the
 * entry's changed values over it, the new schedule (or the stored interval kept), the secret
 * unit only when it re-keys (a sent `credentials` replaces the stored one whole), the name
 * only when it changed, the description only when the edit sets it.
 */
export function updateInputOf(
  entry: OutboxEntry,
  current: Pick<Source, 'id' | 'name' | 'parserConfig'>,
  unit: SecretUnit | null,
): UpdateSourceInput {
  const { pollEverySec: storedInterval, ...rest } = publicParserConfig(current.parserConfig ?? {});
  const changed = changedConfig(entry.sourceType, entry.values, rest);
  const credentials = unit === null ? {} : { credentials: credentialsOf(entry.sourceType, unit) };
  // A pull type's stored config carries its adapter's own `schedule`: it follows a new one.
  if (entry.pullSchedule !== null && typeof rest.schedule === 'string') changed.schedule = entry.pullSchedule;
  const keepsSchedule = entry.pullSchedule === null;
  const schedule = keepsSchedule
    ? storedInterval === undefined
      ? {}
      : { pollEverySec: storedInterval }
    : interval(entry.pollEverySec);
  return {
    organizationId: entry.organizationId,
    id: current.id,
    parserConfig: { ...rest, ...schedule, ...adapterOf(entry.sourceType), ...changed, ...credentials },
    ...(keepsSchedule ? {} : { pullSchedule: entry.pullSchedule }),
    ...(entry.name !== current.name ? { name: entry.name } : {}),
    ...(entry.setsDescription ? { description: entry.description } : {}),
  };
}
