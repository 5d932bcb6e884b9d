import { join } from 'node:path';
import { z } from 'zod';
import type { AuthState } from '../../../src-shared/domain/auth';
import type { Organization, Permissions, Profile } from '../../../src-shared/domain/langwatch';
import { AppError, isAppError } from '../../../src-shared/errors';
import type { LangwatchApi } from '../langwatch/api';
import type { CliRest } from '../langwatch/cli-rest';
import { probeHealth } from './health-probe';
import { systemClock, type Clock } from '../clock';
import type { SessionChange } from '../session/session-manager';
import { createJsonFile } from '../storage/json-file';
import type { Auth, AuthOptions } from './auth-options';
import { activeAuthOf } from './active-auth';
import { confirmOtherSessions, noteLocalSessions, profileSessionsOf, type KnownSessions } from './profile-sessions';

const ActiveProfileFile = z.object({ version: z.literal(1), activeProfileId: z.string().nullable() });

/** Device sessions read through the CLI REST: read-only, health where the token allows it. */
const DEVICE_PERMISSIONS: Permissions = {
  canView: true,
  canManage: false,
  canViewHealth: true,
  raw: ['ingestionSources:view'],
};

export type { Auth, AuthOptions } from './auth-options';

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 60_000;

/** What the auth's functions share: the published state and what it was loaded with. */
interface AuthRuntime {
  options: AuthOptions;
  clock: Clock;
  file: ReturnType<typeof openActiveProfileFile>;
  listeners: Set<(state: AuthState) => void>;
  /** The last published state. */
  state: AuthState;
  /** The last known session of every profile (published as `profileSessions`). */
  known: KnownSessions;
  active: { api: LangwatchApi | null; cli: CliRest | null };
  /** Serialises reloads so overlapping triggers (a sign-in during a refresh) settle in order. */
  chain: Promise<unknown>;
  retryTimer: unknown;
  retryDelayMs: number;
  closed: boolean;
}

function openActiveProfileFile(options: AuthOptions) {
  return createJsonFile({
    path: join(options.userDataDir, 'connection.json'),
    schema: ActiveProfileFile,
    defaults: () => ({ version: 1 as const, activeProfileId: null }),
    onCorrupt: 'reset',
    log: options.log,
  });
}

const reloadFailed = (rt: AuthRuntime, what: string) => (error: unknown) =>
  rt.options.log.error(what, { error: error as Error });

function scheduleRetry(rt: AuthRuntime): void {
  if (rt.closed || rt.retryTimer !== null) return;
  rt.retryTimer = rt.clock.setTimeout(() => {
    rt.retryTimer = null;
    void serially(rt, () => load(rt)).catch(reloadFailed(rt, 'auth reload failed'));
  }, rt.retryDelayMs);
  rt.retryDelayMs = Math.min(rt.retryDelayMs * 2, RETRY_MAX_MS);
}

function publish(rt: AuthRuntime, next: AuthState): AuthState {
  if (next.activeProfileId) rt.known.set(next.activeProfileId, next.session);
  rt.state = { ...next, profileSessions: profileSessionsOf(rt.known, next.profiles) };
  for (const listener of [...rt.listeners]) {
    try {
      listener(rt.state);
    } catch (error) {
      rt.options.log.error('auth listener failed', { error: error as Error });
    }
  }
  return rt.state;
}

function serially<T>(rt: AuthRuntime, task: () => Promise<T>): Promise<T> {
  const run = rt.chain.then(task, task);
  rt.chain = run.catch(() => undefined);
  return run;
}

async function ensureProfiles(rt: AuthRuntime): Promise<Profile[]> {
  const { profiles, log } = rt.options;
  const list = await profiles.list();
  if (list.length > 0) return list;
  log.info('first run: adding the default deployment');
  return [await profiles.add(rt.options.defaultProfile)];
}

/** The profiles and the active one (persisted), from local files only. */
async function activeProfile(rt: AuthRuntime): Promise<{ list: Profile[]; profile: Profile }> {
  const list = await ensureProfiles(rt);
  const saved = (await rt.file.read()).activeProfileId;
  const profile = list.find((p) => p.id === saved) ?? list[0]!;
  if (profile.id !== saved) await rt.file.write({ version: 1, activeProfileId: profile.id });
  return { list, profile };
}

