import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { signIn } from './helpers';

let emu: RunningEmulator;
let t = Date.UTC(2026, 10, 1, 12);
beforeAll(async () => {
  emu = await startEmulator({ pullerSchedule: false, now: () => t });
});
afterAll(() => emu.close());
beforeEach(async () => {
  await emu.control.reset();
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await request(`${emu.langwatchUrl}${path}`, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json', ...headers } : headers,
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: text && text.startsWith('{') ? JSON.parse(text) : text };
}
const startFlow = async () =>
  (await call('POST', '/api/auth/cli/device-code', { credential_type: 'device_session' })).body as {
    device_code: string;
    user_code: string;
    verification_uri: string;
    verification_uri_complete: string;
    expires_in: number;
    interval: number;
  };
const exchange = (device_code: string) =>
  call('POST', '/api/auth/cli/exchange', { device_code, client_info: { name: 'test' } });
const later = (ms = 5_000) => {
  t += ms;
};

describe('device flow', () => {
  it('device-code shape', async () => {
    const d = await startFlow();
    expect(d.user_code).toMatch(/^[A-HJKMNP-TV-Z2-9]{4}-[A-HJKMNP-TV-Z2-9]{4}$/);
    expect(d).toMatchObject({ expires_in: 600, interval: 5, verification_uri: `${emu.langwatchUrl}/cli/auth` });
    expect(d.verification_uri_complete).toBe(`${emu.langwatchUrl}/cli/auth?user_code=${d.user_code}`);
    const l = await call('GET', `/api/auth/cli/lookup?user_code=${d.user_code}`, undefined, {
      cookie: await signIn(emu.langwatchUrl, 'support'),
    });
    expect(l.body).toMatchObject({ user_code: d.user_code, status: 'pending' });
  });

  it('428 pending → 429 slow_down → browser approval → 200 tokens → used code rejected', async () => {
    const d = await startFlow();
    expect((await exchange(d.device_code)).body.error).toBe('authorization_pending');
    const fast = await exchange(d.device_code);
    expect(fast.status).toBe(429);
    expect(fast.body.error).toBe('slow_down');
    // Approval page needs a session: redirect to the sign-in page first.
    const page = await call('GET', `/cli/auth?user_code=${d.user_code}`);
    expect(page.status).toBe(302);
    expect(String(page.headers.location)).toContain('/auth/signin?callbackUrl=');
    const cookie = await signIn(emu.langwatchUrl, 'support');
    const signedIn = await call('GET', `/cli/auth?user_code=${d.user_code}`, undefined, { cookie });
    expect(signedIn.status).toBe(200);
    expect(String(signedIn.body)).toContain(d.user_code);
    expect(
      (await call('POST', '/api/auth/cli/approve', { user_code: d.user_code, organization_id: 'org_acme' })).status,
    ).toBe(401);
    expect(
      (
        await call(
          'POST',
          '/api/auth/cli/approve',
          { user_code: d.user_code, organization_id: 'org_small' },
          { cookie },
        )
      ).status,
    ).toBe(403);
    expect(
      (await call('POST', '/api/auth/cli/approve', { user_code: d.user_code, organization_id: 'org_acme' }, { cookie }))
        .status,
    ).toBe(200);
    later();
    const ok = await exchange(d.device_code);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      user: { id: 'user_support', email: 'support@acme.test', name: 'Sam Support' },
      organization: { id: 'org_acme', name: 'Acme Corp', slug: 'acme' },
      endpoint: emu.langwatchUrl,
    });
    expect(ok.body.access_token).toMatch(/^lw_at_/);
    expect(ok.body.refresh_token).toMatch(/^lw_rt_/);
    expect(typeof ok.body.refresh_expires_in).toBe('number');
    later();
    expect((await exchange(d.device_code)).status).toBe(408); // single use: deleted on success
  });

  it('410 access_denied and 408 expired_token', async () => {
    const d1 = await startFlow();
    emu.control.denyDevice(d1.user_code);
    expect(await exchange(d1.device_code)).toMatchObject({ status: 410, body: { error: 'access_denied' } });
    const d2 = await startFlow();
    emu.control.expireDeviceCode(d2.user_code);
    expect(await exchange(d2.device_code)).toMatchObject({ status: 408, body: { error: 'expired_token' } });
    const d3 = await startFlow();
    later(601_000);
    expect((await exchange(d3.device_code)).status).toBe(408);
    const d4 = await startFlow();
    const cookie = await signIn(emu.langwatchUrl, 'admin');
    expect((await call('POST', '/api/auth/cli/deny', { user_code: d4.user_code }, { cookie })).status).toBe(200);
    expect((await exchange(d4.device_code)).status).toBe(410);
  });

  it('refresh rotates (old refresh → 401 invalid_grant, old access still valid); logout revokes what the body names', async () => {
    const d = await startFlow();
    emu.control.approveDevice(d.user_code, 'support');
    const tok = (await exchange(d.device_code)).body;
    const r1 = await call('POST', '/api/auth/cli/refresh', { refresh_token: tok.refresh_token });
    expect(r1.status).toBe(200);
    expect(r1.body.refresh_token).not.toBe(tok.refresh_token);
    expect(await call('POST', '/api/auth/cli/refresh', { refresh_token: tok.refresh_token })).toMatchObject({
      status: 401,
      body: { error: 'invalid_grant' },
    });
    const auth = { authorization: `Bearer ${r1.body.access_token}` };
    expect((await call('GET', '/api/auth/cli/governance/ingest/sources', undefined, auth)).status).toBe(200);
    expect(
      (
        await call('GET', '/api/auth/cli/governance/ingest/sources', undefined, {
          authorization: `Bearer ${tok.access_token}`,
        })
      ).status,
    ).toBe(200);
    expect((await call('POST', '/api/auth/cli/logout', {}, auth)).body).toEqual({ ok: true });
    expect((await call('GET', '/api/auth/cli/governance/ingest/sources', undefined, auth)).status).toBe(200);
    expect(
      (
        await call('POST', '/api/auth/cli/logout', {
          access_token: r1.body.access_token,
          refresh_token: r1.body.refresh_token,
        })
      ).body,
    ).toEqual({ ok: true });
    expect((await call('GET', '/api/auth/cli/governance/ingest/sources', undefined, auth)).status).toBe(401);
    expect((await call('POST', '/api/auth/cli/refresh', { refresh_token: r1.body.refresh_token })).status).toBe(401);
  });
});

