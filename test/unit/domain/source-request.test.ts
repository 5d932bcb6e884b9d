/**
 * `buildSourceRequest` per type: the create input LangWatch's server and the type's puller
 * need. Each case names the LangWatch file (under platform/app/ee/governance/) it follows.
 */
import { describe, expect, it } from 'vitest';
import { buildSourceRequest, storedConfig } from '../../../src-shared/domain/source-request';
import { SourceDraft } from '../../../src-shared/domain/source-draft';

const TOKEN = 'sk-ant-admin01-request-test-token';
const MAPPING = 'source_event_id=$.id\nevent_timestamp=$.ts\n# note\nactor=$.user\naction=$.type\ntarget=$.model';
const EVENT_MAPPING = {
  source_event_id: '$.id',
  event_timestamp: '$.ts',
  actor: '$.user',
  action: '$.type',
  target: '$.model',
};

describe('buildSourceRequest', () => {
  it('push types: plain parserConfig, no pullConfig, no schedule (ingestion-sources.tsx buildCreateInput)', () => {
    expect(buildSourceRequest('otel_generic', {}, null)).toEqual({ parserConfig: {}, pullSchedule: null });
    expect(buildSourceRequest('claude_cowork', { workspaceId: 'wsp_1' }, null, '*/5 * * * *')).toEqual({
      parserConfig: { workspaceId: 'wsp_1' },
      pullSchedule: null,
    });
  });

  it('claude_compliance: adapter id and credentials.token (claudeCompliance.puller.ts)', () => {
    expect(buildSourceRequest('claude_compliance', {}, { token: ` ${TOKEN} ` })).toEqual({
      parserConfig: {},
      pullConfig: { adapter: 'claude_compliance', credentials: { token: TOKEN } },
      pullSchedule: '*/15 * * * *',
    });
  });

  it('copilot_studio: ids plain, client secret and token under credentials (copilotStudio.puller.ts)', () => {
    const parts = buildSourceRequest(
      'copilot_studio',
      { tenantId: 't', clientId: 'c' },
      { clientSecret: 'cs-value', token: 'graph-token' },
      '0 * * * *',
    );
    expect(parts).toEqual({
      parserConfig: { tenantId: 't', clientId: 'c' },
      pullConfig: { adapter: 'copilot_studio', credentials: { clientSecret: 'cs-value', token: 'graph-token' } },
      pullSchedule: '0 * * * *',
    });
  });

  it('openai_compliance: bucket, prefix and region where openaiCompliance.puller.ts reads them, AWS keys in credentials', () => {
    const parts = buildSourceRequest(
      'openai_compliance',
      { bucket: 'b', region: 'eu-west-1', roleArn: 'arn:aws:iam::1:role/r' },
      { awsAccessKeyId: 'AKIA1', awsSecretAccessKey: 'sekret' },
    );
    expect(parts.parserConfig).toEqual({ bucket: 'b', region: 'eu-west-1', roleArn: 'arn:aws:iam::1:role/r' });
    expect(parts.pullConfig).toEqual({
      adapter: 'openai_compliance',
      credentials: { aws_access_key_id: 'AKIA1', aws_secret_access_key: 'sekret' },
    });
  });

  it('anthropic_admin: report, width and an ISO start in pullConfig, not parserConfig (buildAnthropicAdminPullConfig)', () => {
    const parts = buildSourceRequest(
      'anthropic_admin',
      { report: 'usage', bucketWidth: '1h', startingAt: '2026-08-01' },
      { token: TOKEN },
    );
    expect(parts).toEqual({
      parserConfig: {},
      pullConfig: {
        adapter: 'anthropic_admin',
        report: 'usage',
        bucketWidth: '1h',
        startingAt: '2026-08-01T00:00:00.000Z',
        schedule: '0 * * * *',
        credentials: { token: TOKEN },
      },
      pullSchedule: '0 * * * *',
    });
    expect(() =>
      buildSourceRequest('anthropic_admin', { report: 'cost', bucketWidth: '1m' }, { token: TOKEN }),
    ).toThrow(/usage report only/);
    expect(() =>
      buildSourceRequest('anthropic_admin', { report: 'cost', startingAt: '2026-02-30' }, { token: TOKEN }),
    ).toThrow(/calendar date/);
    expect(() =>
      buildSourceRequest('anthropic_admin', { report: 'cost', startingAt: '2026-08-01T00:00' }, null),
    ).toThrow(/timezone/);
  });

  it('databricks_genie: typed config, spaceIds as an array, only the credentials given (buildDatabricksGeniePullConfig)', () => {
    const parts = buildSourceRequest(
      'databricks_genie',
      { workspaceUrl: 'https://adb-1.7.azuredatabricks.net//', spaceIds: 'a, b,,' },
      { clientId: 'sp-id', clientSecret: 'sp-secret' },
      '*/30 * * * *',
    );
    expect(parts).toEqual({
      parserConfig: {},
      pullConfig: {
        adapter: 'databricks_genie',
        workspaceUrl: 'https://adb-1.7.azuredatabricks.net',
        spaceIds: ['a', 'b'],
        schedule: '*/30 * * * *',
        credentials: { clientId: 'sp-id', clientSecret: 'sp-secret' },
      },
      pullSchedule: '*/30 * * * *',
    });
    // pullDestination.ts: the credential goes to a Databricks workspace only.
    expect(() =>
      buildSourceRequest('databricks_genie', { workspaceUrl: 'https://evil.example.com' }, { token: 'dapi1' }),
    ).toThrow(/Databricks workspace address/);
    expect(() =>
      buildSourceRequest('databricks_genie', { workspaceUrl: 'https://a.cloud.databricks.com' }, { clientId: 'x' }),
    ).toThrow(/together/);
  });

  it('http_custom: the full HttpPollingConfig with the token under credentials (buildHttpCustomPullConfig)', () => {
    const values = {
      url: 'https://api.acme.com/audit',
      authHeaderName: 'X-Api-Key',
      authHeaderValue: '${{credentials.token}}',
      eventsJsonPath: '$.data',
      cursorJsonPath: '$.next',
      eventMappingDsl: MAPPING,
    };
    const parts = buildSourceRequest('http_custom', values, { token: 'up-token' });
    expect(parts.parserConfig).toEqual(values);
    expect(parts.pullConfig).toEqual({
      adapter: 'http_polling',
      url: 'https://api.acme.com/audit',
      method: 'GET',
      headers: { 'X-Api-Key': '${{credentials.token}}' },
      authMode: 'header_template',
      cursorJsonPath: '$.next',
      cursorQueryParam: 'cursor',
      eventsJsonPath: '$.data',
      schedule: '*/15 * * * *',
      eventMapping: EVENT_MAPPING,
      credentials: { token: 'up-token' },
    });
    expect(() =>
      buildSourceRequest('http_custom', { ...values, authHeaderValue: 'Bearer static' }, { token: 'up-token' }),
    ).toThrow(/credentials\.token/);
    expect(() =>
      buildSourceRequest('http_custom', { ...values, eventMappingDsl: 'actor=$.a' }, { token: 'up-token' }),
    ).toThrow(/source_event_id, event_timestamp, action, target/);
  });

  it('s3_custom: the s3_polling config the S3 adapter reads (s3PollingPullerAdapter.ts)', () => {
    const parts = buildSourceRequest('s3_custom', { bucket: 'b', region: 'us-east-1', parserDsl: MAPPING }, {});
    expect(parts.pullConfig).toEqual({
      adapter: 's3_polling',
      bucket: 'b',
      prefix: '',
      region: 'us-east-1',
      parser: 'ndjson',
      schedule: '*/15 * * * *',
      eventMapping: EVENT_MAPPING,
    });
    expect(storedConfig(parts)).toMatchObject({ adapter: 's3_polling', parserDsl: MAPPING, region: 'us-east-1' });
    expect(() =>
      buildSourceRequest('s3_custom', { bucket: 'b', region: 'r', parserDsl: MAPPING }, { awsAccessKeyId: 'AKIA' }),
    ).toThrow(/together/);
  });

  it('builds an update without secrets that leaves the stored credentials alone (updateSource carries them)', () => {
    const parts = buildSourceRequest('databricks_genie', { workspaceUrl: 'https://adb-1.7.azuredatabricks.net' }, null);
    expect(storedConfig(parts)).toEqual({
      adapter: 'databricks_genie',
      workspaceUrl: 'https://adb-1.7.azuredatabricks.net',
      spaceIds: [],
      schedule: '*/15 * * * *',
    });
  });

  it('refuses a missing required field by name, never echoing a secret', () => {
    let message = '';
    try {
      buildSourceRequest('http_custom', { url: 'https://x.example' }, { token: TOKEN });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('Events array JSONPath is required.');
    expect(message).not.toContain(TOKEN);
  });

  it('puts the same rules in the draft, naming the field (source-draft.ts)', () => {
    const r = SourceDraft.safeParse({
      sourceType: 'databricks_genie',
      name: 'g',
      values: { workspaceUrl: 'https://adb-1.azuredatabricks.net' },
      secrets: {},
    });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['secrets.clientId']);
  });
});
