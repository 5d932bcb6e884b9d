/**
 * Every source type created as the console sends it (`buildSourceRequest`) and stored as
 * LangWatch stores it: pullConfig merged under parserConfig (`createSource` in
 * ee/governance/services/activity-monitor/ingestionSource.service.ts), the credentials sealed
 * where the type's puller reads them, the schedule of dashboard/logic/pullCadence.ts, and an
 * ingest secret for every type (routers/ingestionSources.ts `create`). Each case names the
 * puller file (under ee/governance/services/pullers/) whose reads it checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED, startEmulator, type RunningEmulator } from '../../emulator/index';
import type { SourceType } from '../../src-shared/domain/langwatch';
import { buildSourceRequest } from '../../src-shared/domain/source-request';
import { signIn, trpcClient } from './helpers';

const ORG = SEED.orgs.enterprise.id;
const MAPPING = 'source_event_id=$.id\nevent_timestamp=$.ts\nactor=$.u\naction=$.a\ntarget=$.t';

interface Case {
  type: SourceType;
  follows: string;
  values: Record<string, string>;
  secrets: Record<string, string>;
  /** Keys of the stored config the puller reads, with their values. */
  stored: Record<string, unknown>;
  credentials: string[];
  schedule: string | null;
}

const CASES: Case[] = [
  {
    type: 'otel_generic',
    follows: '(push: ingestionRoutes.ts)',
    values: {},
    secrets: {},
    stored: {},
    credentials: [],
    schedule: null,
  },
  {
    type: 'claude_code',
    follows: '(push: ingestionRoutes.ts)',
    values: {},
    secrets: {},
    stored: {},
    credentials: [],
    schedule: null,
  },
  {
    type: 'claude_cowork',
    follows: '(push: ingestionRoutes.ts)',
    values: { workspaceId: 'wsp_1' },
    secrets: {},
    stored: { workspaceId: 'wsp_1' },
    credentials: [],
    schedule: null,
  },
  {
    type: 'workato',
    follows: '(push: ingestionRoutes.ts)',
    values: {},
    secrets: {},
    stored: {},
    credentials: [],
    schedule: null,
  },
  {
    type: 'copilot_studio',
    follows: 'copilotStudio.puller.ts',
    values: { tenantId: 't', clientId: 'c' },
    secrets: { clientSecret: 'client-secret-77aa', token: 'graph-token-2b1c' },
    stored: { adapter: 'copilot_studio', tenantId: 't', clientId: 'c' },
    credentials: ['clientSecret', 'token'],
    schedule: '*/15 * * * *',
  },
  {
    type: 'openai_compliance',
    follows: 'openaiCompliance.puller.ts + s3PollingPullerAdapter.ts',
    values: { bucket: 'b', prefix: 'p/', region: 'us-east-1' },
    secrets: { awsAccessKeyId: 'AKIAEXAMPLE0001', awsSecretAccessKey: 'aws-secret-0c0c' },
    stored: { adapter: 'openai_compliance', bucket: 'b', prefix: 'p/', region: 'us-east-1' },
    credentials: ['aws_access_key_id', 'aws_secret_access_key'],
    schedule: '*/15 * * * *',
  },
  {
    type: 'claude_compliance',
    follows: 'claudeCompliance.puller.ts',
    values: {},
    secrets: { token: 'sk-ant-api01-x' },
    stored: { adapter: 'claude_compliance' },
    credentials: ['token'],
    schedule: '*/15 * * * *',
  },
  {
    type: 'anthropic_admin',
    follows: 'anthropicAdmin.puller.ts',
    values: { report: 'cost', startingAt: '2026-08-01T02:00:00+02:00' },
    secrets: { token: 'sk-ant-admin01-x' },
    stored: {
      adapter: 'anthropic_admin',
      report: 'cost',
      startingAt: '2026-08-01T00:00:00.000Z',
      schedule: '0 * * * *',
    },
    credentials: ['token'],
    schedule: '0 * * * *',
  },
  {
    type: 'databricks_genie',
    follows: 'databricksGenie.puller.ts',
    values: { workspaceUrl: 'https://adb-1.7.azuredatabricks.net/', spaceIds: 's1,s2', warehouseId: 'wh' },
    secrets: { token: 'dapi-token-5e5e' },
    stored: {
      adapter: 'databricks_genie',
      workspaceUrl: 'https://adb-1.7.azuredatabricks.net',
      spaceIds: ['s1', 's2'],
      warehouseId: 'wh',
    },
    credentials: ['token'],
    schedule: '*/15 * * * *',
  },
  {
    type: 's3_custom',
    follows: 's3PollingPullerAdapter.ts',
    values: { bucket: 'b', region: 'eu-west-1', parserDsl: MAPPING, parser: 'csv' },
    secrets: {},
    stored: { adapter: 's3_polling', bucket: 'b', prefix: '', region: 'eu-west-1', parser: 'csv', parserDsl: MAPPING },
    credentials: [],
    schedule: '*/15 * * * *',
  },
  {
    type: 'http_custom',
    follows: 'httpPollingPullerAdapter.ts',
    values: {
      url: 'https://api.acme.example/audit',
      authHeaderName: 'Authorization',
      authHeaderValue: 'Bearer ${{credentials.token}}',
      eventsJsonPath: '$.data',
      cursorJsonPath: '$.next',
      eventMappingDsl: MAPPING,
    },
    secrets: { token: 'upstream-token-9f3e' },
    stored: {
      adapter: 'http_polling',
      headers: { Authorization: 'Bearer ${{credentials.token}}' },
      authMode: 'header_template',
      cursorQueryParam: 'cursor',
      eventMapping: { source_event_id: '$.id', event_timestamp: '$.ts', actor: '$.u', action: '$.a', target: '$.t' },
    },
    credentials: ['token'],
    schedule: '*/15 * * * *',
  },
];

