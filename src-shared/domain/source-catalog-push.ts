/**
 * The four push types of the catalog. They have no upstream credential: the vendor sends to
 * LangWatch's receiver with the ingest secret LangWatch mints on create
 * (`src/server/routes/ingest/ingestionRoutes.ts`, `Authorization: Bearer lw_is_…`).
 */
import { CATALOG_FILES, field, parser, STORED_ONLY, type SourceTypeEntry } from './source-catalog-types';

const RECEIVER = [...CATALOG_FILES, 'services/activity-monitor/ingestionSource.service.ts'];

const push = { mode: 'push', scheduled: false, adapter: null, defaultSchedule: null, keyCheck: null } as const;

export const PUSH_ENTRIES: readonly SourceTypeEntry[] = [
  {
    ...push,
    type: 'otel_generic',
    label: 'Generic OpenTelemetry',
    blurb: 'Anything that speaks OTLP/HTTP: paste the OTLP URL and bearer token into the exporter config.',
    fields: [],
    follows: RECEIVER,
  },
  {
    ...push,
    type: 'claude_code',
    label: 'Claude Code (Anthropic OAuth)',
    blurb: "Native OTLP from Anthropic's Claude Code CLI: paste the endpoint into OTEL_EXPORTER_OTLP_ENDPOINT.",
    fields: [],
    follows: RECEIVER,
  },
  {
    ...push,
    type: 'claude_cowork',
    label: 'Anthropic Claude (Cowork)',
    blurb: 'Claude Cowork pushes telemetry via OTLP (Anthropic Admin Console → Cowork → Telemetry).',
    fields: [
      field({
        key: 'workspaceId',
        label: 'Anthropic workspace ID',
        placeholder: 'wsp_...',
        hint: 'Find under Anthropic Admin Console → Workspace → Settings.',
        required: true,
        sendAs: parser('workspaceId'),
        readBy: STORED_ONLY,
      }),
    ],
    follows: RECEIVER,
  },
  {
    ...push,
    type: 'workato',
    label: 'Workato',
    blurb:
      'Workato posts job-completed webhooks to LangWatch with the ingest secret LangWatch gives out on create as its bearer token.',
    fields: [
      field({
        key: 'sharedSecretLastFour',
        label: 'Last 4 characters of the shared secret',
        placeholder: 'e.g. a3f9',
        hint: 'Helps you confirm which secret is configured in Workato.',
        sendAs: parser('sharedSecretLastFour'),
        readBy: STORED_ONLY,
        departure:
          "Optional here, required in LangWatch's composer: the shared secret is the ingest secret LangWatch mints on create, so its last four characters cannot be known before, and nothing on the server reads them.",
      }),
    ],
    follows: [...RECEIVER, '../../src/server/routes/ingest/ingestionRoutes.ts'],
  },
];