/** What the console knows without the network: profiles, the keychain's session, the last org. */
async function loadLocal(rt: AuthRuntime): Promise<AuthState> {
  const { list, profile } = await activeProfile(rt);
  const session = await rt.options.sessions.localState(profile.id);
  await noteLocalSessions(rt.options.sessions, list, rt.known);
  return publish(rt, {
    ...rt.state,
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

async function load(rt: AuthRuntime): Promise<AuthState> {
  const { sessions } = rt.options;
  const { list, profile } = await activeProfile(rt);
  const session = await sessions.getState(profile.id);
  const base: AuthState = {
    ...rt.state,
    profiles: list,
    activeProfileId: profile.id,
    session,
    organizations: [],
    activeOrganizationId: null,
    permissions: null,
    health: 'unknown',
    readOnly: session.kind === 'device',
  };
  rt.active = { api: null, cli: null };
  confirmOtherSessions(sessions, list, profile.id, reloadFailed(rt, 'session check failed'));
  if (session.kind === 'device') {
    rt.active.cli = await sessions.cli(profile.id);
    return publish(rt, {
      ...base,
      organizations: [{ ...session.organization, teams: [], role: null }],
      activeOrganizationId: session.organization.id,
      permissions: DEVICE_PERMISSIONS,
    });
  }
  if (session.kind !== 'signed_in') return publish(rt, base);
  return loadSignedIn(rt, profile, base);
}

/** The organisations, permissions and (after) health of a cookie session. */
async function loadSignedIn(rt: AuthRuntime, profile: Profile, base: AuthState): Promise<AuthState> {
  const { sessions, log } = rt.options;
  const api = await sessions.api(profile.id);
  rt.active.api = api;
  let organizations: Organization[];
  try {
    organizations = await api.organizations();
  } catch (error) {
    // Offline or expired: show what we know. Unreachable: try again with backoff (nothing else
    // would: the sources monitor needs the organisation to tick); expired: a sign-in reloads.
    const code = isAppError(error) ? error.code : 'internal';
    log.warn('could not load organisations', { code });
    if (code.startsWith('network.')) scheduleRetry(rt);
    return publish(rt, { ...base, session: await sessions.getState(profile.id) });
  }
  rt.retryDelayMs = RETRY_FIRST_MS;
  const org = organizations.find((o) => o.id === profile.lastOrganizationId) ?? organizations[0] ?? null;
  const withOrgs = { ...base, organizations, activeOrganizationId: org?.id ?? null };
  if (!org) return publish(rt, withOrgs);
  const permissions = await loadPermissions(rt, api, org.id);
  const loaded = publish(rt, { ...withOrgs, permissions, health: 'unknown' });
  // The probe follows on its own: an analytics store that takes seconds to fail must not hold
  // up the sign-in (and everything that waits for it). Applied only to the state it was for.
  void probeHealth(api, org.id).then((health) => {
    if (rt.state.activeOrganizationId === org.id && rt.active.api === api && rt.state.health !== health)
      publish(rt, { ...rt.state, health });
  });
  return loaded;
}

async function loadPermissions(
  rt: AuthRuntime,
  api: LangwatchApi,
  organizationId: string,
): Promise<Permissions | null> {
  try {
    return await api.effectivePermissions(organizationId);
  } catch (error) {
    rt.options.log.warn('could not load permissions', { code: isAppError(error) ? error.code : 'internal' });
    return null;
  }
}

// Any session change of the active profile (sign-in, expiry, device approval) reloads.
function onSessionChange(rt: AuthRuntime, change: SessionChange): void {
  rt.known.set(change.profileId, change.state);
  // Another profile's session (signed in, expired, restored) changes only what it says of itself.
  if (change.profileId !== rt.state.activeProfileId) {
    publish(rt, rt.state);
    return;
  }
  // Expiry keeps the organisations and permissions on screen: work waits for a new sign-in.
  if (
    change.state.kind === 'expired' ||
    (change.state.kind === rt.state.session.kind && change.state.kind !== 'signed_in')
  ) {
    publish(rt, { ...rt.state, session: change.state });
    return;
  }
  void serially(rt, () => load(rt)).catch(reloadFailed(rt, 'auth reload failed'));
}

const selectProfile = (rt: AuthRuntime, profileId: string) =>
  serially(rt, async () => {
    await rt.options.profiles.get(profileId); // throws profile.not_found
    await rt.file.write({ version: 1, activeProfileId: profileId });
    return load(rt);
  });

const selectOrganization = (rt: AuthRuntime, organizationId: string) =>
  serially(rt, async () => {
    const profileId = rt.state.activeProfileId;
    if (!profileId || !rt.state.organizations.some((o) => o.id === organizationId)) {
      throw new AppError('not_found', 'That organisation is not one of yours on this deployment.');
    }
    await rt.options.profiles.edit(profileId, { lastOrganizationId: organizationId });
    return load(rt);
  });

/**
 * "Where is the console connected and as whom": keeps the active profile (persisted), its
 * session, organisations, the chosen organisation (remembered per profile) and what the
 * person may do there, and pushes every change. Holds no secret: sessions are the session
 * manager's (keychain), and the API objects read the cookie per call.
 */
export async function createAuth(options: AuthOptions): Promise<Auth> {
  const { sessions } = options;
  const rt: AuthRuntime = {
    options,
    clock: options.clock ?? systemClock,
    file: openActiveProfileFile(options),
    listeners: new Set(),
    known: new Map(),
    state: {
      profiles: [],
      activeProfileId: null,
      session: { kind: 'signed_out' },
      organizations: [],
      activeOrganizationId: null,
      permissions: null,
      health: 'unknown',
      readOnly: false,
      profileSessions: [],
    },
    active: { api: null, cli: null },
    chain: Promise.resolve(),
    retryTimer: null,
    retryDelayMs: RETRY_FIRST_MS,
    closed: false,
  };
  const events = options.events;
  if (events) rt.listeners.add((changed) => events.emit('auth.changed', changed));
  sessions.onChange((change) => onSessionChange(rt, change));

  // Start from local facts at once; the server's view (session check, organisations,
  // permissions, health) follows without holding up the window, however slow the network.
  await serially(rt, () => loadLocal(rt));
  void serially(rt, () => load(rt)).catch(reloadFailed(rt, 'auth load failed'));

  return {
    state: () => rt.state,
    onChange(listener) {
      rt.listeners.add(listener);
      return () => rt.listeners.delete(listener);
    },
    requireActive: () => activeAuthOf(rt.state, rt.active),
    apiFor: (profileId) => sessions.api(profileId),
    async waitForSession(profileId, signal, userId) {
      await sessions.waitForSession(profileId, signal, { userId });
    },
    sessionUser: (profileId, signal) => sessions.confirmedUser(profileId, signal),
    activeCli: () => rt.active.cli,
    refresh: () => serially(rt, () => load(rt)),
    selectProfile: (profileId) => selectProfile(rt, profileId),
    selectOrganization: (organizationId) => selectOrganization(rt, organizationId),
    async close() {
      rt.closed = true;
      if (rt.retryTimer !== null) rt.clock.clearTimeout(rt.retryTimer);
      rt.listeners.clear();
      sessions.dispose();
    },
  };
}