describe('every source type, created as the console sends it', () => {
  let emu: RunningEmulator;
  let client: ReturnType<typeof trpcClient>;
  beforeAll(async () => {
    emu = await startEmulator({ langwatchPort: 0, pullerSchedule: false });
    client = trpcClient(emu.langwatchUrl, await signIn(emu.langwatchUrl), false);
  });
  afterAll(async () => {
    await emu?.close();
  });

  it.each(CASES)('$type: stored where $follows reads it', async (c) => {
    const parts = buildSourceRequest(c.type, c.values, c.secrets);
    const created = await client.ingestionSources.create.mutate({
      organizationId: ORG,
      sourceType: c.type,
      name: `contract ${c.type}`,
      parserConfig: parts.parserConfig,
      pullConfig: parts.pullConfig ?? null,
      pullSchedule: parts.pullSchedule,
    });
    expect(created.ingestSecret).toMatch(/^lw_is_[A-Za-z0-9_-]{43}$/);
    expect(created.source.parserConfig).not.toHaveProperty('credentials');
    const raw = emu.control.sources(ORG).find((s) => s.id === created.source.id)!;
    expect(raw.parserConfig).toMatchObject(c.stored);
    expect(raw.pullSchedule).toBe(c.schedule);
    expect(emu.control.credentialNames(created.source.id)).toEqual([...c.credentials].sort());
    if (c.credentials.length > 0) expect(raw.credentialsSealed).toBe(true);
    for (const [field, value] of Object.entries(c.secrets)) {
      const name = { awsAccessKeyId: 'aws_access_key_id', awsSecretAccessKey: 'aws_secret_access_key' }[field] ?? field;
      expect(emu.control.credentialMatches(created.source.id, value, name), field).toBe(true);
      expect(JSON.stringify(raw)).not.toContain(value);
    }
  });
});

describe('the pull of a source, by its stored adapter (pullers/pullerWorker.ts)', () => {
  let emu: RunningEmulator;
  let client: ReturnType<typeof trpcClient>;
  beforeAll(async () => {
    emu = await startEmulator({ langwatchPort: 0, pullerSchedule: false });
    client = trpcClient(emu.langwatchUrl, await signIn(emu.langwatchUrl), false);
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('pulls a compliance source the console created and fails every run of one without an adapter', async () => {
    const parts = buildSourceRequest('claude_compliance', {}, { token: 'sk-ant-api01-pull-test' });
    const made = await client.ingestionSources.create.mutate({
      organizationId: ORG,
      sourceType: 'claude_compliance',
      name: 'pulled by adapter',
      parserConfig: parts.parserConfig,
      pullConfig: parts.pullConfig ?? null,
      pullSchedule: parts.pullSchedule,
    });
    const [run] = await emu.control.pullNow(made.source.id);
    expect(run?.outcome).not.toBe('skipped');
    const bare = await client.ingestionSources.create.mutate({
      organizationId: ORG,
      sourceType: 'claude_compliance',
      name: 'no adapter',
      parserConfig: { credentials: { token: 'sk-ant-api01-pull-test' } },
      pullSchedule: '*/15 * * * *',
    });
    expect((await emu.control.pullNow(bare.source.id))[0]?.outcome).toBe('error');
    expect(emu.control.sources(ORG).find((s) => s.id === bare.source.id)?.errorCount).toBe(1);
  });
});
