import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import type { Profile } from '../../../src-shared/domain/langwatch';
import type { HttpRequest, HttpResponse, LangwatchHttp } from '../../../src-main/services/langwatch/http';
import { createMemoryLogger } from '../../../src-main/services/logging/logger';
import { createMemorySecretStore, type MemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import { createSessionManager } from '../../../src-main/services/session';
import { createFakeClock } from '../../support/fake-clock';

const BASE = 'https://lw.example.com';
const PROFILE: Profile = {
  id: 'p1',
  name: 'LW',
  baseUrl: BASE,
  anthropicBaseUrl: 'https://api.anthropic.com',
  createdAt: '2026-11-28T00:00:00.000Z',
};
const ADA = { id: 'u_ada', email: 'ada@acme.test', name: 'Ada' };
const BOB = { id: 'u_bob', email: 'bob@acme.test', name: 'Bob' };
const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers,
  text: JSON.stringify(body),
});

function manager(secrets: MemorySecretStore, handler: (req: HttpRequest) => HttpResponse) {
  const http: LangwatchHttp = { baseUrl: BASE, origin: BASE, request: async (req) => handler(req) };
  return createSessionManager({
    profiles: { get: async () => PROFILE, remove: async () => undefined },
    secrets,
    clock: createFakeClock(),
    log: createMemoryLogger(),
    httpFactory: () => http,
  });
}
const signedInAs = (user: typeof ADA) => (req: HttpRequest) =>
  req.path === '/api/auth/sign-in/email'
    ? json(
        200,
        { redirect: false, token: 't', user },
        { 'set-cookie': `__Secure-better-auth.session_token=${user.id}.sig; Path=/; HttpOnly; Secure` },
      )
    : json(200, { session: { expiresAt: null }, user });
const offline = () => {
  throw new AppError('network.offline', 'offline', { cause: 'ECONNREFUSED' });
};

describe('whose session it is (staged keys are bound to a person)', () => {
  it('an offline start still knows the person of the stored cookie; sign-out forgets both', async () => {
    const secrets = createMemorySecretStore();
    const first = manager(secrets, signedInAs(ADA));
    await first.signInWithEmail('p1', { email: ADA.email, password: 'pw-123456' });
    first.dispose();
    const restarted = manager(secrets, offline);
    expect(await restarted.localState('p1')).toMatchObject({ kind: 'signed_in', user: ADA });
    expect(await restarted.getState('p1')).toMatchObject({ kind: 'signed_in', user: ADA });
    expect(await restarted.confirmedUser('p1')).toEqual(ADA);
    await restarted.signOut('p1');
    expect(await secrets.listAccounts()).toEqual([]);
    restarted.dispose();
  });

  it('an unknown person (cookie from an older console, restored offline) is confirmed with the server before anyone relies on it', async () => {
    const secrets = createMemorySecretStore();
    await secrets.set('session:p1', '__Secure-better-auth.session_token=old.sig');
    let online = false;
    const m = manager(secrets, (req) => (online ? signedInAs(BOB)(req) : offline()));
    expect(await m.getState('p1')).toMatchObject({ kind: 'signed_in', user: { id: '' } });
    await expect(m.confirmedUser('p1')).rejects.toMatchObject({ code: 'network.offline' });
    online = true;
    expect(await m.confirmedUser('p1')).toEqual(BOB);
    expect(await m.getState('p1')).toMatchObject({ kind: 'signed_in', user: BOB });
    m.dispose();
  });

  it("waiting for one person: another person's sign-in does not end the wait, theirs does", async () => {
    const secrets = createMemorySecretStore();
    let who = BOB;
    const m = manager(secrets, (req) => signedInAs(who)(req));
    let resolved = false;
    const waiting = m.waitForSession('p1', undefined, { userId: ADA.id }).then(() => (resolved = true));
    await m.signInWithEmail('p1', { email: BOB.email, password: 'pw-123456' });
    await new Promise((r) => setTimeout(r, 5));
    expect(resolved).toBe(false);
    who = ADA;
    await m.signInWithEmail('p1', { email: ADA.email, password: 'pw-123456' });
    await waiting;
    expect(resolved).toBe(true);
    m.dispose();
  });
});
