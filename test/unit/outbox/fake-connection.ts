import type { RunningEmulator } from '../../../emulator/index';
import { SEED } from '../../../emulator/index';
import type { ConnectionService } from '../../../src-main/services/connection/types';
import { createLangwatchApi, type LangwatchApi } from '../../../src-main/services/langwatch/api';
import { signInWithEmail } from '../../../src-main/services/langwatch/auth';
import type { ConnectionState } from '../../../src-shared/domain/connection';

/** A ConnectionService stand-in bound to the real emulator API, with a switchable cookie. */
export interface FakeConnection extends Pick<ConnectionService, 'apiFor' | 'waitForSession' | 'state'> {
  signIn(): Promise<void>;
  signOut(): void;
  cookie: string | null;
  setState(patch: Partial<ConnectionState>): void;
}

export async function fakeConnection(emu: RunningEmulator, options: { signedIn?: boolean } = {}): Promise<FakeConnection> {
  const waiters = new Set<() => void>();
  let patch: Partial<ConnectionState> = {};
  let api: LangwatchApi | null = null;
  const conn: FakeConnection = {
    cookie: null,
    async signIn() {
      const { admin } = SEED.users;
      conn.cookie = (await signInWithEmail({ baseUrl: emu.langwatchUrl, email: admin.email, password: admin.password })).cookie;
      for (const w of [...waiters]) w();
    },
    signOut() {
      conn.cookie = null;
    },
    setState(p) {
      patch = { ...patch, ...p };
    },
    state: () => ({
      profiles: [{ id: 'p1', name: 'Emulator', baseUrl: emu.langwatchUrl, anthropicBaseUrl: emu.anthropicUrl, createdAt: new Date(0).toISOString() }],
      activeProfileId: 'p1',
      session: conn.cookie ? { kind: 'signed_in', method: 'email', user: { id: 'user_admin', email: 'admin@acme.test', name: 'Ada' } } : { kind: 'signed_out' },
      organizations: [
        { id: SEED.orgs.enterprise.id, name: 'Acme Corp', slug: 'acme', teams: [], role: 'ADMIN' },
        { id: SEED.orgs.free.id, name: 'Small Co', slug: 'small-co', teams: [], role: 'ADMIN' },
      ],
      activeOrganizationId: SEED.orgs.enterprise.id,
      permissions: { canView: true, canManage: true, canViewHealth: true, raw: [] },
      health: 'unknown',
      readOnly: false,
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
    waitForSession(_profileId, signal) {
      if (conn.cookie) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const done = () => {
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
