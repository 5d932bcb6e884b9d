/**
 * The catalog against LangWatch's pullers (paths under platform/app/ee/governance/): each
 * expectation below names the file it was read from. A field a puller reads must be collected
 * and sent where the puller reads it; a departure from LangWatch's composer must say why.
 */
import { describe, expect, it } from 'vitest';
import { catalogEntry, SOURCE_CATALOG } from '../../../src-shared/domain/source-catalog';
import type { SourceType } from '../../../src-shared/domain/langwatch';

function sent(type: SourceType): Record<string, string> {
  return Object.fromEntries(
    catalogEntry(type).fields.map((f) => [
      f.key,
      `${f.sendAs.in === 'credential' ? 'credentials.' : ''}${f.sendAs.name}`,
    ]),
  );
}

describe('the catalog read against the pullers', () => {
  it('names the adapter and default schedule of dashboard/logic/pullCadence.ts for every pull type', () => {
    const adapters = Object.fromEntries(SOURCE_CATALOG.map((e) => [e.type, [e.adapter, e.defaultSchedule]]));
    expect(adapters).toEqual({
      otel_generic: [null, null],
      claude_code: [null, null],
      claude_cowork: [null, null],
      workato: [null, null],
      copilot_studio: ['copilot_studio', '*/15 * * * *'],
      openai_compliance: ['openai_compliance', '*/15 * * * *'],
      claude_compliance: ['claude_compliance', '*/15 * * * *'],
      anthropic_admin: ['anthropic_admin', '0 * * * *'],
      databricks_genie: ['databricks_genie', '*/15 * * * *'],
      // No adapter in LangWatch's composer: the console sends the generic S3 adapter's (a departure).
      s3_custom: ['s3_polling', '*/15 * * * *'],
      http_custom: ['http_polling', '*/15 * * * *'],
    });
    expect(catalogEntry('s3_custom').departure).toContain('nothing ever pulls it');
    for (const e of SOURCE_CATALOG) expect(e.scheduled, e.type).toBe(e.adapter !== null);
  });

  it('sends the keys claudeCompliance.puller.ts and anthropicAdmin.puller.ts read (credentials.token)', () => {
    expect(sent('claude_compliance')).toEqual({ token: 'credentials.token' });
    expect(sent('anthropic_admin')).toEqual({
      token: 'credentials.token',
      report: 'report',
      bucketWidth: 'bucketWidth',
      startingAt: 'startingAt',
    });
  });

  it('sends what copilotStudio.puller.ts reads (credentials.token) and keeps the client secret LangWatch drops', () => {
    const c = catalogEntry('copilot_studio');
    expect(sent('copilot_studio')).toEqual({
      tenantId: 'tenantId',
      clientId: 'clientId',
      clientSecret: 'credentials.clientSecret',
      token: 'credentials.token',
    });
    expect(c.fields.find((f) => f.key === 'clientSecret')?.departure).toContain('drops this secret');
    expect(c.fields.find((f) => f.key === 'token')?.departure).toContain('Graph bearer token');
  });

  it('asks for the region s3PollingPullerAdapter.ts requires and the AWS keys its makeClient reads', () => {
    for (const type of ['openai_compliance', 's3_custom'] as const) {
      const s = sent(type);
      expect(s).toMatchObject({
        bucket: 'bucket',
        prefix: 'prefix',
        region: 'region',
        awsAccessKeyId: 'credentials.aws_access_key_id',
        awsSecretAccessKey: 'credentials.aws_secret_access_key',
        awsSessionToken: 'credentials.aws_session_token',
      });
      const region = catalogEntry(type).fields.find((f) => f.key === 'region');
      expect(region?.required, type).toBe(true);
      expect(region?.departure).toContain('refuses a config without `region`');
      const role = catalogEntry(type).fields.find((f) => f.key === 'roleArn');
      expect(role?.required, `${type}: nothing assumes the role`).toBe(false);
    }
  });

  it('sends the Genie credentials databricksGenie.puller.ts resolveWorkspaceToken reads', () => {
    expect(sent('databricks_genie')).toEqual({
      workspaceUrl: 'workspaceUrl',
      clientId: 'credentials.clientId',
      clientSecret: 'credentials.clientSecret',
      token: 'credentials.token',
      spaceIds: 'spaceIds',
      warehouseId: 'warehouseId',
    });
  });

  it('says for every field where LangWatch reads it, and never requires what cannot be known before create', () => {
    for (const e of SOURCE_CATALOG)
      for (const f of e.fields) expect(f.readBy.length, `${e.type}.${f.key}`).toBeGreaterThan(10);
    const lastFour = catalogEntry('workato').fields.find((f) => f.key === 'sharedSecretLastFour');
    expect(lastFour?.required).toBe(false);
    expect(lastFour?.departure).toContain('mints on create');
  });
});
