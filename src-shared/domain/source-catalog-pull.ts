/**
 * Copilot Studio, OpenAI Enterprise Compliance and Databricks Genie, each read from its
 * puller: `copilotStudio.puller.ts` (locked Graph URL, `Authorization: Bearer
 * ${{credentials.token}}`), `openaiCompliance.puller.ts` (the S3 adapter with bucket, prefix
 * and region from the config) and `databricksGenie.puller.ts` (`databricksGeniePullConfigSchema`,
 * `resolveWorkspaceToken`).
 */
import { AWS_KEY_FIELDS, s3LocationFields } from './source-catalog-aws';
import { CATALOG_FILES, credential, field, parser, STORED_ONLY, type SourceTypeEntry } from './source-catalog-types';

const COPILOT_TOKEN_NOTE =
  "LangWatch's Copilot Studio puller presents `credentials.token` as a Microsoft Graph bearer token and never exchanges the client secret for one, so until it does, pulls fail unless a token is given here.";

const copilotStudio: SourceTypeEntry = {
  type: 'copilot_studio',
  label: 'Microsoft Copilot Studio (Purview)',
  mode: 'pull',
  blurb: 'Polls the Microsoft audit-log API for Copilot Studio activity (an Azure AD app with AuditLog.Read.All).',
  scheduled: true,
  adapter: 'copilot_studio',
  defaultSchedule: '*/15 * * * *',
  fields: [
    field({
      key: 'tenantId',
      label: 'Azure AD tenant ID',
      placeholder: '00000000-0000-0000-0000-000000000000',
      required: true,
      sendAs: parser('tenantId'),
      readBy: STORED_ONLY,
    }),
    field({
      key: 'clientId',
      label: 'App registration client ID',
      placeholder: '00000000-0000-0000-0000-000000000000',
      required: true,
      sendAs: parser('clientId'),
      readBy: STORED_ONLY,
    }),
    field({
      key: 'clientSecret',
      label: 'App registration client secret',
      placeholder: '(value pasted from the Azure portal)',
      required: true,
      secret: true,
      sendAs: credential('clientSecret'),
      readBy: '`credentials.clientSecret` (kept encrypted; the puller does not read it yet)',
      departure: `LangWatch's composer drops this secret (it keeps only fields named \`credentials…\`); the console sends it under \`credentials.clientSecret\`. ${COPILOT_TOKEN_NOTE}`,
    }),
    field({
      key: 'token',
      label: 'Microsoft Graph access token',
      placeholder: 'eyJ0eXAiOiJKV1Qi...',
      hint: 'What the puller sends today. Graph tokens expire after about an hour, so a scheduled source needs a fresh one each time.',
      secret: true,
      advanced: true,
      sendAs: credential('token'),
      readBy: '`credentials.token`, sent as `Authorization: Bearer`',
      departure: COPILOT_TOKEN_NOTE,
    }),
  ],
  keyCheck: null,
  follows: [
    ...CATALOG_FILES,
    'services/pullers/copilotStudio.puller.ts',
    'services/pullers/httpPollingPullerAdapter.ts',
  ],
};

const openaiCompliance: SourceTypeEntry = {
  type: 'openai_compliance',
  label: 'OpenAI Enterprise Compliance',
  mode: 's3',
  blurb: 'Pulls compliance JSONL drops from an S3 bucket OpenAI writes to.',
  scheduled: true,
  adapter: 'openai_compliance',
  defaultSchedule: '*/15 * * * *',
  fields: [
    ...s3LocationFields({
      bucket: 'acme-openai-compliance',
      prefix: 'compliance/',
      role: 'arn:aws:iam::123456789012:role/LangWatchComplianceReader',
    }),
    ...AWS_KEY_FIELDS,
  ],
  keyCheck: null,
  follows: [
    ...CATALOG_FILES,
    'services/pullers/openaiCompliance.puller.ts',
    'services/pullers/s3PollingPullerAdapter.ts',
  ],
};

const databricksGenie: SourceTypeEntry = {
  type: 'databricks_genie',
  label: 'Databricks AI/BI Genie',
  mode: 'pull',
  blurb: 'Records who asked what in Genie and the SQL it ran, signed in as a service principal with Can Manage.',
  scheduled: true,
  adapter: 'databricks_genie',
  defaultSchedule: '*/15 * * * *',
  fields: [
    field({
      key: 'workspaceUrl',
      label: 'Workspace URL',
      placeholder: 'https://adb-1234567890123456.7.azuredatabricks.net',
      hint: 'An https address ending in .azuredatabricks.net, .cloud.databricks.com or .gcp.databricks.com: LangWatch sends the credential nowhere else.',
      required: true,
      kind: 'url',
      sendAs: parser('workspaceUrl'),
      readBy: 'config `workspaceUrl` (the destination rule of `pullDestination.ts`)',
    }),
    field({
      key: 'clientId',
      label: 'Service principal client ID',
      placeholder: '0a1b2c3d-…',
      hint: 'It needs Can Manage on every Genie space you want covered; anything less records only its own conversations.',
      secret: true,
      sendAs: credential('clientId'),
      readBy: '`credentials.clientId` (OAuth client-credentials sign-in each run)',
    }),
    field({
      key: 'clientSecret',
      label: 'Service principal secret',
      placeholder: 'dose...',
      secret: true,
      sendAs: credential('clientSecret'),
      readBy: '`credentials.clientSecret` (OAuth client-credentials sign-in each run)',
    }),
    field({
      key: 'token',
      label: 'Workspace token',
      placeholder: 'dapi...',
      hint: 'Instead of the service principal; wins when both are given. Expires about an hour after issue: for a one-off backfill only.',
      secret: true,
      advanced: true,
      sendAs: credential('token'),
      readBy: '`credentials.token`, sent as `Authorization: Bearer`',
    }),
    field({
      key: 'spaceIds',
      label: 'Genie space IDs',
      placeholder: 'Empty: every space',
      hint: 'Comma-separated. Empty covers every space the credential can see, including later ones.',
      kind: 'list',
      advanced: true,
      sendAs: parser('spaceIds'),
      readBy: 'config `spaceIds` (an array)',
    }),
    field({
      key: 'warehouseId',
      label: 'SQL warehouse ID',
      placeholder: '095eb666b2ed2762',
      hint: 'Where the billing lookup runs. Empty: questions are recorded at zero cost.',
      advanced: true,
      sendAs: parser('warehouseId'),
      readBy: 'config `warehouseId` (omitted when empty)',
    }),
  ],
  keyCheck: 'databricks',
  follows: [
    ...CATALOG_FILES,
    'services/pullers/databricksGenie.puller.ts',
    'services/activity-monitor/pullDestination.ts',
  ],
};

export const VENDOR_PULL_ENTRIES: readonly SourceTypeEntry[] = [copilotStudio, openaiCompliance, databricksGenie];
