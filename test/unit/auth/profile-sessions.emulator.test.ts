import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { SEED } from '../../../emulator/seed';
import { createAuth, type Auth } from '../../../src-main/services/auth/auth-state';
import { guardReadOnly } from '../../../src-main/ipc/read-only-guard';
import type { HandlerTable } from '../../../src-main/ipc/handler-types';
import { createMemoryLogger } from '../../../src-main/services/logging/logger';
import { createProfiles } from '../../../src-main/services/profiles/profiles';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import type { SecretStore } from '../../../src-main/services/secrets/secret-store';
import { createSessionManager, type SessionManager } from '../../../src-main/services/session/session-manager';
import type { AuthState } from '../../../src-shared/domain/auth';

/** Sessions to several deployments at once: each profile keeps its own and says whose it is. */
describe('a session per deployment profile', () => {
  let a: RunningEmulator;
  let b: RunningEmulator;
  let dir: string;
  let secrets: SecretStore;
  const log = createMemoryLogger();
  const open: Auth[] = [];

  async function boot(): Promise<{
    auth: Auth;
    sessions: SessionManager;
    profiles: ReturnType<typeof createProfiles>;
  }> {
    const profiles = createProfiles({ file: join(dir, 'profiles.json'), log });
    const sessions = createSessionManager({ profiles, secrets, log });
    const auth = await createAuth({
      userDataDir: dir,
      profiles,
      sessions,
      log,
      defaultProfile: { name: 'Alpha', baseUrl: a.langwatchUrl, anthropicBaseUrl: a.anthropicUrl },
    });
    open.push(auth);
    return { auth, sessions, profiles };
  }

  const who = (state: AuthState) =>
    state.profileSessions.map(({ session: s }) =>
      s.kind === 'signed_in'
        ? `${s.kind}:${s.method}:${s.user.id}`
        : s.kind === 'device'
          ? `device:${s.user.id}`
          : s.kind,
    );

  beforeEach(async () => {
    a = await startEmulator({ pullerSchedule: false });
    b = await startEmulator({ pullerSchedule: false });
    dir = mkdtempSync(join(tmpdir(), 'lw-multi-'));
    secrets = createMemorySecretStore();
  });

  afterEach(async () => {
    for (const c of open.splice(0)) await c.close();
    await Promise.all([a.close(), b.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('signing in to a second deployment keeps the first, and the state says who is where and how', async () => {
    const { auth, sessions, profiles } = await boot();
    await auth.refresh();
    const alpha = auth.state().activeProfileId!;
    await sessions.signInWithEmail(alpha, SEED.users.admin);
    const beta = (await profiles.add({ name: 'Beta', baseUrl: b.langwatchUrl })).id;
    await auth.selectProfile(beta);
    expect(who(auth.state())).toEqual(['signed_in:email:user_admin', 'signed_out']);
    await sessions.signInWithEmail(beta, SEED.users.member);
    await expect.poll(() => who(auth.state())).toEqual(['signed_in:email:user_admin', 'signed_in:email:user_member']);
    expect((await sessions.getState(alpha)).kind).toBe('signed_in');
    // Back on the first: its session is still there, the second's too.
    const back = await auth.selectProfile(alpha);
    expect(back.session).toMatchObject({ kind: 'signed_in', user: { id: 'user_admin' } });
    expect(who(back)).toEqual(['signed_in:email:user_admin', 'signed_in:email:user_member']);
  });

  it('a restart shows every profile’s session from the keychain, and one signing out leaves the other', async () => {
    const first = await boot();
    await first.auth.refresh();
    const alpha = first.auth.state().activeProfileId!;
    await first.sessions.signInWithEmail(alpha, SEED.users.admin);
    const beta = (await first.profiles.add({ name: 'Beta', baseUrl: b.langwatchUrl })).id;
    await first.sessions.signInWithEmail(beta, SEED.users.member);
    await first.auth.close();
    const second = await boot();
    await second.auth.refresh();
    await expect
      .poll(() => who(second.auth.state()))
      .toEqual(['signed_in:restored:user_admin', 'signed_in:restored:user_member']);
    await second.sessions.signOut(beta);
    await expect.poll(() => who(second.auth.state())).toEqual(['signed_in:restored:user_admin', 'signed_out']);
  });
});

describe('read-only guard and other profiles', () => {
  const ran: string[] = [];
  const table = {
    'auth.signInWithEmail': async (input: { profileId: string }) => void ran.push(input.profileId),
  } as unknown as HandlerTable;
  const device = {
    kind: 'device',
    user: { id: 'u', email: null, name: null },
    organization: { id: 'o', name: 'O', slug: 'o' },
    expiresAt: null,
  } as const;
  const guardState = (other: AuthState['profileSessions'][number]['session'] | null) => ({
    readOnly: true,
    activeProfileId: 'p1',
    profileSessions: [{ profileId: 'p1', session: device }, ...(other ? [{ profileId: 'p2', session: other }] : [])],
  });
  const signIn = (state: ReturnType<typeof guardState>) =>
    (guardReadOnly(table, () => state)['auth.signInWithEmail'] as (i: unknown, c: unknown) => Promise<unknown>)(
      { profileId: 'p2', email: 'x@y.z', password: 'pw' },
      {},
    );

  it('a read-only session may sign in where nobody is, never over a held or unknown session', async () => {
    await expect(signIn(guardState({ kind: 'signed_out' }))).resolves.toBeUndefined();
    expect(ran).toEqual(['p2']);
    await expect(signIn(guardState(device))).rejects.toMatchObject({ code: 'auth.read_only' });
    await expect(signIn(guardState(null))).rejects.toMatchObject({ code: 'auth.read_only' });
    expect(ran).toEqual(['p2']);
  });
});
