import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import type { Profile } from '../../../src-shared/domain/langwatch';
import type { HttpRequest, HttpResponse, LangwatchHttp } from '../../../src-main/services/langwatch/http';
import { createMemoryLogger } from '../../../src-main/services/logging/logger';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import { createSessionManager, type SessionChange } from '../../../src-main/services/session';
import { createFakeClock } from '../../support/fake-clock';

const BASE = 'https://lw.example.com';
const PROFILE: Profile = {
  id: 'p1',
  name: 'LW',
  baseUrl: BASE,
  anthropicBaseUrl: 'https://api.anthropic.com',
  createdAt: '2026-11-28T00:00:00.000Z',
};
const USER = { id: 'u1', email: 'a@b.c', name: 'A' };
const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers,
  text: JSON.stringify(body),
});
const offline = () => new AppError('network.offline', 'offline', { cause: 'ECONNREFUSED' });

function setup(handler: (req: HttpRequest) => Promise<HttpResponse> | HttpResponse) {
  const clock = createFakeClock();
  const secrets = createMemorySecretStore();
  const log = createMemoryLogger();
  const http: LangwatchHttp = { baseUrl: BASE, origin: BASE, request: async (req) => handler(req) };
  const manager = createSessionManager({
    profiles: { get: async () => PROFILE, remove: async () => undefined },
    secrets,
    clock,
    log,
    httpFactory: () => http,
  });
  const changes: SessionChange[] = [];
  manager.onChange((c) => changes.push(c));
  return { clock, secrets, log, manager, changes };
}

const signInAnswer = (value: string) =>
  json(
    200,
    { redirect: false, token: 't', user: USER },
    { 'set-cookie': `__Secure-better-auth.session_token=${value}; Path=/; HttpOnly; Secure` },
  );

describe('session manager (fake http, fake clock)', () => {
  it('a late 401 for a replaced cookie does not expire the new session', async () => {
    let release: (r: HttpResponse) => void = () => undefined;
    let signIns = 0;
    const { manager } = setup((req) => {
      if (req.path === '/api/auth/sign-in/email') return signInAnswer(`cookie${++signIns}.sig`);
      return new Promise<HttpResponse>((resolve) => {
        release = resolve;
      });
    });
    await manager.signInWithEmail('p1', { email: 'a@b.c', password: 'pw-123456' });
    const api = await manager.api('p1');
    const call = api.listSources('org').catch((e: AppError) => e.code);
    await new Promise((r) => setTimeout(r, 5));
    await manager.signInWithEmail('p1', { email: 'a@b.c', password: 'pw-123456' });
    release(
      json(401, {
        error: {
          json: {
            message: 'UNAUTHORIZED',
            code: -32001,
            data: { code: 'UNAUTHORIZED', httpStatus: 401, path: 'ingestionSources.list' },
          },
        },
      }),
    );
    expect(await call).toBe('auth.session_expired');
    expect((await manager.getState('p1')).kind).toBe('signed_in');
    expect(await manager.getCookie('p1')).toBe('__Secure-better-auth.session_token=cookie2.sig');
  });

  it('a 401 on the current cookie expires it at once (sync), and markExpired emits no secret', async () => {
    const { manager, changes, secrets } = setup((req) =>
      req.path === '/api/auth/sign-in/email'
        ? signInAnswer('abc.def')
        : json(401, {
            error: {
              json: {
                message: 'UNAUTHORIZED',
                code: -32001,
                data: { code: 'UNAUTHORIZED', httpStatus: 401, path: 'x' },
              },
            },
          }),
    );
    await manager.signInWithEmail('p1', { email: 'a@b.c', password: 'pw-123456' });
    await expect((await manager.api('p1')).listSources('org')).rejects.toMatchObject({ code: 'auth.session_expired' });
    expect((await manager.getState('p1')).kind).toBe('expired');
    await new Promise((r) => setTimeout(r, 0));
    expect(await secrets.get('session:p1')).toBeNull();
    expect(JSON.stringify(changes)).not.toContain('abc.def');
    await manager.markExpired('p1'); // already expired: no second event
    expect(changes.map((c) => c.state.kind)).toEqual(['signed_in', 'expired']);
  });

  it('restores offline as a signed-in session of unknown user; waitForSession can be cancelled', async () => {
    const { manager, secrets } = setup(() => {
      throw offline();
    });
    await secrets.set('session:p1', 'better-auth.session_token=x.y');
    expect(await manager.getState('p1')).toEqual({
      kind: 'signed_in',
      method: 'restored',
      user: { id: '', email: null, name: null },
    });
    await manager.markExpired('p1');
    const controller = new AbortController();
    const waiting = manager.waitForSession('p1', controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('refreshes a restored device session ahead of expiry, retrying after a network failure', async () => {
    let refreshCalls = 0;
    const { manager, secrets, clock, log } = setup((req) => {
      if (req.path === '/api/auth/cli/refresh') {
        refreshCalls++;
        if (refreshCalls === 1) throw offline();
        return json(200, {
          access_token: 'lw_at_newnewnew',
          refresh_token: 'lw_rt_newnewnew',
          expires_in: 3600,
          token_type: 'Bearer',
        });
      }
      return json(404, {});
    });
    const creds = {
      accessToken: 'lw_at_oldoldold',
      refreshToken: 'lw_rt_oldoldold',
      accessExpiresAt: clock.now() + 600_000,
      refreshExpiresAt: clock.now() + 86_400_000,
      user: USER,
      organization: { id: 'org', name: 'Org', slug: 'org' },
    };
    await secrets.set('device:p1', JSON.stringify(creds));
    expect((await manager.getState('p1')).kind).toBe('device');
    expect(await manager.getAccessToken('p1')).toBe('lw_at_oldoldold');
    await clock.advance(600_000 - 60_000);
    await new Promise((r) => setTimeout(r, 5));
    expect(refreshCalls).toBe(1);
    expect((await manager.getState('p1')).kind).toBe('device');
    await clock.advance(30_000);
    await new Promise((r) => setTimeout(r, 5));
    expect(refreshCalls).toBe(2);
    const stored = JSON.parse((await secrets.get('device:p1'))!);
    expect(stored).toMatchObject({ accessToken: 'lw_at_newnewnew', refreshToken: 'lw_rt_newnewnew', user: USER });
    expect(stored.accessExpiresAt).toBe(clock.now() + 3_600_000);
    expect(await manager.getAccessToken('p1')).toBe('lw_at_newnewnew');
    for (const secret of ['lw_at_oldoldold', 'lw_rt_oldoldold', 'lw_at_newnewnew', 'lw_rt_newnewnew'])
      expect(log.text()).not.toContain(secret);
    manager.dispose();
  });

  it('a cookie sign-in replaces a device session (revoked server-side)', async () => {
    const paths: string[] = [];
    const { manager, secrets, clock } = setup((req) => {
      paths.push(req.path);
      return req.path === '/api/auth/sign-in/email' ? signInAnswer('c.s') : json(200, { success: true });
    });
    await secrets.set(
      'device:p1',
      JSON.stringify({
        accessToken: 'lw_at_a',
        refreshToken: 'lw_rt_b',
        accessExpiresAt: clock.now() + 3_600_000,
        refreshExpiresAt: null,
        user: USER,
        organization: { id: 'o', name: 'O', slug: 'o' },
      }),
    );
    await manager.signInWithEmail('p1', { email: 'a@b.c', password: 'pw-123456' });
    expect(paths).toContain('/api/auth/cli/logout');
    expect((await secrets.listAccounts()).sort()).toEqual(['session-user:p1', 'session:p1']);
    manager.dispose();
  });
});
