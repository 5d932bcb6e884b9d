/**
 * The CLI governance reads, ported from LangWatch's
 * platform/app/src/server/routes/__tests__/auth-cli-governance.integration.test.ts (our own
 * code, written from reading theirs), plus the §8 rows about them, plus the request/response
 * shapes the official CLI's commands use (`langwatch login`, `governance status`,
 * `ingest list|health|tail`, `logout`).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startEmulator, type RunningEmulator } from '../../emulator/index';

let emu: RunningEmulator;
let t = Date.UTC(2026, 10, 1, 12);
beforeAll(async () => {
  emu = await startEmulator({ pullerSchedule: false, now: () => t });
});
afterAll(() => emu.close());
beforeEach(async () => {
  await emu.control.reset();
});

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire bodies
async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Body }> {
  const res = await request(`${emu.langwatchUrl}${path}`, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json', ...headers } : headers,
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.body.text();
  return { status: res.statusCode, body: text.startsWith('{') ? (JSON.parse(text) as Body) : {} };
}
const gov = (path: string, auth: string | null) =>
  call('GET', `/api/auth/cli/governance${path}`, undefined, auth ? { authorization: auth } : {});

/** `langwatch login`: device-code, the browser approval, exchange. */
async function login(user: 'admin' | 'support' | 'member', org = 'org_acme'): Promise<Body> {
  const start = await call('POST', '/api/auth/cli/device-code', {});
  emu.control.approveDevice(start.body.user_code, user, org);
  t += 5_000;
  const ok = await call('POST', '/api/auth/cli/exchange', {
    device_code: start.body.device_code,
    client_info: { device_label: 'ci', hostname: 'ci-host', platform: 'linux' },
  });
  expect(ok.status).toBe(200);
  return ok.body;
}
const bearer = async (user: 'admin' | 'support' | 'member', org = 'org_acme') =>
  `Bearer ${(await login(user, org)).access_token as string}`;
const ENDPOINTS = [
  '/status',
  '/ingest/sources',
  '/ingest/sources/src_cc_prod/events',
  '/ingest/sources/src_cc_prod/health',
];

describe('auth contract — every endpoint (auth-cli-governance: "auth contract")', () => {
  it.each(ENDPOINTS)('401 without a token, with a malformed one and with an unknown one: %s', async (path) => {
    expect((await gov(path, null)).status).toBe(401);
    expect((await gov(path, 'Bearer not-a-real-token')).status).toBe(401);
    expect((await gov(path, `Bearer lw_at_${'u'.repeat(43)}`)).body).toMatchObject({ error: 'unauthorized' });
  });
});

describe('GET /governance/status (auth-cli-governance: "returns the org\'s setup-state OR-of-flags shape")', () => {
  it('answers the setup flags; hasIngestionSources true; governanceActive is their OR', async () => {
    const r = await gov('/status', await bearer('support'));
    expect(r.status).toBe(200);
    for (const k of [
      'hasPersonalVKs',
      'hasRoutingPolicies',
      'hasIngestionSources',
      'hasAnomalyRules',
      'hasRecentActivity',
      'governanceActive',
    ]) {
      expect(typeof r.body.setup[k]).toBe('boolean');
    }
    expect(r.body.setup).toMatchObject({ hasIngestionSources: true, governanceActive: true });
  });
});

describe('GET /governance/ingest/sources', () => {
  it("only the token's organisation (tenant isolation)", async () => {
    const ids = (await gov('/ingest/sources', await bearer('support'))).body.sources.map((s: Body) => s.id);
    expect(ids).toContain('src_cc_prod');
    expect(ids).not.toContain('src_small_cc');
  });

  it('§8: archived sources are never listed; include_archived=1 is accepted and changes nothing', async () => {
    const auth = await bearer('support');
    const plain = (await gov('/ingest/sources', auth)).body.sources as Body[];
    const flagged = await gov('/ingest/sources?include_archived=1', auth);
    expect(flagged.status).toBe(200);
    expect(flagged.body.sources).toEqual(plain);
    expect(plain.some((s) => s.archivedAt !== null)).toBe(false);
    expect(plain.map((s) => s.id)).not.toContain('src_cc_old');
  });
});

