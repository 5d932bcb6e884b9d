/**
 * Contract rows of langwatch.md §8 for the device flow, written from LangWatch's
 * platform/app/src/server/routes/auth-cli.ts and its tests (auth-cli-logout.integration.test.ts,
 * auth-cli-device-approval / -credential-type / -refresh-expiry). Each test names its source.
 */
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

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire bodies
async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Body; text: string }> {
  const res = await request(`${emu.langwatchUrl}${path}`, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json', ...headers } : headers,
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.body.text();
  return { status: res.statusCode, text, body: text.startsWith('{') ? (JSON.parse(text) as Body) : {} };
}
const later = (ms = 5_000) => {
  t += ms;
};
const startFlow = async () =>
  (await call('POST', '/api/auth/cli/device-code', {})).body as {
    device_code: string;
    user_code: string;
    verification_uri: string;
    verification_uri_complete: string;
  };
const exchange = (device_code: string, client_info?: unknown) =>
  call('POST', '/api/auth/cli/exchange', { device_code, ...(client_info ? { client_info } : {}) });
const listWith = (access: string) =>
  call('GET', '/api/auth/cli/governance/ingest/sources', undefined, { authorization: `Bearer ${access}` });

/** A signed-in device session of the support user (approved through the control surface). */
async function session(clientInfo?: unknown): Promise<{ access: string; refresh: string; body: Body }> {
  const d = await startFlow();
  emu.control.approveDevice(d.user_code, 'support');
  const r = await exchange(d.device_code, clientInfo);
  expect(r.status).toBe(200);
  later();
  return { access: r.body.access_token, refresh: r.body.refresh_token, body: r.body };
}

describe('§8 logout (auth-cli.ts POST /logout; auth-cli-logout.integration.test.ts)', () => {
  it('an Authorization header revokes nothing; the answer is 200 {ok:true}', async () => {
    const s = await session();
    const r = await call('POST', '/api/auth/cli/logout', {}, { authorization: `Bearer ${s.access}` });
    expect(r).toMatchObject({ status: 200, body: { ok: true } });
    expect((await listWith(s.access)).status).toBe(200);
    expect((await call('POST', '/api/auth/cli/refresh', { refresh_token: s.refresh })).status).toBe(200);
  });

  it('case 1: both tokens in the body → both revoked, and the CLI key of the session too', async () => {
    const s = await session({ device_label: 'Sam laptop' });
    const keyId = emu.control.cliKeys().find((k) => k.revokedAt === null)!.id;
    const r = await call('POST', '/api/auth/cli/logout', { refresh_token: s.refresh, access_token: s.access });
    expect(r).toMatchObject({ status: 200, body: { ok: true } });
    expect((await listWith(s.access)).status).toBe(401);
    expect((await call('POST', '/api/auth/cli/refresh', { refresh_token: s.refresh })).status).toBe(401);
    expect(emu.control.cliKeys().find((k) => k.id === keyId)!.revokedAt).not.toBeNull();
  });

  it('case 2: only the refresh token → the access token keeps working', async () => {
    const s = await session();
    expect((await call('POST', '/api/auth/cli/logout', { refresh_token: s.refresh })).status).toBe(200);
    expect((await listWith(s.access)).status).toBe(200);
    expect((await call('POST', '/api/auth/cli/refresh', { refresh_token: s.refresh })).status).toBe(401);
  });

  it('case 3: only the access token → the refresh token keeps working', async () => {
    const s = await session();
    expect((await call('POST', '/api/auth/cli/logout', { access_token: s.access })).status).toBe(200);
    expect((await listWith(s.access)).status).toBe(401);
    expect((await call('POST', '/api/auth/cli/refresh', { refresh_token: s.refresh })).status).toBe(200);
  });

  it('cases 4 and 5: neither token, unknown tokens, garbage → 200 {ok:true}', async () => {
    expect((await call('POST', '/api/auth/cli/logout', {})).body).toEqual({ ok: true });
    expect(
      (await call('POST', '/api/auth/cli/logout', { refresh_token: 'lw_rt_unknown', access_token: 'lw_at_unknown' }))
        .body,
    ).toEqual({ ok: true });
    expect((await call('POST', '/api/auth/cli/logout', { refresh_token: 42 })).body).toEqual({ ok: true });
  });
});

describe('§8 exchange (auth-cli.ts POST /exchange)', () => {
  it('a missing device_code → 400 invalid_request', async () => {
    expect(await call('POST', '/api/auth/cli/exchange', {})).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    });
  });

  it('an unknown code → 408 expired_token; slow_down is checked first (second poll within 4 s → 429)', async () => {
    expect(await exchange('never-issued')).toMatchObject({ status: 408, body: { error: 'expired_token' } });
    expect(await exchange('never-issued')).toMatchObject({ status: 429, body: { error: 'slow_down' } });
    later(4_001);
    expect((await exchange('never-issued')).status).toBe(408);
  });

  it('success carries kind device_session and a 90-day refresh; the used code then answers 408', async () => {
    const d = await startFlow();
    emu.control.approveDevice(d.user_code, 'support');
    const ok = await exchange(d.device_code);
    expect(ok.body).toMatchObject({
      kind: 'device_session',
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_expires_in: 7_776_000,
    });
    expect((await exchange(d.device_code)).status).toBe(429);
    later();
    expect(await exchange(d.device_code)).toMatchObject({ status: 408, body: { error: 'expired_token' } });
  });

  it('provisions a personal workspace (at approval) and a CLI key (at exchange), both observable', async () => {
    const d = await startFlow();
    expect(emu.control.personalWorkspaces()).toEqual([]);
    emu.control.approveDevice(d.user_code, 'support');
    expect(emu.control.personalWorkspaces()).toMatchObject([{ userId: 'user_support', organizationId: 'org_acme' }]);
    expect(emu.control.cliKeys()).toEqual([]);
    const ok = await exchange(d.device_code, { hostname: 'sams-mac' });
    expect(ok.body.personal_project).toMatchObject({ id: emu.control.personalWorkspaces()[0]!.projectId });
    expect(ok.body.cli_api_key).toMatch(/^sk-lw-/);
    expect(emu.control.cliKeys()).toMatchObject([
      { userId: 'user_support', organizationId: 'org_acme', deviceLabel: 'sams-mac', revokedAt: null },
    ]);
  });

  it('a re-login from the same device label revokes the previous login key (mintForDeviceSession)', async () => {
    await session({ device_label: 'Console' });
    await session({ device_label: 'Console' });
    const keys = emu.control.cliKeys();
    expect(keys).toHaveLength(2);
    expect(keys.filter((k) => k.revokedAt === null)).toHaveLength(1);
  });

  it('client_info keeps only device_label, hostname, uname, platform', async () => {
    await session({
      device_label: 'Console',
      hostname: 'h',
      uname: 'sam',
      platform: 'linux',
      name: 'dropped',
      version: '9',
    });
    const info = emu.control.cliSessions().map((x) => x.clientInfo);
    for (const ci of info) {
      expect(Object.keys(ci!).sort()).toEqual(['device_label', 'hostname', 'platform', 'session_started_at', 'uname']);
    }
  });

  it('denied → 410 access_denied once, then the code is gone (408)', async () => {
    const d = await startFlow();
    emu.control.denyDevice(d.user_code);
    expect(await exchange(d.device_code)).toMatchObject({ status: 410, body: { error: 'access_denied' } });
    later();
    expect((await exchange(d.device_code)).status).toBe(408);
  });
});

