/**
 * The `pullConfig` each pull type's adapter reads, built as LangWatch's composer builds it
 * (`dashboard/pages/ingestion-sources.tsx`: `resolvePullConfig`, `buildHttpCustomPullConfig`,
 * `buildAnthropicAdminPullConfig`, `buildDatabricksGeniePullConfig`), with the credentials the
 * puller reads under `credentials` (LangWatch merges pullConfig into parserConfig on create,
 * parserConfig winning a clash, and the worker reads the merged object).
 *
 * Inputs are already checked (`sourceRuleIssues`); nothing here refuses.
 */
import type { SourceType } from './langwatch';
import type { SourceTypeEntry } from './source-catalog';
import { normalizeStartingAt, parseMappingDsl } from './source-rules';

type Values = Readonly<Record<string, string>>;
type Config = Record<string, unknown>;

/**
 * Plain fields the adapter's config owns in a transformed form: left out of parserConfig, or
 * its raw value would win the merge over the typed one (LangWatch's `PULL_CONFIG_OWNED_FIELDS`).
 */
export const PULL_CONFIG_OWNED_FIELDS: Partial<Record<SourceType, readonly string[]>> = {
  anthropic_admin: ['report', 'bucketWidth', 'startingAt'],
  databricks_genie: ['workspaceUrl', 'spaceIds', 'warehouseId'],
};

/** A comma list as LangWatch's composer reads it: trimmed items, empty ones dropped. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function anthropicAdmin(v: Values, schedule: string): Config {
  const report = v.report?.toLowerCase();
  const startingAt = v.startingAt === undefined ? null : normalizeStartingAt(v.startingAt);
  return {
    report,
    ...(v.bucketWidth && report === 'usage' ? { bucketWidth: v.bucketWidth } : {}),
    ...(startingAt ? { startingAt } : {}),
    schedule,
  };
}

function databricksGenie(v: Values, schedule: string): Config {
  return {
    workspaceUrl: (v.workspaceUrl ?? '').replace(/\/+$/, ''),
    // Empty: every space the credential can see, including later ones.
    spaceIds: splitList(v.spaceIds),
    schedule,
    // Omitted when empty: the adapter would ask the workspace about a warehouse named "".
    ...(v.warehouseId ? { warehouseId: v.warehouseId } : {}),
  };
}

function httpCustom(v: Values, schedule: string): Config {
  return {
    url: v.url,
    method: 'GET',
    headers: { [v.authHeaderName ?? 'Authorization']: v.authHeaderValue },
    authMode: 'header_template',
    cursorJsonPath: v.cursorJsonPath,
    cursorQueryParam: v.cursorQueryParam || 'cursor',
    eventsJsonPath: v.eventsJsonPath,
    schedule,
    eventMapping: parseMappingDsl(v.eventMappingDsl ?? ''),
  };
}

/** The generic S3 adapter's config (`s3PollingConfigSchema`), which LangWatch's composer never sends. */
function s3Custom(v: Values, schedule: string): Config {
  return {
    bucket: v.bucket,
    prefix: v.prefix ?? '',
    region: v.region,
    parser: v.parser ?? 'ndjson',
    schedule,
    eventMapping: parseMappingDsl(v.parserDsl ?? ''),
  };
}

const BUILDERS: Partial<Record<SourceType, (v: Values, schedule: string) => Config>> = {
  anthropic_admin: anthropicAdmin,
  databricks_genie: databricksGenie,
  http_custom: httpCustom,
  s3_custom: s3Custom,
};

/**
 * The pullConfig of a pull type: its adapter id, what its builder adds (the locked reference
 * pullers, `copilot_studio`, `openai_compliance` and `claude_compliance`, take only the id) and
 * the credentials. Genie's credentials hold only what was given (`genieCredentialsFrom`).
 */
export function buildPullConfig(
  entry: SourceTypeEntry & { adapter: string },
  values: Values,
  credentials: Readonly<Record<string, string>>,
  schedule: string,
): Config {
  const built = BUILDERS[entry.type]?.(values, schedule) ?? {};
  const withCredentials = Object.keys(credentials).length > 0 ? { credentials: { ...credentials } } : {};
  return { adapter: entry.adapter, ...built, ...withCredentials };
}