describe('GET /governance/ingest/sources/:id/events and /health', () => {
  it("404 for an unknown source and for another organisation's source (tenant isolation)", async () => {
    const auth = await bearer('support');
    for (const sub of ['events', 'health']) {
      expect((await gov(`/ingest/sources/does-not-exist/${sub}`, auth)).status).toBe(404);
      expect((await gov(`/ingest/sources/src_small_cc/${sub}`, auth)).body).toMatchObject({ error: 'not_found' });
    }
  });

  it('§8 / "respects the limit query param (clamped to 1..200)": out-of-range limits are clamped, never refused', async () => {
    const auth = await bearer('support');
    const all = await gov('/ingest/sources/src_claude_code/events?limit=999', auth);
    expect(all.status).toBe(200);
    expect(all.body.events).toHaveLength(40);
    expect((await gov('/ingest/sources/src_claude_code/events?limit=0', auth)).body.events).toHaveLength(1);
    expect((await gov('/ingest/sources/src_claude_code/events?limit=-7', auth)).body.events).toHaveLength(1);
    expect((await gov('/ingest/sources/src_claude_code/events?limit=3', auth)).body.events).toHaveLength(3);
    expect((await gov('/ingest/sources/src_claude_code/events', auth)).body.events).toHaveLength(40);
  });

  it('health: the source and the metric shape', async () => {
    const r = await gov('/ingest/sources/src_cc_prod/health', await bearer('support'));
    expect(r.body.source).toEqual({ id: 'src_cc_prod', name: 'Claude Compliance — Production', status: 'active' });
    expect(r.body.health).toMatchObject({
      events24h: expect.any(Number),
      events7d: expect.any(Number),
      events30d: expect.any(Number),
    });
  });

  it('§8: events and health need only activityMonitor:view (the list needs ingestionSources:view)', async () => {
    emu.control.setMemberPermissions('org_acme', 'member', ['activityMonitor:view']);
    const auth = await bearer('member');
    expect((await gov('/ingest/sources/src_cc_prod/health', auth)).status).toBe(200);
    expect((await gov('/ingest/sources/src_cc_prod/events', auth)).status).toBe(200);
    expect((await gov('/ingest/sources', auth)).status).toBe(403);
  });

  it('403 forbidden without the governance permission', async () => {
    const member = await bearer('member');
    for (const path of [
      '/ingest/sources',
      '/ingest/sources/src_cc_prod/health',
      '/ingest/sources/src_cc_prod/events',
    ]) {
      expect(await gov(path, member)).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    }
  });
});

describe('license gate — 402 on every route (auth-cli-governance: "license gate"; §8)', () => {
  it.each(ENDPOINTS.map((p) => p.replace('src_cc_prod', 'src_small_cc')))(
    '402 payment_required with an upgrade_url on %s',
    async (path) => {
      const r = await gov(path, await bearer('admin', 'org_small'));
      expect(r.status).toBe(402);
      expect(r.body.error).toBe('payment_required');
      expect(r.body.error_description).toMatch(/Enterprise/);
      expect(r.body.upgrade_url).toMatch(/\/settings\/subscription$/);
    },
  );
});

describe("the official CLI's commands, as request/response sequences", () => {
  it('login → governance status → ingest list → ingest health → ingest tail (paging) → logout', async () => {
    const session = await login('support');
    expect(session).toMatchObject({
      kind: 'device_session',
      user: { id: 'user_support' },
      organization: { id: 'org_acme', slug: 'acme' },
      endpoint: emu.langwatchUrl,
    });
    const auth = `Bearer ${session.access_token as string}`;
    expect((await gov('/status', auth)).status).toBe(200);
    const list = (await gov('/ingest/sources', auth)).body.sources as Body[];
    expect(Object.keys(list[0]!).sort()).toEqual([
      'archivedAt',
      'createdAt',
      'description',
      'id',
      'lastEventAt',
      'name',
      'sourceType',
      'status',
    ]);
    expect((await gov(`/ingest/sources/${list[0]!.id as string}/health`, auth)).status).toBe(200);
    const first = (await gov('/ingest/sources/src_claude_code/events?limit=10', auth)).body.events as Body[];
    const cursor = encodeURIComponent(first[9]!.eventTimestampIso as string);
    const next = (await gov(`/ingest/sources/src_claude_code/events?limit=10&before_iso=${cursor}`, auth)).body
      .events as Body[];
    expect(next.every((e) => e.eventTimestampIso < first[9]!.eventTimestampIso)).toBe(true);
    expect(
      await call('POST', '/api/auth/cli/logout', {
        refresh_token: session.refresh_token,
        access_token: session.access_token,
      }),
    ).toEqual({ status: 200, body: { ok: true } });
    expect((await gov('/status', auth)).status).toBe(401);
  });
});
