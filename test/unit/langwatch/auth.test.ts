import { afterEach, describe, expect, it } from 'vitest';
import { getSession, signInWithEmail, signOut } from '../../../src-main/services/langwatch/auth';
import { sendJson, startLocalServer, type LocalServer } from '../../support/local-server';
import { caught } from '../../support/caught';

const PASSWORD = 'correct horse battery staple 9!';

describe('email sign-in (local server)', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('returns the cookie pair verbatim and sends the deployment Origin', async () => {
    server = await startLocalServer((req, res) =>
      sendJson(
        res,
        200,
        { redirect: false, token: 'tok', user: { id: 'u1', name: 'Ada', email: 'ada@acme.test' } },
        {
          'set-cookie': 'better-auth.session_token=tok.sig%2Bx; Max-Age=2592000; Path=/; HttpOnly; SameSite=Lax',
        },
      ),
    );
    const result = await signInWithEmail({ baseUrl: server.url, email: 'ada@acme.test', password: PASSWORD });
    expect(result).toEqual({
      cookie: 'better-auth.session_token=tok.sig%2Bx',
      user: { id: 'u1', name: 'Ada', email: 'ada@acme.test' },
    });
    expect(server.requests[0]!.headers.origin).toBe(server.url);
  });

  const cases: Array<[number, unknown, Record<string, string>, string]> = [
    [401, { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' }, {}, 'auth.invalid_credentials'],
    [400, { code: 'EMAIL_PASSWORD_DISABLED', message: 'disabled' }, {}, 'auth.password_disabled'],
    [429, { message: 'Too many requests' }, { 'x-retry-after': '42' }, 'auth.rate_limited'],
    [403, { code: 'INVALID_ORIGIN', message: 'Invalid origin' }, {}, 'auth.invalid_origin'],
    [500, {}, {}, 'langwatch.server_error'],
    [404, {}, {}, 'network.unexpected_answer'],
  ];
  it.each(cases)('maps HTTP %i', async (status, body, headers, code) => {
    server = await startLocalServer((req, res) => sendJson(res, status, body, headers));
    const error = await caught(signInWithEmail({ baseUrl: server.url, email: 'ada@acme.test', password: PASSWORD }));
    expect(error.code).toBe(code);
    if (status === 429) expect(error.details?.retryAfterSec).toBe(42);
    if (status === 400) expect(error.message).toMatch(/Sign in with browser/);
    expect(JSON.stringify(error.toData())).not.toContain(PASSWORD);
    expect(error.stack ?? '').not.toContain(PASSWORD);
  });

  it('checks and revokes a session', async () => {
    server = await startLocalServer((req, res) => {
      if (req.url === '/api/auth/get-session') {
        if (req.headers.cookie === 'better-auth.session_token=good') {
          sendJson(res, 200, {
            session: { id: 's', userId: 'u1', expiresAt: '2026-12-28T00:00:00.000Z' },
            user: { id: 'u1', email: 'a@b.c', name: null },
          });
        } else sendJson(res, 200, null);
      } else sendJson(res, 200, { success: true });
    });
    const info = await getSession({ baseUrl: server.url, cookie: 'better-auth.session_token=good' });
    expect(info).toEqual({
      user: { id: 'u1', email: 'a@b.c', name: null },
      expiresAt: '2026-12-28T00:00:00.000Z',
      refreshedCookie: null,
    });
    expect(await getSession({ baseUrl: server.url, cookie: 'better-auth.session_token=bad' })).toBeNull();
    await signOut({ baseUrl: server.url, cookie: 'better-auth.session_token=good' });
    const last = server.requests.at(-1)!;
    expect([last.method, last.url, last.headers.cookie]).toEqual([
      'POST',
      '/api/auth/logout',
      'better-auth.session_token=good',
    ]);
  });
});