describe('§8 refresh (auth-cli.ts POST /refresh; auth-cli-refresh-expiry)', () => {
  it('rotates the pair, keeps the old access token valid until it expires, answers no user/org', async () => {
    const s = await session();
    const r = await call('POST', '/api/auth/cli/refresh', { refresh_token: s.refresh });
    expect(Object.keys(r.body).sort()).toEqual([
      'access_token',
      'expires_in',
      'refresh_expires_in',
      'refresh_token',
      'token_type',
    ]);
    expect(r.body.refresh_expires_in).toBe(7_776_000);
    expect((await listWith(s.access)).status).toBe(200);
    expect(await call('POST', '/api/auth/cli/refresh', { refresh_token: s.refresh })).toMatchObject({
      status: 401,
      body: { error: 'invalid_grant' },
    });
    expect(await call('POST', '/api/auth/cli/refresh', {})).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    });
    later(3_600_001);
    expect((await listWith(s.access)).status).toBe(401);
  });
});

describe('§8 verification_uri (auth-cli.ts verificationUri(): NEXTAUTH_URL / BASE_HOST)', () => {
  it('defaults to the server URL; a configured public origin wins', async () => {
    expect((await startFlow()).verification_uri).toBe(`${emu.langwatchUrl}/cli/auth`);
    emu.control.setPublicOrigin('https://langwatch.acme.example/');
    const d = await startFlow();
    expect(d.verification_uri).toBe('https://langwatch.acme.example/cli/auth');
    expect(d.verification_uri_complete).toBe(`https://langwatch.acme.example/cli/auth?user_code=${d.user_code}`);
    emu.control.approveDevice(d.user_code, 'support');
    expect((await exchange(d.device_code)).body.endpoint).toBe('https://langwatch.acme.example');
  });
});

