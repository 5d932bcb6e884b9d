/**
 * The one catalog of the eleven LangWatch source types the console composes: label, delivery
 * mode, group, the fields each type's composer shows and which of them are secrets. It follows
 * LangWatch's own `dashboard/components/ingestionSourceCatalog.tsx` (types, labels, modes,
 * groups, plan gate) and `dashboard/pages/ingestion-sources.tsx` (`PARSER_FIELDS`), corrected
 * where LangWatch's puller reads something its composer does not send (see `sendAs`).
 *
 * Every view, the outbox and the emulator read types from here; nothing re-lists them.
 */
import type { SourceType } from './langwatch';

/** How events reach LangWatch: pushed by the vendor, pulled by LangWatch, or read from S3. */
export type DeliveryMode = 'push' | 'pull' | 's3';

/** The two groups a person reads (LangWatch's `SOURCE_GROUP_META`). */
export type SourceGroup = 'realtime' | 'scheduled';

export const SOURCE_GROUPS: Record<SourceGroup, { title: string; blurb: string }> = {
  realtime: { title: 'Real-time streams', blurb: 'These platforms send events to LangWatch as they happen.' },
  scheduled: {
    title: 'Synced on a schedule',
    blurb:
      'LangWatch fetches new activity from these platforms on a regular cadence, including audit files dropped in cloud storage.',
  },
};

/** Push types are real-time; pull and S3 types are fetched on a schedule. */
export function groupOfMode(mode: DeliveryMode): SourceGroup {
  return mode === 'push' ? 'realtime' : 'scheduled';
}

/**
 * Where a field's value travels in the create/update request:
 * - `parser`: `parserConfig[name]` (plain, stored readable by LangWatch);
 * - `credential`: `credentials[name]` (LangWatch encrypts this subtree; the console stages it
 *   in the OS keychain, never in a file).
 */
export type FieldTarget = { in: 'parser'; name: string } | { in: 'credential'; name: string };

/** How a field is entered and checked. */
export type FieldKind = 'text' | 'multiline' | 'url' | 'list' | 'choice';

export interface SourceField {
  /** The form's key (stable; also the key in the staged values). */
  key: string;
  label: string;
  placeholder: string;
  hint?: string;
  required: boolean;
  /** A secret: masked while typed, staged in the keychain, sent under `credentials`. */
  secret: boolean;
  /** Shown in a collapsed "Advanced" group; leaving it empty still gives a working source. */
  advanced: boolean;
  kind: FieldKind;
  /** For `choice`: the values LangWatch's adapter accepts. */
  choices?: readonly string[];
  sendAs: FieldTarget;
  /** Why the console departs from LangWatch's composer for this field (shown as a note). */
  departure?: string;
}

/** Which key check the console can run for a type without side effects (null: none). */
export type KeyCheckKind = 'compliance' | 'anthropic_admin' | 'databricks' | 'http_custom';

export interface SourceTypeEntry {
  type: SourceType;
  label: string;
  mode: DeliveryMode;
  blurb: string;
  fields: readonly SourceField[];
  /** LangWatch pulls on a schedule (`pullSchedule`): pull and S3 types. */
  scheduled: boolean;
  keyCheck: KeyCheckKind | null;
  /** The LangWatch files this entry follows (paths under platform/app/ee/governance/). */
  follows: readonly string[];
}

const CATALOG_FILES = ['dashboard/components/ingestionSourceCatalog.tsx', 'dashboard/pages/ingestion-sources.tsx'];

function field(f: Omit<SourceField, 'required' | 'secret' | 'advanced' | 'kind'> & Partial<SourceField>): SourceField {
  return { required: false, secret: false, advanced: false, kind: 'text', ...f };
}

function parser(name: string): FieldTarget {
  return { in: 'parser', name };
}

function credential(name: string): FieldTarget {
  return { in: 'credential', name };
}

