import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { SEED, startEmulator, type RunningEmulator } from '../../emulator/index';
import { rawTrpc, signIn, trpcClient } from './helpers';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ pullerSchedule: false });
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

const admin = SEED.users.admin;
async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await request(`${emu.langwatchUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : null };
}

describe('email sign-in', () => {
  it('200 with a signed, percent-encoded cookie; JSON has token and user', async () => {
    const r = await post(
      '/api/auth/sign-in/email',
      { email: admin.email, password: admin.password, rememberMe: true },
      { origin: emu.langwatchUrl },
    );
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ id: 'user_admin', email: admin.email, name: 'Ada Admin' });
    const setCookie = String(r.headers['set-cookie']);
    expect(setCookie).toMatch(/^better-auth\.session_token=[^;]+; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax$/);
    const value = setCookie.split(';')[0]!.split('=').slice(1).join('=');
    expect(decodeURIComponent(value).startsWith(`${r.body.token}.`)).toBe(true);
    expect(value).toContain('%');
  });

  it('Referer works as origin; missing or foreign origin → 403 INVALID_ORIGIN', async () => {
    expect(
      (
        await post(
          '/api/auth/sign-in/email',
          { email: admin.email, password: admin.password },
          { referer: `${emu.langwatchUrl}/auth/signin` },
        )
      ).status,
    ).toBe(200);
    const none = await post('/api/auth/sign-in/email', { email: admin.email, password: admin.password });
    expect(none.status).toBe(403);
    expect(none.body).toEqual({ message: 'Invalid origin', code: 'INVALID_ORIGIN' });
    expect(
      (
        await post(
          '/api/auth/sign-in/email',
          { email: admin.email, password: admin.password },
          { origin: 'http://evil.test' },
        )
      ).status,
    ).toBe(403);
  });

  it('401 INVALID_EMAIL_OR_PASSWORD, 400 INVALID_EMAIL, 400 EMAIL_PASSWORD_DISABLED', async () => {
    const o = { origin: emu.langwatchUrl };
    const bad = await post('/api/auth/sign-in/email', { email: admin.email, password: 'wrong' }, o);
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('INVALID_EMAIL_OR_PASSWORD');
    const inv = await post('/api/auth/sign-in/email', { email: 'not-an-email', password: 'x' }, o);
    expect(inv.status).toBe(400);
    expect(inv.body.code).toBe('INVALID_EMAIL');
    emu.control.setEmailPasswordEnabled(false);
    const dis = await post('/api/auth/sign-in/email', { email: admin.email, password: admin.password }, o);
    expect(dis.status).toBe(400);
    expect(dis.body.code).toBe('EMAIL_PASSWORD_DISABLED');
    expect((await trpcClient(emu.langwatchUrl).publicEnv.query({})).NEXTAUTH_PROVIDER).not.toBe('email');
  });

  it('429 with X-Retry-After after 30 sign-ins per window; configurable; resettable', async () => {
    for (let i = 0; i < 30; i++)
      await post('/api/auth/sign-in/email', { email: admin.email, password: 'wrong' }, { origin: emu.langwatchUrl });
    const r = await post(
      '/api/auth/sign-in/email',
      { email: admin.email, password: admin.password },
      { origin: emu.langwatchUrl },
    );
    expect(r.status).toBe(429);
    expect(Number(r.headers['x-retry-after'])).toBeGreaterThan(0);
    emu.control.resetRateLimits();
    emu.control.setSignInLimit(1);
    expect(
      (
        await post(
          '/api/auth/sign-in/email',
          { email: admin.email, password: admin.password },
          { origin: emu.langwatchUrl },
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await post(
          '/api/auth/sign-in/email',
          { email: admin.email, password: admin.password },
          { origin: emu.langwatchUrl },
        )
      ).status,
    ).toBe(429);
  });
});

describe('cookie rules and sessions', () => {
  it('only the full signed cookie value works; the bare token and a forged signature fail', async () => {
    const r = await post(
      '/api/auth/sign-in/email',
      { email: admin.email, password: admin.password },
      { origin: emu.langwatchUrl },
    );
    const cookie = String(r.headers['set-cookie']).split(';')[0]!;
    const ok = await rawTrpc(emu.langwatchUrl, 'ingestionSources.list', { organizationId: 'org_acme' }, { cookie });
    expect(ok.status).toBe(200);
    const bare = await rawTrpc(
      emu.langwatchUrl,
      'ingestionSources.list',
      { organizationId: 'org_acme' },
      { cookie: `better-auth.session_token=${r.body.token}` },
    );
    expect(bare.status).toBe(401);
    const forged = await rawTrpc(
      emu.langwatchUrl,
      'ingestionSources.list',
      { organizationId: 'org_acme' },
      { cookie: `better-auth.session_token=${encodeURIComponent(`${r.body.token}.AAAA`)}` },
    );
    expect(forged.status).toBe(401);
    const secure = await rawTrpc(
      emu.langwatchUrl,
      'ingestionSources.list',
      { organizationId: 'org_acme' },
      { cookie: `__Secure-${cookie}` },
    );
    expect(secure.status).toBe(200);
  });

  it('get-session: null without a session, the session with one; expireSessions → 401', async () => {
    const none = await request(`${emu.langwatchUrl}/api/auth/get-session`);
    expect(await none.body.json()).toBeNull();
    const cookie = await signIn(emu.langwatchUrl);
    const s = await request(`${emu.langwatchUrl}/api/auth/get-session`, { headers: { cookie } });
    const body = (await s.body.json()) as { session: { userId: string; expiresAt: string }; user: { email: string } };
    expect(body.session.userId).toBe('user_admin');
    expect(body.user.email).toBe(admin.email);
    expect(JSON.stringify(body)).not.toContain(cookie.split('=')[1]!.split('.')[0]!);
    emu.control.expireSessions();
    expect((await rawTrpc(emu.langwatchUrl, 'organization.getAll', {}, { cookie })).status).toBe(401);
  });

  it('get-session refreshes the cookie of a day-old session', async () => {
    let t = Date.UTC(2026, 10, 1);
    const e2 = await startEmulator({ pullerSchedule: false, now: () => t });
    try {
      const cookie = await signIn(e2.langwatchUrl);
      const fresh = await request(`${e2.langwatchUrl}/api/auth/get-session`, { headers: { cookie } });
      await fresh.body.dump();
      expect(fresh.headers['set-cookie']).toBeUndefined();
      t += 2 * 24 * 3_600_000;
      const old = await request(`${e2.langwatchUrl}/api/auth/get-session`, { headers: { cookie } });
      await old.body.dump();
      expect(String(old.headers['set-cookie'])).toContain('better-auth.session_token=');
      t += 29 * 24 * 3_600_000; // still valid: it was extended
      expect((await rawTrpc(e2.langwatchUrl, 'organization.getAll', {}, { cookie })).status).toBe(200);
    } finally {
      await e2.close();
    }
  });

  it('logout (no Origin gate) and sign-out (Origin required) end the session', async () => {
    const c1 = await signIn(emu.langwatchUrl);
    const out = await post('/api/auth/logout', {}, { cookie: c1 });
    expect(out).toMatchObject({ status: 200, body: { success: true } });
    expect((await rawTrpc(emu.langwatchUrl, 'organization.getAll', {}, { cookie: c1 })).status).toBe(401);
    const c2 = await signIn(emu.langwatchUrl);
    expect((await post('/api/auth/sign-out', {}, { cookie: c2 })).status).toBe(403);
    expect((await post('/api/auth/sign-out', {}, { cookie: c2, origin: emu.langwatchUrl })).status).toBe(200);
    expect((await rawTrpc(emu.langwatchUrl, 'organization.getAll', {}, { cookie: c2 })).status).toBe(401);
  });

  it('the sign-in page is HTML with a form; a form post redirects to the callback with the cookie', async () => {
    const page = await request(`${emu.langwatchUrl}/auth/signin?callbackUrl=%2Fcli%2Fauth`);
    expect(page.headers['content-type']).toContain('text/html');
    const html = await page.body.text();
    expect(html).toContain('<form');
    expect(html).toContain('/api/auth/sign-in/email');
    const form = await request(`${emu.langwatchUrl}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: emu.langwatchUrl },
      body: new URLSearchParams({ email: admin.email, password: admin.password, callbackURL: '/cli/auth' }).toString(),
    });
    await form.body.dump();
    expect(form.statusCode).toBe(302);
    expect(form.headers.location).toBe('/cli/auth');
    expect(String(form.headers['set-cookie'])).toContain('better-auth.session_token=');
  });
});
