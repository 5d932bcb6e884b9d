/**
 * The upstreams a pull source reads, as LangWatch's pullers ask them (paths under
 * platform/app/ee/governance/services/pullers/): the Anthropic Admin API reports
 * (anthropicAdmin.puller.ts), a Databricks workspace (databricksGenie.puller.ts) and a custom
 * audit-log API (httpPollingPullerAdapter.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { SEED, startEmulator, VENDOR_SEED, type RunningEmulator } from '../../emulator/index';

let emu: RunningEmulator;
const NOW = Date.UTC(2026, 10, 1, 12);
beforeAll(async () => {
  emu = await startEmulator({ pullerSchedule: false, now: () => NOW });
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

async function get(url: string, headers: Record<string, string>) {
  const res = await request(url, { headers });
  return { status: res.statusCode, headers: res.headers, body: (await res.body.json()) as Record<string, unknown> };
}

const adminHeaders = (key: string = SEED.anthropicKeys.admin) => ({
  'x-api-key': key,
  'anthropic-version': '2023-06-01',
});

describe('Anthropic Admin API reports (anthropicAdmin.puller.ts)', () => {
  it('pages daily cost buckets with next_page, as the puller walks them', async () => {
    const start = new Date(NOW - 3 * 86_400_000).toISOString();
    const url = `${emu.anthropicUrl}/v1/organizations/cost_report?starting_at=${start}&bucket_width=1d&group_by[]=workspace_id&group_by[]=description&limit=2`;
    const first = await get(url, adminHeaders());
    expect(first.status).toBe(200);
    expect(first.headers['request-id']).toMatch(/^req_/);
    expect(first.body).toMatchObject({ has_more: true, next_page: 'page_2' });
    const data = first.body.data as Array<{
      starting_at: string;
      results: Array<{ currency: string; amount: string }>;
    }>;
    expect(data).toHaveLength(2);
    expect(data[0]!.results[0]).toMatchObject({
      currency: 'USD',
      amount: expect.stringMatching(/^\d+(\.\d+)?$/) as string,
    });
    const second = await get(`${url}&page=page_2`, adminHeaders());
    expect(second.body).toMatchObject({ has_more: false, next_page: null });
  });

  it('usage buckets carry the token counts the puller maps', async () => {
    const start = new Date(NOW - 86_400_000).toISOString();
    const res = await get(
      `${emu.anthropicUrl}/v1/organizations/usage_report/messages?starting_at=${start}&bucket_width=1h&limit=1`,
      adminHeaders(),
    );
    expect(res.status).toBe(200);
    const bucket = (res.body.data as Array<{ results: Array<Record<string, unknown>> }>)[0]!;
    expect(bucket.results[0]).toMatchObject({
      uncached_input_tokens: expect.any(Number) as number,
      output_tokens: expect.any(Number) as number,
    });
  });

  it('refuses what Anthropic refuses: workspace and compliance keys (401), bad query (400)', async () => {
    const start = new Date(NOW - 86_400_000).toISOString();
    const url = `${emu.anthropicUrl}/v1/organizations/cost_report?starting_at=${start}`;
    for (const key of [VENDOR_SEED.anthropic.workspaceKey, SEED.anthropicKeys.compliance, SEED.anthropicKeys.revoked])
      expect((await get(url, adminHeaders(key))).body).toMatchObject({ error: { type: 'authentication_error' } });
    expect((await get(`${url}&bucket_width=1h`, adminHeaders())).status).toBe(400);
    expect((await get(`${url}&group_by[]=model`, adminHeaders())).status).toBe(400);
    expect((await get(`${emu.anthropicUrl}/v1/organizations/cost_report`, adminHeaders())).status).toBe(400);
    expect((await get(url, { 'x-api-key': SEED.anthropicKeys.admin })).status).toBe(400);
  });
});

describe('Databricks workspace (databricksGenie.puller.ts)', () => {
  async function mint(id: string, secret: string, body = 'grant_type=client_credentials&scope=all-apis') {
    const res = await request(`${emu.vendorsUrl}/oidc/v1/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
    });
    return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
  }

  it('client credentials mint a bearer that lists Genie spaces page by page', async () => {
    const minted = await mint(VENDOR_SEED.databricks.clientId, VENDOR_SEED.databricks.clientSecret);
    expect(minted).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 3600 } });
    const auth = { authorization: `Bearer ${String(minted.body.access_token)}` };
    const first = await get(`${emu.vendorsUrl}/api/2.0/genie/spaces?page_size=1`, auth);
    expect(first.body).toMatchObject({
      spaces: [{ space_id: VENDOR_SEED.databricks.spaces[0].space_id }],
      next_page_token: 'p1',
    });
    const second = await get(`${emu.vendorsUrl}/api/2.0/genie/spaces?page_size=1&page_token=p1`, auth);
    expect(second.body.next_page_token).toBeUndefined();
    const space = VENDOR_SEED.databricks.spaces[0].space_id;
    const conv = await get(`${emu.vendorsUrl}/api/2.0/genie/spaces/${space}/conversations?include_all=true`, auth);
    expect(conv.body.conversations).toHaveLength(1);
  });

  it('bad client credentials 401 invalid_client; a wrong grant 400; a bad bearer 401; no Genie 403', async () => {
    expect(await mint('nobody', 'nothing')).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(
      (await mint(VENDOR_SEED.databricks.clientId, VENDOR_SEED.databricks.clientSecret, 'grant_type=password')).status,
    ).toBe(400);
    expect((await get(`${emu.vendorsUrl}/api/2.0/genie/spaces`, { authorization: 'Bearer nope' })).body).toMatchObject({
      error_code: 'UNAUTHENTICATED',
    });
    const noGenie = await mint(VENDOR_SEED.databricks.noGenieClientId, VENDOR_SEED.databricks.noGenieClientSecret);
    const denied = await get(`${emu.vendorsUrl}/api/2.0/genie/spaces`, {
      authorization: `Bearer ${String(noGenie.body.access_token)}`,
    });
    expect(denied).toMatchObject({ status: 403, body: { error_code: 'PERMISSION_DENIED' } });
  });
});

describe('custom audit-log API (httpPollingPullerAdapter.ts)', () => {
  it('events at $.data, the next cursor at $.next_cursor, sent back as ?cursor=', async () => {
    const auth = { authorization: `Bearer ${VENDOR_SEED.auditApi.token}` };
    const first = await get(`${emu.vendorsUrl}/audit/v1/events`, auth);
    expect(first.body).toMatchObject({ next_cursor: '2' });
    const last = await get(`${emu.vendorsUrl}/audit/v1/events?cursor=4`, { 'x-api-key': VENDOR_SEED.auditApi.token });
    expect(last.body).toMatchObject({ next_cursor: null });
    expect((last.body.data as unknown[]).length).toBe(1);
    expect((await get(`${emu.vendorsUrl}/audit/v1/events`, {})).status).toBe(401);
  });
});