describe('CLI REST', () => {
  async function token(user: 'admin' | 'support' | 'member', org = 'org_acme') {
    const d = await startFlow();
    emu.control.approveDevice(d.user_code, user, org);
    return `Bearer ${(await exchange(d.device_code)).body.access_token as string}`;
  }

  it('list, health, events with ISO strings', async () => {
    const authorization = await token('support');
    const list = await call('GET', '/api/auth/cli/governance/ingest/sources', undefined, { authorization });
    expect(list.status).toBe(200);
    const prod = list.body.sources.find((s: { id: string }) => s.id === 'src_cc_prod');
    expect(Object.keys(prod).sort()).toEqual([
      'archivedAt',
      'createdAt',
      'description',
      'id',
      'lastEventAt',
      'name',
      'sourceType',
      'status',
    ]);
    expect(prod.createdAt).toBe('2026-08-01T09:00:00.000Z');
    const h = await call('GET', '/api/auth/cli/governance/ingest/sources/src_cc_prod/health', undefined, {
      authorization,
    });
    expect(h.body).toMatchObject({
      source: { id: 'src_cc_prod', name: 'Claude Compliance — Production', status: 'active' },
      health: { events30d: expect.any(Number) },
    });
    const ev = await call('GET', '/api/auth/cli/governance/ingest/sources/src_cc_prod/events?limit=5', undefined, {
      authorization,
    });
    expect(ev.body.events).toHaveLength(5);
    const ev2 = await call(
      'GET',
      `/api/auth/cli/governance/ingest/sources/src_cc_prod/events?limit=5&before_iso=${encodeURIComponent(ev.body.events[4].eventTimestampIso)}`,
      undefined,
      { authorization },
    );
    expect(ev2.body.events[0].eventTimestampIso < ev.body.events[4].eventTimestampIso).toBe(true);
  });

  it('401, 402, 403, 404', async () => {
    expect((await call('GET', '/api/auth/cli/governance/ingest/sources')).body).toMatchObject({
      error: 'unauthorized',
    });
    const small = await token('admin', 'org_small');
    expect(
      await call('GET', '/api/auth/cli/governance/ingest/sources', undefined, { authorization: small }),
    ).toMatchObject({ status: 402, body: { error: 'payment_required' } });
    const member = await token('member');
    expect(
      await call('GET', '/api/auth/cli/governance/ingest/sources', undefined, { authorization: member }),
    ).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const sup = await token('support');
    expect(
      await call('GET', '/api/auth/cli/governance/ingest/sources/nope/health', undefined, { authorization: sup }),
    ).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect(
      (
        await call('GET', '/api/auth/cli/governance/ingest/sources/src_small_cc/events', undefined, {
          authorization: sup,
        })
      ).status,
    ).toBe(404);
    emu.control.expireAccessTokens();
    expect(
      (await call('GET', '/api/auth/cli/governance/ingest/sources', undefined, { authorization: sup })).status,
    ).toBe(401);
  });
});
