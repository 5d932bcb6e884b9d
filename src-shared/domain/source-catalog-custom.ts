/**
 * The two bring-your-own types: `s3_custom` (LangWatch's generic S3 adapter,
 * `s3PollingPullerAdapter.ts`) and `http_custom` (the generic HTTP adapter,
 * `httpPollingPullerAdapter.ts`, whose `headers` template substitutes `${{credentials.token}}`).
 */
import { AWS_KEY_FIELDS, s3LocationFields } from './source-catalog-aws';
import { CATALOG_FILES, credential, field, parser, type SourceTypeEntry } from './source-catalog-types';

/** The keys every event mapping must name (the adapters' `eventMappingSchema`). */
export const REQUIRED_MAPPING_KEYS = ['source_event_id', 'event_timestamp', 'actor', 'action', 'target'] as const;

const MAPPING_HINT =
  'One key=jsonpath per line. Required: source_event_id, event_timestamp, actor, action, target. Optional: cost_usd, tokens_input, tokens_output.';

const s3Custom: SourceTypeEntry = {
  type: 's3_custom',
  label: 'Custom S3 audit log',
  mode: 's3',
  blurb: 'For homegrown agent systems writing audit logs to S3, with a mapping from each line to an activity event.',
  scheduled: true,
  adapter: 's3_polling',
  defaultSchedule: '*/15 * * * *',
  departure:
    "LangWatch's composer sends no adapter and no schedule for a custom S3 source, so nothing ever pulls it; the console sends the `s3_polling` config its S3 adapter reads (region, file format, the mapping as `eventMapping`) and a schedule.",
  fields: [
    ...s3LocationFields({
      bucket: 'acme-agent-audit',
      prefix: 'audit-logs/',
      role: 'arn:aws:iam::123456789012:role/LangWatchAuditReader',
    }),
    field({
      key: 'parserDsl',
      label: 'Mapping (line → activity event)',
      placeholder:
        'source_event_id=$.id\nevent_timestamp=$.ts\nactor=$.user.email\naction=$.event_type\ntarget=$.resource',
      hint: MAPPING_HINT,
      required: true,
      kind: 'multiline',
      sendAs: parser('parserDsl'),
      readBy: 'config `eventMapping` (built from these lines); the text itself is stored as `parserDsl`',
    }),
    field({
      key: 'parser',
      label: 'File format',
      placeholder: 'ndjson',
      hint: 'ndjson (one JSON object per line), json-array or csv. Empty: ndjson.',
      kind: 'choice',
      choices: ['ndjson', 'json-array', 'csv'],
      advanced: true,
      sendAs: parser('parser'),
      readBy: 'config `parser`',
    }),
    ...AWS_KEY_FIELDS,
  ],
  keyCheck: null,
  follows: [...CATALOG_FILES, 'services/pullers/s3PollingPullerAdapter.ts'],
};

const httpCustom: SourceTypeEntry = {
  type: 'http_custom',
  label: 'Custom HTTP audit-log API',
  mode: 'pull',
  blurb: 'A paginated REST audit-log API: URL, auth, cursor and JSONPath field mappings.',
  scheduled: true,
  adapter: 'http_polling',
  defaultSchedule: '*/15 * * * *',
  fields: [
    field({
      key: 'url',
      label: 'Audit-log endpoint URL',
      placeholder: 'https://api.acme.com/v1/audit-log',
      required: true,
      kind: 'url',
      sendAs: parser('url'),
      readBy: 'config `url` (GET; LangWatch sends the token to this host)',
    }),
    field({
      key: 'authHeaderName',
      label: 'Auth header name',
      placeholder: 'Authorization',
      required: true,
      sendAs: parser('authHeaderName'),
      readBy: 'config `headers` (the header name)',
    }),
    field({
      key: 'authHeaderValue',
      label: 'Auth header value (template)',
      placeholder: 'Bearer ${{credentials.token}}',
      hint: 'Write ${{credentials.token}} where the token goes; LangWatch substitutes it at request time.',
      required: true,
      sendAs: parser('authHeaderValue'),
      readBy: 'config `headers` (the template)',
    }),
    field({
      key: 'token',
      label: 'Bearer token / API key',
      placeholder: '(from the upstream admin console)',
      required: true,
      secret: true,
      sendAs: credential('token'),
      readBy: '`credentials.token`, substituted into the header template',
    }),
    field({
      key: 'eventsJsonPath',
      label: 'Events array JSONPath',
      placeholder: '$.data',
      required: true,
      sendAs: parser('eventsJsonPath'),
      readBy: 'config `eventsJsonPath`',
    }),
    field({
      key: 'cursorJsonPath',
      label: 'Next-cursor JSONPath',
      placeholder: '$.next_cursor',
      required: true,
      sendAs: parser('cursorJsonPath'),
      readBy: 'config `cursorJsonPath`',
    }),
    field({
      key: 'cursorQueryParam',
      label: 'Cursor query parameter',
      placeholder: 'cursor',
      hint: 'Empty: cursor.',
      advanced: true,
      sendAs: parser('cursorQueryParam'),
      readBy: 'config `cursorQueryParam`',
    }),
    field({
      key: 'eventMappingDsl',
      label: 'Event mapping (key=jsonpath per line)',
      placeholder:
        'source_event_id=$.id\nevent_timestamp=$.created_at\nactor=$.user.email\naction=$.event_type\ntarget=$.target.name',
      hint: MAPPING_HINT,
      required: true,
      kind: 'multiline',
      sendAs: parser('eventMappingDsl'),
      readBy: 'config `eventMapping` (built from these lines)',
    }),
  ],
  keyCheck: 'http_custom',
  follows: [
    ...CATALOG_FILES,
    'services/pullers/httpPollingPullerAdapter.ts',
    'services/activity-monitor/pullDestination.ts',
  ],
};

export const CUSTOM_ENTRIES: readonly SourceTypeEntry[] = [s3Custom, httpCustom];
