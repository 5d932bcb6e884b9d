/**
 * The checks of a source's values beyond "required" and "one of the choices", each taken
 * from what LangWatch's composer builders or pullers refuse (paths under
 * platform/app/ee/governance/): a Genie workspace URL outside Databricks
 * (`services/activity-monitor/pullDestination.ts`), half a Genie service principal and no way
 * to sign in (`genieCredentialsFrom`), a bucket width on the cost report and a backfill start
 * without a timezone (`buildAnthropicAdminPullConfig`), an event mapping missing a key the
 * adapters' `eventMappingSchema` requires, a header template that never sends the token, half
 * an AWS key pair (the S3 adapter's `makeClient` uses the pair only when both are there).
 *
 * Messages name the field, never its value.
 */
import type { SourceType } from './langwatch';
import { catalogEntry, REQUIRED_MAPPING_KEYS } from './source-catalog';

export interface RuleIssue {
  path: ['values' | 'secrets', string];
  message: string;
}

type Values = Readonly<Record<string, string>>;

/** The Databricks hosts LangWatch sends a Genie credential to (`isDatabricksWorkspaceOrigin`). */
const DATABRICKS_HOST_SUFFIXES = ['.azuredatabricks.net', '.cloud.databricks.com', '.gcp.databricks.com'];

/** LangWatch's `isDatabricksWorkspaceOrigin`: https, no user info, a Databricks host. */
export function isDatabricksWorkspaceOrigin(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return false;
  const host = url.hostname.toLowerCase();
  return DATABRICKS_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

/** LangWatch's mapping parse (`buildHttpCustomPullConfig`): `key=path` lines, blanks and `#` skipped. */
export function parseMappingDsl(text: string): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) continue;
    const k = trimmed.slice(0, eq).trim();
    const v = trimmed.slice(eq + 1).trim();
    if (k && v) mapping[k] = v;
  }
  return mapping;
}

/** A date, or an instant carrying its timezone (`STARTING_AT` in ingestion-sources.tsx). */
const STARTING_AT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** The backfill start as the ISO instant the adapter's `.datetime()` reads, or null when refused. */
export function normalizeStartingAt(raw: string): string | null {
  const match = STARTING_AT.exec(raw);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
  const parsed = Date.parse(raw);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}

const TOKEN_TEMPLATE = '${{credentials.token}}';

function mappingIssue(values: Values, key: string, label: string): RuleIssue[] {
  const text = values[key];
  if (text === undefined) return [];
  const mapping = parseMappingDsl(text);
  const missing = REQUIRED_MAPPING_KEYS.filter((k) => !mapping[k]);
  return missing.length === 0
    ? []
    : [{ path: ['values', key], message: `${label} must map ${missing.join(', ')} (one key=jsonpath per line).` }];
}

function awsPairIssue(secrets: Values): RuleIssue[] {
  const id = secrets.awsAccessKeyId !== undefined;
  const key = secrets.awsSecretAccessKey !== undefined;
  if (id !== key)
    return [
      {
        path: ['secrets', id ? 'awsSecretAccessKey' : 'awsAccessKeyId'],
        message: 'Give the AWS access key ID and its secret access key together, or neither.',
      },
    ];
  if (secrets.awsSessionToken !== undefined && !id)
    return [{ path: ['secrets', 'awsSessionToken'], message: 'A session token goes with an access key pair.' }];
  return [];
}

function genieIssues(values: Values, secrets: Values): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const url = values.workspaceUrl;
  if (url !== undefined && !isDatabricksWorkspaceOrigin(url.replace(/\/+$/, '')))
    issues.push({
      path: ['values', 'workspaceUrl'],
      message:
        'Workspace URL must be an https Databricks workspace address, ending in .azuredatabricks.net, .cloud.databricks.com or .gcp.databricks.com.',
    });
  const id = secrets.clientId !== undefined;
  const secret = secrets.clientSecret !== undefined;
  if (id !== secret)
    issues.push({
      path: ['secrets', id ? 'clientSecret' : 'clientId'],
      message: "Give the service principal's client ID and secret together.",
    });
  else if (!id && secrets.token === undefined)
    issues.push({
      path: ['secrets', 'clientId'],
      message: "Give a way to sign in: the service principal's client ID and secret, or a workspace token.",
    });
  return issues;
}

function anthropicAdminIssues(values: Values): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (values.bucketWidth !== undefined && values.report !== 'usage')
    issues.push({
      path: ['values', 'bucketWidth'],
      message: 'Bucket width applies to the usage report only; the cost report is always daily.',
    });
  if (values.startingAt !== undefined && normalizeStartingAt(values.startingAt) === null)
    issues.push({
      path: ['values', 'startingAt'],
      message:
        'Backfill start must be a calendar date (2026-08-01) or an instant with a timezone (2026-08-01T00:00:00Z).',
    });
  return issues;
}

function httpCustomIssues(values: Values): RuleIssue[] {
  const issues = mappingIssue(values, 'eventMappingDsl', 'Event mapping');
  const template = values.authHeaderValue;
  if (template !== undefined && !template.includes(TOKEN_TEMPLATE))
    issues.push({
      path: ['values', 'authHeaderValue'],
      message: `Auth header value must contain ${TOKEN_TEMPLATE} where the token goes, or the token is never sent.`,
    });
  return issues;
}

/** Plain-URL fields must be absolute http(s) URLs (the adapters' `z.string().url()`). */
function urlIssues(type: SourceType, values: Values): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const f of catalogEntry(type).fields) {
    const v = f.kind === 'url' ? values[f.key] : undefined;
    if (v !== undefined && !/^https?:\/\/[^\s/]+/i.test(v))
      issues.push({ path: ['values', f.key], message: `${f.label} must be an http(s) address.` });
  }
  return issues;
}

/** Every rule issue of a source's non-empty values and secrets (empty means "not given"). */
export function sourceRuleIssues(type: SourceType, values: Values, secrets: Values): RuleIssue[] {
  // Genie's URL has its own, stricter rule (the destination), so it is not checked twice.
  if (type === 'databricks_genie') return genieIssues(values, secrets);
  const issues = urlIssues(type, values);
  switch (type) {
    case 'anthropic_admin':
      return [...issues, ...anthropicAdminIssues(values)];
    case 'http_custom':
      return [...issues, ...httpCustomIssues(values)];
    case 's3_custom':
      return [...issues, ...mappingIssue(values, 'parserDsl', 'Mapping'), ...awsPairIssue(secrets)];
    case 'openai_compliance':
      return [...issues, ...awsPairIssue(secrets)];
    default:
      return issues;
  }
}