/** The catalog, in LangWatch's menu order. */
export const SOURCE_CATALOG: readonly SourceTypeEntry[] = [
  {
    type: 'otel_generic',
    label: 'Generic OpenTelemetry',
    mode: 'push',
    blurb: 'Anything that speaks OTLP/HTTP: paste the OTLP URL and bearer token into the exporter config.',
    fields: [],
    scheduled: false,
    keyCheck: null,
    follows: CATALOG_FILES,
  },
  {
    type: 'claude_code',
    label: 'Claude Code (Anthropic OAuth)',
    mode: 'push',
    blurb: "Native OTLP from Anthropic's Claude Code CLI: paste the endpoint into OTEL_EXPORTER_OTLP_ENDPOINT.",
    fields: [],
    scheduled: false,
    keyCheck: null,
    follows: CATALOG_FILES,
  },
  {
    type: 'claude_cowork',
    label: 'Anthropic Claude (Cowork)',
    mode: 'push',
    blurb: 'Claude Cowork pushes telemetry via OTLP (Anthropic Admin Console → Cowork → Telemetry).',
    fields: [
      field({
        key: 'workspaceId',
        label: 'Anthropic workspace ID',
        placeholder: 'wsp_...',
        hint: 'Find under Anthropic Admin Console → Workspace → Settings.',
        required: true,
        sendAs: parser('workspaceId'),
      }),
    ],
    scheduled: false,
    keyCheck: null,
    follows: CATALOG_FILES,
  },
  {
    type: 'workato',
    label: 'Workato',
    mode: 'push',
    blurb: 'Workato pushes job-completed webhooks, signed with the shared secret LangWatch gives out.',
    fields: [
      field({
        key: 'sharedSecretLastFour',
        label: 'Last 4 characters of the shared HMAC secret',
        placeholder: 'e.g. a3f9',
        hint: 'Helps you confirm which secret is configured in Workato.',
        required: true,
        sendAs: parser('sharedSecretLastFour'),
      }),
    ],
    scheduled: false,
    keyCheck: null,
    follows: CATALOG_FILES,
  },
  {
    type: 'copilot_studio',
    label: 'Microsoft Copilot Studio (Purview)',
    mode: 'pull',
    blurb:
      'Polls the Microsoft Purview Audit API for Copilot Studio activity (an Azure AD app with AuditLog.Read.All).',
    fields: [
      field({
        key: 'tenantId',
        label: 'Azure AD tenant ID',
        placeholder: '00000000-0000-0000-0000-000000000000',
        required: true,
        sendAs: parser('tenantId'),
      }),
      field({
        key: 'clientId',
        label: 'App registration client ID',
        placeholder: '00000000-0000-0000-0000-000000000000',
        required: true,
        sendAs: parser('clientId'),
      }),
      field({
        key: 'clientSecret',
        label: 'App registration client secret',
        placeholder: '(value pasted from the Azure portal)',
        required: true,
        secret: true,
        sendAs: credential('clientSecret'),
      }),
    ],
    scheduled: true,
    keyCheck: null,
    follows: [...CATALOG_FILES, 'services/pullers/copilotStudio.puller.ts'],
  },
  {
    type: 'openai_compliance',
    label: 'OpenAI Enterprise Compliance',
    mode: 's3',
    blurb: 'Pulls compliance JSONL drops from an S3 bucket OpenAI writes to.',
    fields: [
      field({
        key: 'bucket',
        label: 'S3 bucket name',
        placeholder: 'acme-openai-compliance',
        required: true,
        sendAs: parser('bucket'),
      }),
      field({ key: 'prefix', label: 'S3 key prefix', placeholder: 'compliance/', sendAs: parser('prefix') }),
      field({
        key: 'roleArn',
        label: 'Cross-account role ARN',
        placeholder: 'arn:aws:iam::123456789012:role/LangWatchComplianceReader',
        required: true,
        sendAs: parser('roleArn'),
      }),
    ],
    scheduled: true,
    keyCheck: null,
    follows: [...CATALOG_FILES, 'services/pullers/openaiCompliance.puller.ts'],
  },
  {
    type: 'claude_compliance',
    label: 'Anthropic Claude Enterprise Compliance',
    mode: 'pull',
    blurb: "Polls Anthropic's Compliance API with a compliance access key.",
    fields: [
      field({
        key: 'token',
        label: 'Compliance access key',
        placeholder: 'sk-ant-api01-...',
        required: true,
        secret: true,
        sendAs: credential('token'),
        departure:
          "LangWatch's own composer collects this as `workspaceApiKey` and drops it; its puller reads `credentials.token`, which is what the console sends.",
      }),
    ],
    scheduled: true,
    keyCheck: 'compliance',
    follows: [...CATALOG_FILES, 'services/pullers/claudeCompliance.puller.ts'],
  },
  {
    type: 'anthropic_admin',
    label: 'Anthropic Admin API (usage & cost)',
    mode: 'pull',
    blurb: "Polls Anthropic's organization usage or cost report with an Admin API key. One report per source.",
    fields: [
      field({
        key: 'token',
        label: 'Admin API key',
        placeholder: 'sk-ant-admin-...',
        hint: 'Anthropic Admin Console → API Keys → Admin Keys. A workspace key answers 401 on the organization reports.',
        required: true,
        secret: true,
        sendAs: credential('token'),
      }),
      field({
        key: 'report',
        label: 'Report',
        placeholder: 'cost',
        hint: 'usage (token counts LangWatch prices) or cost (Anthropic’s reported spend). Never both for one organization.',
        required: true,
        kind: 'choice',
        choices: ['usage', 'cost'],
        sendAs: parser('report'),
      }),
      field({
        key: 'bucketWidth',
        label: 'Bucket width (usage report only)',
        placeholder: '1d',
        kind: 'choice',
        choices: ['1m', '1h', '1d'],
        advanced: true,
        sendAs: parser('bucketWidth'),
      }),
      field({
        key: 'startingAt',
        label: 'Backfill start',
        placeholder: '2026-08-01',
        hint: 'A date, or an instant with a timezone. Empty: 3 days back for cost, 1 day for usage.',
        advanced: true,
        sendAs: parser('startingAt'),
      }),
    ],
    scheduled: true,
    keyCheck: 'anthropic_admin',
    follows: [...CATALOG_FILES, 'services/pullers/anthropicAdmin.puller.ts'],
  },
  {
    type: 'databricks_genie',
    label: 'Databricks AI/BI Genie',
    mode: 'pull',
    blurb: 'Records who asked what in Genie and the SQL it ran, signed in as a service principal with Can Manage.',
    fields: [
      field({
        key: 'workspaceUrl',
        label: 'Workspace URL',
        placeholder: 'https://adb-1234567890123456.7.azuredatabricks.net',
        required: true,
        kind: 'url',
        sendAs: parser('workspaceUrl'),
      }),
      field({
        key: 'clientId',
        label: 'Service principal client ID',
        placeholder: '0a1b2c3d-…',
        secret: true,
        sendAs: credential('clientId'),
      }),
      field({
        key: 'clientSecret',
        label: 'Service principal secret',
        placeholder: 'dose...',
        secret: true,
        sendAs: credential('clientSecret'),
      }),
      field({
        key: 'token',
        label: 'Workspace token',
        placeholder: 'dapi...',
        secret: true,
        advanced: true,
        sendAs: credential('token'),
      }),
      field({
        key: 'spaceIds',
        label: 'Genie space IDs',
        placeholder: 'Empty: every space',
        kind: 'list',
        advanced: true,
        sendAs: parser('spaceIds'),
      }),
      field({
        key: 'warehouseId',
        label: 'SQL warehouse ID',
        placeholder: '095eb666b2ed2762',
        advanced: true,
        sendAs: parser('warehouseId'),
      }),
    ],
    scheduled: true,
    keyCheck: 'databricks',
    follows: [...CATALOG_FILES, 'services/pullers/databricksGenie.puller.ts'],
  },
  {
    type: 's3_custom',
    label: 'Custom S3 audit log',
    mode: 's3',
    blurb: 'For homegrown agent systems writing audit logs to S3, with a parser DSL mapping each line.',
    fields: [
      field({
        key: 'bucket',
        label: 'S3 bucket name',
        placeholder: 'acme-agent-audit',
        required: true,
        sendAs: parser('bucket'),
      }),
      field({ key: 'prefix', label: 'S3 key prefix', placeholder: 'audit-logs/', sendAs: parser('prefix') }),
      field({
        key: 'roleArn',
        label: 'Cross-account role ARN',
        placeholder: 'arn:aws:iam::123456789012:role/LangWatchAuditReader',
        required: true,
        sendAs: parser('roleArn'),
      }),
      field({
        key: 'parserDsl',
        label: 'Parser DSL (line → OCSF ActivityEvent)',
        placeholder: 'actor=$.user.email',
        required: true,
        kind: 'multiline',
        sendAs: parser('parserDsl'),
      }),
    ],
    scheduled: true,
    keyCheck: null,
    follows: [...CATALOG_FILES, 'services/pullers/s3PollingPullerAdapter.ts'],
  },
  {
    type: 'http_custom',
    label: 'Custom HTTP audit-log API',
    mode: 'pull',
    blurb: 'A paginated REST audit-log API: URL, auth, cursor and JSONPath field mappings.',
    fields: [
      field({
        key: 'url',
        label: 'Audit-log endpoint URL',
        placeholder: 'https://api.acme.com/v1/audit-log',
        required: true,
        kind: 'url',
        sendAs: parser('url'),
      }),
      field({
        key: 'authHeaderName',
        label: 'Auth header name',
        placeholder: 'Authorization',
        required: true,
        sendAs: parser('authHeaderName'),
      }),
      field({
        key: 'authHeaderValue',
        label: 'Auth header value (template)',
        placeholder: 'Bearer ${{credentials.token}}',
        required: true,
        sendAs: parser('authHeaderValue'),
      }),
      field({
        key: 'token',
        label: 'Bearer token / API key',
        placeholder: '(from the upstream admin console)',
        required: true,
        secret: true,
        sendAs: credential('token'),
      }),
      field({
        key: 'eventsJsonPath',
        label: 'Events array JSONPath',
        placeholder: '$.data',
        required: true,
        sendAs: parser('eventsJsonPath'),
      }),
      field({
        key: 'cursorJsonPath',
        label: 'Next-cursor JSONPath',
        placeholder: '$.next_cursor',
        required: true,
        sendAs: parser('cursorJsonPath'),
      }),
      field({
        key: 'cursorQueryParam',
        label: 'Cursor query parameter',
        placeholder: 'cursor',
        advanced: true,
        sendAs: parser('cursorQueryParam'),
      }),
      field({
        key: 'eventMappingDsl',
        label: 'Event mapping (key=jsonpath per line)',
        placeholder: 'source_event_id=$.id',
        required: true,
        kind: 'multiline',
        sendAs: parser('eventMappingDsl'),
      }),
    ],
    scheduled: true,
    keyCheck: 'http_custom',
    follows: [
      ...CATALOG_FILES,
      'services/pullers/httpPollingPullerAdapter.ts',
      'services/activity-monitor/pullDestination.ts',
    ],
  },
];

const BY_TYPE = new Map(SOURCE_CATALOG.map((e) => [e.type, e]));

/** The catalog entry of a known type. */
export function catalogEntry(type: SourceType): SourceTypeEntry {
  const entry = BY_TYPE.get(type);
  if (!entry) throw new Error(`source type ${type} is missing from the catalog`);
  return entry;
}

/** The secret fields of a type: the unit the keychain holds, staged and wiped together. */
export function secretFields(type: SourceType): readonly SourceField[] {
  return catalogEntry(type).fields.filter((f) => f.secret);
}

/** The one plan gate (LangWatch's `gatedSourceTypeOptions`): non-enterprise plans create only Generic OpenTelemetry. */
export function isTypeLocked(type: SourceType, plan: { isEnterprise: boolean }): boolean {
  return !plan.isEnterprise && type !== 'otel_generic';
}
