/**
 * Per-profile LangWatch sessions: email, browser (SSO) and device sign-in, expiry, waiting
 * for a sign-in, sign-out. Credentials live ONLY in the SecretStore (`session:<profileId>`
 * holds the exact cookie pair, `device:<profileId>` the token pair JSON); states and change
 * events carry no secret. The cookie part lives in cookie-sessions.ts, the device part in
 * device-sessions.ts; this file keeps the state of each profile and the clients bound to it.
 */
import { AppError, isAppError } from '../../../src-shared/errors';
import type { Profile, SessionState } from '../../../src-shared/domain/langwatch';
import { systemClock, type Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import { createLangwatchApi, type LangwatchApi } from '../langwatch/api';
import { createCliRest, type CliRest } from '../langwatch/cli-rest';
import { createLangwatchHttp, type LangwatchHttp } from '../langwatch/http';
import { createCookieSessions, type CookieSessions } from './cookie-sessions';
import { readDeviceCredentials, sessionAccount } from './device-credentials';
import { cancelledError, createDeviceSessions, deviceState, type DeviceSignInStart } from './device-sessions';

/** A state change of one profile (never holds a secret). */
export interface SessionChange {
  profileId: string;
  state: SessionState;
}

/** Options of {@link createSessionManager}. */
export interface SessionManagerOptions {
  /** Profile lookup and removal (the profiles service fits). */
  profiles: { get(id: string): Promise<Profile>; remove(id: string): Promise<void> };
  secrets: SecretStore;
  clock?: Clock;
  log: Logger;
  /** Request function per deployment (default: undici over the shared agent). */
  httpFactory?: (baseUrl: string) => LangwatchHttp;
  /** How long before access-token expiry device tokens are refreshed (default 60 s). */
  refreshAheadMs?: number;
}

/** The sessions of every profile (see createSessionManager). */
export interface SessionManager extends Pick<
  CookieSessions,
  'signInWithEmail' | 'completeBrowserSignIn' | 'confirmedUser'
> {
  /** The current state (loaded from the keychain on first use). */
  getState(profileId: string): Promise<SessionState>;
  /**
   * What the keychain alone says, without asking the server: the console starts on it (no
   * network wait before the window shows); `getState` confirms it with the server.
   */
  localState(profileId: string): Promise<SessionState>;
  /** Subscribes to state changes; returns the unsubscribe function. */
  onChange(listener: (change: SessionChange) => void): () => void;
  /** Starts a read-only device sign-in (see DeviceSignInStart). */
  startDeviceSignIn(profileId: string, signal?: AbortSignal): Promise<DeviceSignInStart>;
  /** Stops a running device sign-in. */
  cancelDeviceSignIn(profileId: string): void;
  /** Marks the session expired (any 401); work waiting in waitForSession resumes on re-sign-in. */
  markExpired(profileId: string): Promise<void>;
  /** Resolves once the profile has a cookie session (or a device one if allowed). */
  waitForSession(
    profileId: string,
    signal?: AbortSignal,
    opts?: { allowDevice?: boolean; userId?: string },
  ): Promise<SessionState>;
  /** The cookie pair for API calls, null when none (stays inside main: never sent to the renderer). */
  getCookie(profileId: string): Promise<string | null>;
  /** A fresh device access token, null when there is no device session. */
  getAccessToken(profileId: string): Promise<string | null>;
  /** The typed tRPC API bound to this profile's cookie; a 401 marks the session expired. */
  api(profileId: string): Promise<LangwatchApi>;
  /** The read-only CLI client bound to this profile's device session. */
  cli(profileId: string): Promise<CliRest>;
  /** Signs out: revokes server-side (best effort, e.g. offline), then deletes the keychain entries. */
  signOut(profileId: string): Promise<void>;
  /** Signs out, removes the profile, and deletes every keychain entry for it. */
  forgetProfile(profileId: string): Promise<void>;
  /** Stops timers and polls (app shutdown, tests). */
  dispose(): void;
}

const SIGNED_OUT: SessionState = { kind: 'signed_out' };

/** Creates the session manager. */
export function createSessionManager(options: SessionManagerOptions): SessionManager {
  const { secrets } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log.child('session');
  const httpFactory = options.httpFactory ?? ((baseUrl: string) => createLangwatchHttp({ baseUrl }));
  const httpByBaseUrl = new Map<string, LangwatchHttp>();
  const states = new Map<string, SessionState>();
  const restoring = new Map<string, Promise<SessionState>>();
  const listeners = new Set<(change: SessionChange) => void>();

  async function httpFor(profileId: string): Promise<LangwatchHttp> {
    const { baseUrl } = await options.profiles.get(profileId);
    let http = httpByBaseUrl.get(baseUrl);
    if (!http) {
      http = httpFactory(baseUrl);
      httpByBaseUrl.set(baseUrl, http);
    }
    return http;
  }

  function setState(profileId: string, state: SessionState): void {
    states.set(profileId, state);
    for (const listener of [...listeners]) {
      try {
        listener({ profileId, state });
      } catch (error) {
        log.error('session listener failed', { error: error as Error });
      }
    }
  }

  const cookie = createCookieSessions({
    secrets,
    log,
    httpFor,
    setState,
    known: (profileId) => states.get(profileId),
    loaded: ensureLoaded,
    expire,
    endDevice: (profileId) => device.end(profileId),
  });

  const device = createDeviceSessions({
    secrets,
    clock,
    log,
    httpFor,
    setState,
    clearCookieSession: cookie.clear,
    refreshAheadMs: options.refreshAheadMs ?? 60_000,
  });

  /** Loads the state from the keychain once (checking a stored cookie with the server). */
  function ensureLoaded(profileId: string): Promise<SessionState> {
    const known = states.get(profileId);
    if (known) return Promise.resolve(known);
    const running = restoring.get(profileId);
    if (running) return running;
    const run = restore(profileId).finally(() => restoring.delete(profileId));
    restoring.set(profileId, run);
    return run;
  }

  async function restore(profileId: string): Promise<SessionState> {
    const restored = (await cookie.restore(profileId)) ?? (await device.restore(profileId));
    return commit(profileId, restored ?? SIGNED_OUT);
  }

  function commit(profileId: string, state: SessionState): SessionState {
    // A sign-in that finished while restoring wins over the restored state.
    const current = states.get(profileId);
    if (current) return current;
    setState(profileId, state);
    return state;
  }

  /**
   * Expires a cookie session. Synchronous when the state is known, so work that got a 401
   * and immediately calls waitForSession already sees `expired` and waits.
   */
  function expire(profileId: string, reason: string): Promise<void> {
    const known = states.get(profileId);
    if (!known) return ensureLoaded(profileId).then(() => expire(profileId, reason));
    if (known.kind === 'device') {
      // A device 401 usually just means the access token ran out: refresh first.
      void device.refresh(profileId).catch(() => undefined);
      return Promise.resolve();
    }
    if (known.kind !== 'signed_in') return Promise.resolve();
    return cookie.expire(profileId, known, reason);
  }

  const manager: SessionManager = {
    getState: ensureLoaded,
    async localState(profileId) {
      const known = states.get(profileId);
      if (known) return known;
      const fromCookie = await cookie.localState(profileId);
      if (fromCookie) return fromCookie;
      const creds = await readDeviceCredentials(secrets, profileId);
      if (creds && (creds.refreshExpiresAt === null || creds.refreshExpiresAt > clock.now())) return deviceState(creds);
      return SIGNED_OUT;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    signInWithEmail: cookie.signInWithEmail,
    completeBrowserSignIn: cookie.completeBrowserSignIn,
    startDeviceSignIn: (profileId, signal) => device.start(profileId, signal),
    cancelDeviceSignIn: (profileId) => device.cancel(profileId),
    markExpired: (profileId) => expire(profileId, 'unauthorized'),
    waitForSession,
    confirmedUser: cookie.confirmedUser,
    getCookie: (profileId) => secrets.get(sessionAccount(profileId)),
    getAccessToken: (profileId) => device.accessToken(profileId),
    async api(profileId) {
      const http = await httpFor(profileId);
      return createLangwatchApi({
        baseUrl: http.baseUrl,
        http,
        getCookie: () => secrets.get(sessionAccount(profileId)),
        onUnauthorized: (cookieUsed) => {
          // Only the session that made the call can be expired by its 401: a late answer to a
          // request sent with an old cookie must not expire the session of a newer sign-in
          // (no recorded cookie means there is no live session to expire).
          if (cookie.isCurrent(profileId, cookieUsed)) void expire(profileId, 'unauthorized').catch(() => undefined);
        },
      });
    },
    async cli(profileId) {
      const state = await ensureLoaded(profileId);
      if (state.kind !== 'device') throw new AppError('auth.not_signed_in', 'Sign in with a device code first.');
      return createCliRest({
        http: await httpFor(profileId),
        organizationId: state.organization.id,
        getAccessToken: () => device.accessToken(profileId),
        onUnauthorized: () => void expire(profileId, 'unauthorized').catch(() => undefined),
      });
    },
    async signOut(profileId) {
      await cookie.signOut(profileId);
      await device.end(profileId);
      log.info('signed out', { profileId });
      setState(profileId, SIGNED_OUT);
    },
    forgetProfile,
    dispose() {
      device.dispose();
      listeners.clear();
    },
  };

  async function waitForSession(
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
    const now = await ensureLoaded(profileId);
    if (ok(now)) return now;
    return new Promise<SessionState>((resolve, reject) => {
      const onAbort = () => {
        off();
        reject(cancelledError());
      };
      const off = manager.onChange((change) => {
        if (change.profileId !== profileId || !ok(change.state)) return;
        off();
        signal?.removeEventListener('abort', onAbort);
        resolve(change.state);
      });
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async function forgetProfile(profileId: string): Promise<void> {
    try {
      await manager.signOut(profileId);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'profile.not_found') throw error;
    }
    for (const account of await secrets.listAccounts()) {
      if (account.endsWith(`:${profileId}`)) await secrets.delete(account);
    }
    await options.profiles.remove(profileId).catch((error: unknown) => {
      if (!isAppError(error) || error.code !== 'profile.not_found') throw error;
    });
    states.delete(profileId);
    log.info('profile forgotten', { profileId });
  }

  return manager;
}
