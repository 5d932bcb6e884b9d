/** A keeper over an in-memory keychain, a fake clock and an auth state the test switches. */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthState } from '../../../src-shared/domain/auth';
import type { Source } from '../../../src-shared/domain/langwatch';
import type { ActiveAuth } from '../../../src-main/services/auth/types';
import { createIngestSecrets, type IngestSecrets } from '../../../src-main/services/ingest-secrets/ingest-secrets';
import type { LangwatchApi } from '../../../src-main/services/langwatch/api';
import { createMemoryLogger, type MemoryLogger } from '../../../src-main/services/logging/test-loggers';
import { createMemorySecretStore, type MemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import { createFakeClock, type FakeClock } from '../../support/fake-clock';

export const DEPLOYMENT = 'https://lw.example.test';
export const ORG = 'org_acme';
export const SECRET = 'lw_is_Q7pX2mV9kR4tL8wZ3nB6cF1hJ5sD0gAe';

/** A source as LangWatch answers it. */
export function source(id: string, sourceType = 'otel_generic'): Source {
  const at = new Date(Date.UTC(2026, 10, 1)).toISOString();
  return {
    id,
    organizationId: ORG,
    teamId: null,
    sourceType,
    name: `Source ${id}`,
    description: null,
    status: 'awaiting_first_event',
    parserConfig: {},
    pullSchedule: null,
    lastEventAt: null,
    archivedAt: null,
    createdAt: at,
    updatedAt: at,
    createdById: 'u_admin',
  } as Source;
}

/** A signed-in auth state (person `userId` on profile `p1` at DEPLOYMENT). */
export function authAs(userId: string | null, patch: Partial<AuthState> = {}): AuthState {
  return {
    profiles: [
      {
        id: 'p1',
        name: 'LW',
        baseUrl: DEPLOYMENT,
        anthropicBaseUrl: 'https://api.anthropic.com',
        createdAt: new Date(0).toISOString(),
      },
    ],
    activeProfileId: 'p1',
    session:
      userId === null
        ? { kind: 'signed_out' }
        : { kind: 'signed_in', method: 'email', user: { id: userId, email: `${userId}@x.test`, name: userId } },
    organizations: [],
    activeOrganizationId: ORG,
    permissions: { canView: true, canManage: true, canViewHealth: true, raw: [] },
    health: 'unknown',
    readOnly: false,
    ...patch,
  } as AuthState;
}

export interface Rig {
  keeper: IngestSecrets;
  secrets: MemorySecretStore;
  clock: FakeClock;
  log: MemoryLogger;
  dir: string;
  /** The auth state the keeper sees; replace it to switch person or session. */
  auth: { state: AuthState; answers: boolean; api: Partial<LangwatchApi> };
  changes: number;
  recordsText(): string;
}

/** Opens a keeper (a second call with `from` reopens the same folder and keychain: a restart). */
export function rig(from?: Pick<Rig, 'dir' | 'secrets' | 'clock'>): Rig {
  const dir = from?.dir ?? mkdtempSync(join(tmpdir(), 'lw-ingest-'));
  const secrets = from?.secrets ?? createMemorySecretStore();
  const clock = from?.clock ?? createFakeClock();
  const log = createMemoryLogger({ clock });
  const auth: Rig['auth'] = { state: authAs('u_admin'), answers: true, api: {} };
  const r: Rig = {
    dir,
    secrets,
    clock,
    log,
    auth,
    changes: 0,
    keeper: createIngestSecrets({
      userDataDir: dir,
      secrets,
      clock,
      log,
      keychainAnswers: async () => auth.answers,
      onChange: () => void r.changes++,
      auth: {
        state: () => auth.state,
        requireActive: () =>
          ({
            profile: auth.state.profiles[0],
            organizationId: ORG,
            permissions: auth.state.permissions,
            api: auth.api as LangwatchApi,
            readOnly: auth.state.readOnly,
          }) as unknown as ActiveAuth,
      },
    }),
    recordsText: () =>
      existsSync(join(dir, 'ingest-secrets.json')) ? readFileSync(join(dir, 'ingest-secrets.json'), 'utf8') : '',
  };
  return r;
}

/** The owner of the default auth state. */
export const ADMIN = { profileId: 'p1', deploymentUrl: DEPLOYMENT, userId: 'u_admin' };
