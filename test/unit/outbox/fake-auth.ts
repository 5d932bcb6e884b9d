import type { RunningEmulator } from '../../../emulator/index';
import { SEED } from '../../../emulator/index';
import type { AuthService, SessionOwners } from '../../../src-main/services/auth/types';
import { createLangwatchApi, type LangwatchApi } from '../../../src-main/services/langwatch/api';
import { signInWithEmail } from '../../../src-main/services/langwatch/auth';
import type { AuthState } from '../../../src-shared/domain/auth';

/** A AuthService stand-in bound to the real emulator API, with a switchable cookie. */
export interface FakeAuth extends Pick<AuthService, 'apiFor' | 'waitForSession' | 'state'>, SessionOwners {
  /** Signs in as a seeded user (default the admin). */
  signIn(who?: SeedUser): Promise<void>;
  /** The seeded user of the session now. */
  user: SeedUser | null;
  signOut(): void;
  cookie: string | null;
  setState(patch: Partial<AuthState>): void;
}

type SeedUser = keyof typeof SEED.users;

export async function fakeAuth(emu: RunningEmulator, options: { signedIn?: boolean } = {}): Promise<FakeAuth> {
  const waiters = new Set<() => void>();
  let patch: Partial<AuthState> = {};
  let api: LangwatchApi | null = null;
  const userOf = () =>
    conn.cookie && conn.user
      ? { id: SEED.users[conn.user].id, email: SEED.users[conn.user].email, name: SEED.users[conn.user].name }
      : null;
  const conn: FakeAuth = {
    cookie: null,
    user: null,
    async signIn(who = 'admin') {
      const user = SEED.users[who];
      conn.cookie = (
        await signInWithEmail({ baseUrl: emu.langwatchUrl, email: user.email, password: user.password })
      ).cookie;
      conn.user = who;
      for (const w of [...waiters]) w();
    },
    signOut() {
      conn.cookie = null;
      conn.user = null;
    },
    sessionUser: async () => userOf(),
    setState(p) {
      patch = { ...patch, ...p };
    },
    state: () => ({
      profiles: [
        {
          id: 'p1',
          name: 'Emulator',
          baseUrl: emu.langwatchUrl,
          anthropicBaseUrl: emu.anthropicUrl,
          createdAt: new Date(0).toISOString(),
        },
      ],
      activeProfileId: 'p1',
      session: userOf() ? { kind: 'signed_in', method: 'email', user: userOf()! } : { kind: 'signed_out' },
      organizations: [
        { id: SEED.orgs.enterprise.id, name: 'Acme Corp', slug: 'acme', teams: [], role: 'ADMIN' },
        { id: SEED.orgs.free.id, name: 'Small Co', slug: 'small-co', teams: [], role: 'ADMIN' },
      ],
      activeOrganizationId: SEED.orgs.enterprise.id,
      permissions: { canView: true, canManage: true, canViewHealth: true, raw: [] },
      health: 'unknown',
      readOnly: false,
      profileSessions: [],
      ...patch,
    }),
    async apiFor() {
      api ??= createLangwatchApi({
        baseUrl: emu.langwatchUrl,
        getCookie: async () => conn.cookie,
        onUnauthorized: () => {
          conn.cookie = null;
        },
        http: { timeoutMs: 5000 },
      });
      return api;
    },
    waitForSession(_profileId, signal, userId) {
      const ok = () => userOf() !== null && (userId === undefined || userOf()!.id === userId);
      if (ok()) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const done = () => {
          if (!ok()) return;
          waiters.delete(done);
          resolve();
        };
        waiters.add(done);
        signal?.addEventListener('abort', () => {
          waiters.delete(done);
          reject(new Error('aborted'));
        });
      });
    },
  };
  if (options.signedIn !== false) await conn.signIn();
  return conn;
}
