import { join } from 'node:path';
import { z } from 'zod';
import type { AuthState } from '../../../src-shared/domain/auth';
import type { Organization, Permissions, Profile, SessionState } from '../../../src-shared/domain/langwatch';
import { AppError, isAppError } from '../../../src-shared/errors';
import type { EventBus } from '../events/event-bus';
import type { LangwatchApi } from '../langwatch/api';
import type { CliRest } from '../langwatch/cli-rest';
import { sourcesReaderFor } from '../langwatch/sources-reader';
import { probeHealth } from './health-probe';
import { systemClock, type Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { Profiles } from '../profiles/profiles';
import type { SessionManager } from '../session/session-manager';
import { createJsonFile } from '../storage/json-file';
import type { ActiveAuth, AuthService, SessionOwners } from './types';

const ActiveProfileFile = z.object({ version: z.literal(1), activeProfileId: z.string().nullable() });

/** Device sessions read through the CLI REST: read-only, health where the token allows it. */
const DEVICE_PERMISSIONS: Permissions = {
  canView: true,
  canManage: false,
  canViewHealth: true,
  raw: ['ingestionSources:view'],
};

export interface AuthOptions {
  userDataDir: string;
  profiles: Profiles;
  sessions: SessionManager;
  log: Logger;
  /** The deployment a first run starts with (app.langwatch.ai; the emulator in demo/test). */
  defaultProfile: { name: string; baseUrl: string; anthropicBaseUrl: string };
  /** Schedules the reload after a network failure (a fake clock in tests). */
  clock?: Clock;
  /** Where every change is pushed (`auth.changed`): the renderer follows sign-in, expiry, org switch. */
  events?: Pick<EventBus, 'emit'>;
}

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 60_000;

/** The auth service plus the actions the sign-in screen needs. */
export interface Auth extends AuthService, SessionOwners {
  /** Reloads profiles, session, organisations and permissions of the active profile. */
  refresh(): Promise<AuthState>;
  selectProfile(profileId: string): Promise<AuthState>;
  selectOrganization(organizationId: string): Promise<AuthState>;
  /** The read-only CLI client of the active device session, or null. */
  activeCli(): CliRest | null;
}

/**
 * "Where is the console connected and as whom": keeps the active profile (persisted), its
 * session, organisations, the chosen organisation (remembered per profile) and what the
 * person may do there, and pushes every change. Holds no secret: sessions are the session
 * manager's (keychain), and the API objects read the cookie per call.
 */
export async function createAuth(options: AuthOptions): Promise<Auth> {
  const { profiles, sessions, log } = options;
  const file = createJsonFile({
    path: join(options.userDataDir, 'connection.json'),
    schema: ActiveProfileFile,
    defaults: () => ({ version: 1 as const, activeProfileId: null }),
    onCorrupt: 'reset',
    log,
  });
  const listeners = new Set<(state: AuthState) => void>();
  const events = options.events;
  if (events) listeners.add((changed) => events.emit('auth.changed', changed));
  let state: AuthState = {
    profiles: [],
    activeProfileId: null,
    session: { kind: 'signed_out' },
    organizations: [],
    activeOrganizationId: null,
    permissions: null,
    health: 'unknown',
    readOnly: false,
  };
  let active: { api: LangwatchApi | null; cli: CliRest | null } = { api: null, cli: null };
  // Serialises reloads so overlapping triggers (a sign-in during a refresh) settle in order.
  let chain: Promise<unknown> = Promise.resolve();
  const clock = options.clock ?? systemClock;
  let retryTimer: unknown = null;
  let retryDelayMs = RETRY_FIRST_MS;
  let closed = false;

  function scheduleRetry(): void {
    if (closed || retryTimer !== null) return;
    retryTimer = clock.setTimeout(() => {
      retryTimer = null;
      void serially(load).catch((error) => log.error('auth reload failed', { error: error as Error }));
    }, retryDelayMs);
    retryDelayMs = Math.min(retryDelayMs * 2, RETRY_MAX_MS);
  }

  function publish(next: AuthState): AuthState {
    state = next;
    for (const listener of [...listeners]) {
      try {
        listener(state);
      } catch (error) {
        log.error('auth listener failed', { error: error as Error });
      }
    }
    return state;
  }

  function serially<T>(task: () => Promise<T>): Promise<T> {
    const run = chain.then(task, task);
    chain = run.catch(() => undefined);
    return run;
  }

  async function ensureProfiles(): Promise<Profile[]> {
    const list = await profiles.list();
    if (list.length > 0) return list;
    log.info('first run: adding the default deployment');
    return [await profiles.add(options.defaultProfile)];
  }

  /** The profiles and the active one (persisted), from local files only. */
  async function activeProfile(): Promise<{ list: Profile[]; profile: Profile }> {
    const list = await ensureProfiles();
    const saved = (await file.read()).activeProfileId;
    const profile = list.find((p) => p.id === saved) ?? list[0]!;
    if (profile.id !== saved) await file.write({ version: 1, activeProfileId: profile.id });
    return { list, profile };
  }

  /** What the console knows without the network: profiles, the keychain's session, the last org. */
  async function loadLocal(): Promise<AuthState> {
    const { list, profile } = await activeProfile();
    const session = await sessions.localState(profile.id);
    return publish({
      ...state,
      profiles: list,
      activeProfileId: profile.id,
      session,
      organizations: [],
      activeOrganizationId: profile.lastOrganizationId ?? null,
      permissions: null,
      health: 'unknown',
      readOnly: session.kind === 'device',
    });
  }

  async function load(): Promise<AuthState> {
    const { list, profile } = await activeProfile();
    const session = await sessions.getState(profile.id);
    const base: AuthState = {
      ...state,
      profiles: list,
      activeProfileId: profile.id,
      session,
      organizations: [],
      activeOrganizationId: null,
      permissions: null,
      health: 'unknown',
      readOnly: session.kind === 'device',
    };
    active = { api: null, cli: null };
    if (session.kind === 'device') {
      active.cli = await sessions.cli(profile.id);
      return publish({
        ...base,
        organizations: [{ ...session.organization, teams: [], role: null }],
        activeOrganizationId: session.organization.id,
        permissions: DEVICE_PERMISSIONS,
      });
    }
    if (session.kind !== 'signed_in') return publish(base);
    const api = await sessions.api(profile.id);
    active.api = api;
    let organizations: Organization[];
    try {
      organizations = await api.organizations();
    } catch (error) {
      // Offline or expired: show what we know. Unreachable: try again with backoff (nothing else
      // would: the sources monitor needs the organisation to tick); expired: a sign-in reloads.
      const code = isAppError(error) ? error.code : 'internal';
      log.warn('could not load organisations', { code });
      if (code.startsWith('network.')) scheduleRetry();
      return publish({ ...base, session: await sessions.getState(profile.id) });
    }
    retryDelayMs = RETRY_FIRST_MS;
    const org = organizations.find((o) => o.id === profile.lastOrganizationId) ?? organizations[0] ?? null;
    const withOrgs = { ...base, organizations, activeOrganizationId: org?.id ?? null };
    if (!org) return publish(withOrgs);
    const permissions = await loadPermissions(api, org.id);
    const loaded = publish({ ...withOrgs, permissions, health: 'unknown' });
    // The probe follows on its own: an analytics store that takes seconds to fail must not hold
    // up the sign-in (and everything that waits for it). Applied only to the state it was for.
    void probeHealth(api, org.id).then((health) => {
      if (state.activeOrganizationId === org.id && active.api === api && state.health !== health)
        publish({ ...state, health });
    });
    return loaded;
  }

  async function loadPermissions(api: LangwatchApi, organizationId: string): Promise<Permissions | null> {
    try {
      return await api.effectivePermissions(organizationId);
    } catch (error) {
      log.warn('could not load permissions', { code: isAppError(error) ? error.code : 'internal' });
      return null;
    }
  }

  // Any session change of the active profile (sign-in, expiry, device approval) reloads.
  sessions.onChange((change) => {
    if (change.profileId !== state.activeProfileId) return;
    // Expiry keeps the organisations and permissions on screen: work waits for a new sign-in.
    if (
      change.state.kind === 'expired' ||
      (sameSessionKind(change.state, state.session) && change.state.kind !== 'signed_in')
    ) {
      publish({ ...state, session: change.state });
      return;
    }
    void serially(load).catch((error) => log.error('auth reload failed', { error: error as Error }));
  });

  // Start from local facts at once; the server's view (session check, organisations,
  // permissions, health) follows without holding up the window, however slow the network.
  await serially(loadLocal);
  void serially(load).catch((error) => log.error('auth load failed', { error: error as Error }));

  const auth: Auth = {
    state: () => state,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    requireActive(): ActiveAuth {
      const profile = state.profiles.find((p) => p.id === state.activeProfileId);
      if (!profile || (state.session.kind !== 'signed_in' && state.session.kind !== 'device')) {
        throw new AppError('auth.not_signed_in', 'Sign in to a LangWatch deployment first.');
      }
      if (!state.activeOrganizationId || !state.permissions) {
        throw new AppError(
          'auth.not_signed_in',
          'No organisation is selected yet (or the deployment could not be reached).',
        );
      }
      return {
        profile,
        organizationId: state.activeOrganizationId,
        permissions: state.permissions,
        api: active.api,
        sources: sourcesReaderFor(active, state.activeOrganizationId),
        readOnly: state.readOnly,
      };
    },
    apiFor: (profileId) => sessions.api(profileId),
    async waitForSession(profileId, signal, userId) {
      await sessions.waitForSession(profileId, signal, { userId });
    },
    sessionUser: (profileId, signal) => sessions.confirmedUser(profileId, signal),
    activeCli: () => active.cli,
    refresh: () => serially(load),
    selectProfile: (profileId) =>
      serially(async () => {
        await profiles.get(profileId); // throws profile.not_found
        await file.write({ version: 1, activeProfileId: profileId });
        return load();
      }),
    selectOrganization: (organizationId) =>
      serially(async () => {
        const profileId = state.activeProfileId;
        if (!profileId || !state.organizations.some((o) => o.id === organizationId)) {
          throw new AppError('not_found', 'That organisation is not one of yours on this deployment.');
        }
        await profiles.edit(profileId, { lastOrganizationId: organizationId });
        return load();
      }),
    async close() {
      closed = true;
      if (retryTimer !== null) clock.clearTimeout(retryTimer);
      listeners.clear();
      sessions.dispose();
    },
  };
  return auth;
}

function sameSessionKind(a: SessionState, b: SessionState): boolean {
  return a.kind === b.kind;
}
