/**
 * Per-profile LangWatch sessions: email, browser (SSO) and device sign-in, expiry, waiting
 * for a sign-in, sign-out. Credentials live ONLY in the SecretStore (`session:<profileId>`
 * holds the exact cookie pair, `device:<profileId>` the token pair JSON); states and change
 * events carry no secret. The cookie part lives in cookie-sessions.ts, the device part in
 * device-sessions.ts; this file keeps the state of each profile and the clients bound to it.
 */
import { AppError, isAppError } from '../../../src-shared/errors';
import type { SessionState } from '../../../src-shared/domain/langwatch';
import { systemClock, type Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import { createLangwatchApi, type LangwatchApi } from '../langwatch/api';
import { createCliRest, type CliRest } from '../langwatch/cli-rest';
import { createLangwatchHttp, type LangwatchHttp } from '../langwatch/http';
import { createCookieSessions, type CookieSessions } from './cookie-sessions';
import { readDeviceCredentials, sessionAccount } from './device-credentials';
import { cancelledError, createDeviceSessions, deviceState, type DeviceSessions } from './device-sessions';
import type { SessionChange, SessionManager, SessionManagerOptions } from './session-types';

export type { SessionChange, SessionManager, SessionManagerOptions } from './session-types';

const SIGNED_OUT: SessionState = { kind: 'signed_out' };

/** What the manager's functions share: the state of each profile and its two session kinds. */
interface ManagerState {
  options: SessionManagerOptions;
  secrets: SecretStore;
  clock: Clock;
  log: Logger;
  httpByBaseUrl: Map<string, LangwatchHttp>;
  states: Map<string, SessionState>;
  restoring: Map<string, Promise<SessionState>>;
  listeners: Set<(change: SessionChange) => void>;
  cookie: CookieSessions;
  device: DeviceSessions;
}

type StateWithoutSessions = Omit<ManagerState, 'cookie' | 'device'>;

async function httpFor(state: StateWithoutSessions, profileId: string): Promise<LangwatchHttp> {
  const { baseUrl } = await state.options.profiles.get(profileId);
  let http = state.httpByBaseUrl.get(baseUrl);
  if (!http) {
    const factory = state.options.httpFactory ?? ((url: string) => createLangwatchHttp({ baseUrl: url }));
    http = factory(baseUrl);
    state.httpByBaseUrl.set(baseUrl, http);
  }
  return http;
}

function setState(state: StateWithoutSessions, profileId: string, session: SessionState): void {
  state.states.set(profileId, session);
  for (const listener of [...state.listeners]) {
    try {
      listener({ profileId, state: session });
    } catch (error) {
      state.log.error('session listener failed', { error: error as Error });
    }
  }
}

/** Adds the cookie and device parts, which call back into the manager's functions. */
function withSessions(base: StateWithoutSessions): ManagerState {
  const state = base as ManagerState; // both parts are set below, before anything can run
  const { secrets, clock, log } = base;
  state.cookie = createCookieSessions({
    secrets,
    log,
    httpFor: (profileId) => httpFor(base, profileId),
    setState: (profileId, session) => setState(base, profileId, session),
    known: (profileId) => base.states.get(profileId),
    loaded: (profileId) => ensureLoaded(state, profileId),
    expire: (profileId, reason) => expire(state, profileId, reason),
    endDevice: (profileId) => state.device.end(profileId),
  });
  state.device = createDeviceSessions({
    secrets,
    clock,
    log,
    httpFor: (profileId) => httpFor(base, profileId),
    setState: (profileId, session) => setState(base, profileId, session),
    clearCookieSession: state.cookie.clear,
    refreshAheadMs: base.options.refreshAheadMs ?? 60_000,
  });
  return state;
}

/** Loads the state from the keychain once (checking a stored cookie with the server). */
function ensureLoaded(state: ManagerState, profileId: string): Promise<SessionState> {
  const known = state.states.get(profileId);
  if (known) return Promise.resolve(known);
  const running = state.restoring.get(profileId);
  if (running) return running;
  const run = restore(state, profileId).finally(() => state.restoring.delete(profileId));
  state.restoring.set(profileId, run);
  return run;
}

async function restore(state: ManagerState, profileId: string): Promise<SessionState> {
  const restored = (await state.cookie.restore(profileId)) ?? (await state.device.restore(profileId));
  // A sign-in that finished while restoring wins over the restored state.
  const current = state.states.get(profileId);
  if (current) return current;
  const session = restored ?? SIGNED_OUT;
  setState(state, profileId, session);
  return session;
}

/**
 * Expires a cookie session. Synchronous when the state is known, so work that got a 401
 * and immediately calls waitForSession already sees `expired` and waits.
 */
function expire(state: ManagerState, profileId: string, reason: string): Promise<void> {
  const known = state.states.get(profileId);
  if (!known) return ensureLoaded(state, profileId).then(() => expire(state, profileId, reason));
  if (known.kind === 'device') {
    // A device 401 usually just means the access token ran out: refresh first.
    void state.device.refresh(profileId).catch(() => undefined);
    return Promise.resolve();
  }
  if (known.kind !== 'signed_in') return Promise.resolve();
  return state.cookie.expire(profileId, known, reason);
}

async function localState(state: ManagerState, profileId: string): Promise<SessionState> {
  const known = state.states.get(profileId);
  if (known) return known;
  const fromCookie = await state.cookie.localState(profileId);
  if (fromCookie) return fromCookie;
  const creds = await readDeviceCredentials(state.secrets, profileId);
  if (creds && (creds.refreshExpiresAt === null || creds.refreshExpiresAt > state.clock.now()))
    return deviceState(creds);
  return SIGNED_OUT;
}

function onChange(state: ManagerState, listener: (change: SessionChange) => void): () => void {
  state.listeners.add(listener);
  return () => state.listeners.delete(listener);
}

async function api(state: ManagerState, profileId: string): Promise<LangwatchApi> {
  const http = await httpFor(state, profileId);
  return createLangwatchApi({
    baseUrl: http.baseUrl,
    http,
    getCookie: () => state.secrets.get(sessionAccount(profileId)),
    onUnauthorized: (cookieUsed) => {
      // Only the session that made the call can be expired by its 401: a late answer to a
      // request sent with an old cookie must not expire the session of a newer sign-in
      // (no recorded cookie means there is no live session to expire).
      if (state.cookie.isCurrent(profileId, cookieUsed))
        void expire(state, profileId, 'unauthorized').catch(() => undefined);
    },
  });
}

async function cli(state: ManagerState, profileId: string): Promise<CliRest> {
  const session = await ensureLoaded(state, profileId);
  if (session.kind !== 'device') throw new AppError('auth.not_signed_in', 'Sign in with a device code first.');
  return createCliRest({
    http: await httpFor(state, profileId),
    organizationId: session.organization.id,
    getAccessToken: () => state.device.accessToken(profileId),
    onUnauthorized: () => void expire(state, profileId, 'unauthorized').catch(() => undefined),
  });
}

async function signOut(state: ManagerState, profileId: string): Promise<void> {
  await state.cookie.signOut(profileId);
  await state.device.end(profileId);
  state.log.info('signed out', { profileId });
  setState(state, profileId, SIGNED_OUT);
}

async function waitForSession(
  state: ManagerState,
  profileId: string,
  signal?: AbortSignal,
  opts: { allowDevice?: boolean; userId?: string } = {},
): Promise<SessionState> {
  // With a userId, only that person's session (or one whose person is still unconfirmed:
  // the caller confirms it with confirmedUser) ends the wait.
  const personOk = (s: SessionState) =>
    opts.userId === undefined || s.kind !== 'signed_in' || s.user.id === '' || s.user.id === opts.userId;
  const ok = (s: SessionState) =>
    (s.kind === 'signed_in' || (opts.allowDevice === true && s.kind === 'device')) && personOk(s);
  const now = await ensureLoaded(state, profileId);
  if (ok(now)) return now;
  return new Promise<SessionState>((resolve, reject) => {
    const onAbort = () => {
      off();
      reject(cancelledError());
    };
    const off = onChange(state, (change) => {
      if (change.profileId !== profileId || !ok(change.state)) return;
      off();
      signal?.removeEventListener('abort', onAbort);
      resolve(change.state);
    });
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function forgetProfile(state: ManagerState, profileId: string): Promise<void> {
  try {
    await signOut(state, profileId);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'profile.not_found') throw error;
  }
  for (const account of await state.secrets.listAccounts()) {
    if (account.endsWith(`:${profileId}`)) await state.secrets.delete(account);
  }
  await state.options.profiles.remove(profileId).catch((error: unknown) => {
    if (!isAppError(error) || error.code !== 'profile.not_found') throw error;
  });
  state.states.delete(profileId);
  state.log.info('profile forgotten', { profileId });
}

/** Creates the session manager. */
export function createSessionManager(options: SessionManagerOptions): SessionManager {
  const state = withSessions({
    options,
    secrets: options.secrets,
    clock: options.clock ?? systemClock,
    log: options.log.child('session'),
    httpByBaseUrl: new Map(),
    states: new Map(),
    restoring: new Map(),
    listeners: new Set(),
  });
  const { cookie, device, secrets } = state;
  return {
    getState: (profileId) => ensureLoaded(state, profileId),
    localState: (profileId) => localState(state, profileId),
    onChange: (listener) => onChange(state, listener),
    signInWithEmail: cookie.signInWithEmail,
    completeBrowserSignIn: cookie.completeBrowserSignIn,
    startDeviceSignIn: (profileId, signal) => device.start(profileId, signal),
    cancelDeviceSignIn: (profileId) => device.cancel(profileId),
    markExpired: (profileId) => expire(state, profileId, 'unauthorized'),
    waitForSession: (profileId, signal, opts) => waitForSession(state, profileId, signal, opts),
    confirmedUser: cookie.confirmedUser,
    getCookie: (profileId) => secrets.get(sessionAccount(profileId)),
    getAccessToken: (profileId) => device.accessToken(profileId),
    api: (profileId) => api(state, profileId),
    cli: (profileId) => cli(state, profileId),
    signOut: (profileId) => signOut(state, profileId),
    forgetProfile: (profileId) => forgetProfile(state, profileId),
    dispose() {
      device.dispose();
      state.listeners.clear();
    },
  };
}