describe('browser side: lookup, approve, deny (auth-cli.ts; auth-cli-device-approval.integration.test.ts)', () => {
  it('lookup: 401 without a session, 400 without a code, 404 unknown, 410 expired, 200 with the record', async () => {
    const d = await startFlow();
    expect((await call('GET', `/api/auth/cli/lookup?user_code=${d.user_code}`)).status).toBe(401);
    const cookie = await signIn(emu.langwatchUrl, 'support');
    expect((await call('GET', '/api/auth/cli/lookup', undefined, { cookie })).body.error).toBe('invalid_request');
    expect((await call('GET', '/api/auth/cli/lookup?user_code=ZZZZ-ZZZZ', undefined, { cookie })).status).toBe(404);
    const ok = await call('GET', `/api/auth/cli/lookup?user_code=${d.user_code.toLowerCase()}`, undefined, { cookie });
    expect(ok.body).toMatchObject({ user_code: d.user_code, status: 'pending', credential_type: 'device_session' });
    expect(typeof ok.body.expires_at).toBe('number');
    expect((await call('POST', `/api/auth/cli/lookup?user_code=${d.user_code}`, {}, { cookie })).status).toBe(404);
    later(601_000);
    expect(await call('GET', `/api/auth/cli/lookup?user_code=${d.user_code}`, undefined, { cookie })).toMatchObject({
      status: 410,
      body: { error: 'expired' },
    });
  });

  it('approve: 401, 400, 403 non-member, 404, 200 {ok, organization_id}, then 409 already_resolved', async () => {
    const d = await startFlow();
    expect(
      (await call('POST', '/api/auth/cli/approve', { user_code: d.user_code, organization_id: 'org_acme' })).status,
    ).toBe(401);
    const cookie = await signIn(emu.langwatchUrl, 'support');
    expect((await call('POST', '/api/auth/cli/approve', { user_code: d.user_code }, { cookie })).status).toBe(400);
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
      (await call('POST', '/api/auth/cli/approve', { user_code: 'ZZZZ-ZZZZ', organization_id: 'org_acme' }, { cookie }))
        .status,
    ).toBe(404);
    expect(
      (await call('POST', '/api/auth/cli/approve', { user_code: d.user_code, organization_id: 'org_acme' }, { cookie }))
        .body,
    ).toEqual({ ok: true, organization_id: 'org_acme' });
    expect(
      await call('POST', '/api/auth/cli/approve', { user_code: d.user_code, organization_id: 'org_acme' }, { cookie }),
    ).toMatchObject({ status: 409, body: { error: 'already_resolved' } });
  });

  it('deny: unknown code is an idempotent 200; a known code is denied', async () => {
    const cookie = await signIn(emu.langwatchUrl, 'support');
    expect((await call('POST', '/api/auth/cli/deny', { user_code: 'ZZZZ-ZZZZ' }, { cookie })).body).toEqual({
      ok: true,
    });
    expect((await call('POST', '/api/auth/cli/deny', {}, { cookie })).status).toBe(400);
    expect((await call('POST', '/api/auth/cli/deny', { user_code: 'ZZZZ-ZZZZ' })).status).toBe(401);
    const d = await startFlow();
    await call('POST', '/api/auth/cli/deny', { user_code: d.user_code }, { cookie });
    expect((await exchange(d.device_code)).status).toBe(410);
  });

  it("§8: no rate limit on /api/auth/cli/* (BetterAuth's 100/min applies to its own paths only)", async () => {
    for (let i = 0; i < 110; i++) expect((await call('POST', '/api/auth/cli/logout', {})).status).toBe(200);
  });
});
