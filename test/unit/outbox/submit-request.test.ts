import { describe, expect, it } from 'vitest';
import { createInputOf, updateInputOf } from '../../../src-main/services/outbox/submit-request';
import { submitEntry } from '../../../src-main/services/outbox/submit';
import { makeEntry } from './helpers';

const KEY = 'sk-ant-api01-golden-key-AAAA';
// The exact requests the console sends for claude_compliance, the key order included: the
// updates as captured from the submit.ts before sources of every type, the create as it is since.
const GOLDEN = [
  [
    'create',
    {
      organizationId: 'org_acme',
      teamId: 'team_1',
      sourceType: 'claude_compliance',
      name: 'Compliance',
      description: 'd',
      parserConfig: {
        adapter: 'claude_compliance',
        pollEverySec: 300,
        consoleStagingId: 'mk_1',
      },
      pullSchedule: '*/5 * * * *',
      // Since sources of every type, a create's secrets travel as LangWatch's own composer sends
      // them: in `pullConfig.credentials` beside the adapter id (checked on the real server).
      pullConfig: { adapter: 'claude_compliance', credentials: { token: KEY } },
    },
  ],
  [
    'update',
    {
      organizationId: 'org_acme',
      id: 'src_new',
      parserConfig: {
        consoleStagingId: 'mk_1',
        adapter: 'claude_compliance',
        pollEverySec: 300,
        credentials: { token: KEY },
      },
      pullSchedule: '*/5 * * * *',
      name: 'Renamed',
    },
  ],
  [
    'update',
    {
      organizationId: 'org_acme',
      id: 'src_new',
      parserConfig: {
        consoleStagingId: 'mk_1',
        adapter: 'claude_compliance',
        pollEverySec: 300,
        credentials: { token: KEY },
      },
    },
  ],
  [
    'update',
    {
      organizationId: 'org_acme',
      id: 'src_new',
      parserConfig: { consoleStagingId: 'mk_1', adapter: 'claude_compliance', pollEverySec: 900 },
      pullSchedule: '*/15 * * * *',
    },
  ],
];

function recordingApi(sourceType = 'claude_compliance') {
  const sent: unknown[] = [];
  const src = {
    id: 'src_new',
    name: 'Compliance',
    sourceType,
    parserConfig: { consoleStagingId: 'mk_1', adapter: 'claude_compliance', pollEverySec: 300 },
  };
  const api = {
    createSource: async (i: unknown) => (sent.push(['create', i]), { source: src, ingestSecret: null }),
    getSource: async () => src,
    updateSource: async (i: unknown) => (sent.push(['update', i]), src),
  } as never;
  return { api, sent };
}

describe('the requests of an entry', () => {
  it('claude_compliance: byte for byte what the console always sent (create, rename + re-key, re-key, cadence)', async () => {
    const { api, sent } = recordingApi();
    const unit = { token: KEY };
    await submitEntry(api, makeEntry({ description: 'd', teamId: 'team_1' }), unit, {});
    await submitEntry(api, makeEntry({ kind: 'update', sourceId: 'src_new', name: 'Renamed' }), unit, {});
    await submitEntry(
      api,
      makeEntry({ kind: 'update', sourceId: 'src_new', pollEverySec: null, pullSchedule: null }),
      unit,
      {},
    );
    await submitEntry(
      api,
      makeEntry({ kind: 'update', sourceId: 'src_new', pollEverySec: 900, pullSchedule: '*/15 * * * *' }),
      null,
      {},
    );
    expect(JSON.stringify(sent)).toBe(JSON.stringify(GOLDEN));
  });

  it('any type: plain values and the unit through buildSourceRequest, the marker on every create', () => {
    const entry = makeEntry({
      sourceType: 'databricks_genie',
      values: { workspaceUrl: 'https://adb-1.2.azuredatabricks.net' },
      pollEverySec: 3600,
      pullSchedule: '0 * * * *',
    });
    const input = createInputOf(entry, { clientId: 'client-id-0123456789', clientSecret: 'client-secret-0123456789' });
    expect(input).toMatchObject({ sourceType: 'databricks_genie', pullSchedule: '0 * * * *' });
    expect(input.parserConfig).toEqual({ pollEverySec: 3600, consoleStagingId: 'mk_1' });
    expect(input.pullConfig).toMatchObject({
      adapter: 'databricks_genie',
      workspaceUrl: 'https://adb-1.2.azuredatabricks.net',
      schedule: '0 * * * *',
      credentials: { clientId: 'client-id-0123456789', clientSecret: 'client-secret-0123456789' },
    });
    expect(input.parserConfig).not.toHaveProperty('adapter', 'claude_compliance');
    // A push type with no secret: no credentials at all, no schedule.
    const push = createInputOf(makeEntry({ sourceType: 'otel_generic', pollEverySec: null, pullSchedule: null }), null);
    expect(push.parserConfig).toEqual({ consoleStagingId: 'mk_1' });
    expect(push.pullSchedule).toBeNull();
  });

  it('an update of another type: the changed values over the stored config, the description only when set', () => {
    const entry = makeEntry({
      kind: 'update',
      sourceId: 'src_1',
      sourceType: 'copilot_studio',
      values: { tenantId: 'tenant-new' },
      pollEverySec: null,
      pullSchedule: null,
      description: null,
      setsDescription: true,
    });
    const current = {
      id: 'src_1',
      name: 'Compliance',
      parserConfig: { tenantId: 'tenant-old', clientId: 'c1', consoleStagingId: 'mk_0' },
    };
    expect(updateInputOf(entry, current, null)).toEqual({
      organizationId: 'org_acme',
      id: 'src_1',
      parserConfig: { tenantId: 'tenant-new', clientId: 'c1', consoleStagingId: 'mk_0' },
      description: null,
    });
    expect(updateInputOf(entry, current, { clientSecret: 'secret-0123456789' }).parserConfig).toMatchObject({
      credentials: { clientSecret: 'secret-0123456789' },
    });
  });

  it('an update staged for another type than the source has is refused, nothing sent', async () => {
    const { api, sent } = recordingApi('otel_generic');
    const entry = makeEntry({ kind: 'update', sourceId: 'src_new', sourceType: 'copilot_studio' });
    await expect(submitEntry(api, entry, { clientSecret: 'secret-0123456789' }, {})).rejects.toMatchObject({
      code: 'invalid_argument',
      details: { reason: 'source_type_changed' },
    });
    expect(sent).toEqual([]);
  });
});
