/**
 * The two Anthropic pull types, read from their pullers: `claude_compliance` (an
 * `HttpPollingPullerAdapter` locked to Anthropic's audit-log URL, sending `credentials.token`
 * as `x-api-key`) and `anthropic_admin` (its config schema `anthropicAdminPullConfigSchema`,
 * the key read from `credentials.token`).
 */
import { CATALOG_FILES, credential, field, parser, type SourceTypeEntry } from './source-catalog-types';

const pull = { mode: 'pull', scheduled: true } as const;

export const ANTHROPIC_ENTRIES: readonly SourceTypeEntry[] = [
  {
    ...pull,
    type: 'claude_compliance',
    label: 'Anthropic Claude Enterprise Compliance',
    blurb: "Polls Anthropic's Compliance API with a compliance access key.",
    adapter: 'claude_compliance',
    defaultSchedule: '*/15 * * * *',
    fields: [
      field({
        key: 'token',
        label: 'Compliance access key',
        placeholder: 'sk-ant-api01-...',
        required: true,
        secret: true,
        sendAs: credential('token'),
        readBy: '`credentials.token`, sent as the `x-api-key` header',
        departure:
          "LangWatch's own composer collects this as `workspaceApiKey` and drops it; its puller reads `credentials.token`, which is what the console sends.",
      }),
    ],
    keyCheck: 'compliance',
    follows: [...CATALOG_FILES, 'services/pullers/claudeCompliance.puller.ts'],
  },
  {
    ...pull,
    type: 'anthropic_admin',
    label: 'Anthropic Admin API (usage & cost)',
    blurb: "Polls Anthropic's organization usage or cost report with an Admin API key. One report per source.",
    adapter: 'anthropic_admin',
    defaultSchedule: '0 * * * *',
    fields: [
      field({
        key: 'token',
        label: 'Admin API key',
        placeholder: 'sk-ant-admin-...',
        hint: 'Anthropic Admin Console → API Keys → Admin Keys. A workspace key answers 401 on the organization reports.',
        required: true,
        secret: true,
        sendAs: credential('token'),
        readBy: '`credentials.token`, sent as the `x-api-key` header',
      }),
      field({
        key: 'report',
        label: 'Report',
        placeholder: 'cost',
        hint: 'usage (token counts LangWatch prices) or cost (Anthropic’s reported spend). Never both for one organization: the same spend would be counted twice.',
        required: true,
        kind: 'choice',
        choices: ['usage', 'cost'],
        sendAs: parser('report'),
        readBy: 'config `report`',
      }),
      field({
        key: 'bucketWidth',
        label: 'Bucket width (usage report only)',
        placeholder: '1d',
        hint: 'Only the usage report reads it; the cost report is always daily. Empty: 1d.',
        kind: 'choice',
        choices: ['1m', '1h', '1d'],
        advanced: true,
        sendAs: parser('bucketWidth'),
        readBy: 'config `bucketWidth` (usage report only)',
      }),
      field({
        key: 'startingAt',
        label: 'Backfill start',
        placeholder: '2026-08-01',
        hint: 'A date (2026-08-01), or an instant with a timezone (2026-08-01T00:00:00Z). Empty: 3 days back for cost, 1 day for usage.',
        advanced: true,
        sendAs: parser('startingAt'),
        readBy: 'config `startingAt` (an ISO instant; the first run only)',
      }),
    ],
    keyCheck: 'anthropic_admin',
    follows: [...CATALOG_FILES, 'services/pullers/anthropicAdmin.puller.ts'],
  },
];
