/**
 * Per-profile LangWatch sessions: email, browser (SSO) and device sign-in, expiry, waiting
 * for a sign-in, sign-out. Credentials live ONLY in the SecretStore (`session:<profileId>`
 * holds the exact cookie pair, `device:<profileId>` the token pair JSON); states and change
 * events carry no secret.
 */
import { AppError, isAppError } from '../../../src-shared/errors';
import type { LangwatchUser, Profile, SessionState } from '../../../src-shared/domain/langwatch';
import { systemClock, type Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import { createLangwatchApi, type LangwatchApi } from '../langwatch/api';
import * as auth from '../langwatch/auth';
import { createCliRest, type CliRest } from '../langwatch/cli-rest';
import { createLangwatchHttp, type LangwatchHttp } from '../langwatch/http';
import { readDeviceCredentials, readSessionUser, sessionAccount, sessionUserAccount } from './device-credentials';
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

/** The session manager type. */
export type SessionManager = ReturnType<typeof createSessionManager>;

const SIGNED_OUT: SessionState = { kind: 'signed_out' };

/** Creates the session manager. */
export function createSessionManager(options: SessionManagerOptions) {
  const { secrets } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log.child('session');
  const httpFactory = options.httpFactory ?? ((baseUrl: string) => createLangwatchHttp({ baseUrl }));
  const https = new Map<string, LangwatchHttp>();
  const states = new Map<string, SessionState>();
  const restoring = new Map<string, Promise<SessionState>>();
  const listeners = new Set<(change: SessionChange) => void>();
  // Which cookie each profile's current session uses (memory of main only), to tell a stale 401.
  const cookies = new Map<string, string>();

  async function httpFor(profileId: string): Promise<LangwatchHttp> {
    const { baseUrl } = await options.profiles.get(profileId);
    let http = https.get(baseUrl);
    if (!http) {
      http = httpFactory(baseUrl);
      https.set(baseUrl, http);
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

  async function clearCookieSession(profileId: string): Promise<void> {
    cookies.delete(profileId);
    await secrets.delete(sessionAccount(profileId));
    await secrets.delete(sessionUserAccount(profileId));
  }

  const rememberUser = (profileId: string, user: LangwatchUser) =>
    secrets.set(sessionUserAccount(profileId), JSON.stringify(user));
  const UNKNOWN_USER: LangwatchUser = { id: '', email: null, name: null };

  const device = createDeviceSessions({
    secrets,
    clock,
    log,
    httpFor,
    setState,
    clearCookieSession,
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
    const cookie = await secrets.get(sessionAccount(profileId));
    if (cookie) {
      try {
        const info = await auth.getSession({
          http: await httpFor(profileId),
          cookie,
          signal: AbortSignal.timeout(10_000),
        });
        if (info) {
          if (info.refreshedCookie) await secrets.set(sessionAccount(profileId), info.refreshedCookie);
          // A start costs a keychain write only when the person changed (or was never noted).
          if ((await readSessionUser(secrets, profileId))?.id !== info.user.id)
            await rememberUser(profileId, info.user);
          cookies.set(profileId, info.refreshedCookie ?? cookie);
          return commit(profileId, { kind: 'signed_in', method: 'restored', user: info.user });
        }
        log.info('stored session no longer valid', { profileId });
        await clearCookieSession(profileId);
        return commit(profileId, { kind: 'signed_out', reason: 'The saved session has ended. Sign in again.' });
      } catch (error) {
        // Offline at start: keep the cookie; the first 401 will mark it expired.
        log.warn('could not check the stored session', {
          profileId,
          code: isAppError(error) ? error.code : 'internal',
        });
        cookies.set(profileId, cookie);
        return commit(profileId, {
          kind: 'signed_in',
          method: 'restored',
          user: (await readSessionUser(secrets, profileId)) ?? UNKNOWN_USER,
        });
      }
    }
    const restoredDevice = await device.restore(profileId);
    return commit(profileId, restoredDevice ?? SIGNED_OUT);
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
    log.info('session expired', { profileId, reason });
    cookies.delete(profileId);
    setState(profileId, { kind: 'expired', previous: known });
    return clearCookieSession(profileId).catch(() => undefined);
  }

  const manager = {
    /** The current state (loaded from the keychain on first use). */
    getState(profileId: string): Promise<SessionState> {
      return ensureLoaded(profileId);
    },

    /**
     * What the keychain alone says, without asking the server: the console starts on it (no
     * network wait before the window shows); `getState` confirms it with the server.
     */
    async localState(profileId: string): Promise<SessionState> {
      const known = states.get(profileId);
      if (known) return known;
      if (await secrets.get(sessionAccount(profileId)))
        return {
          kind: 'signed_in',
          method: 'restored',
          user: (await readSessionUser(secrets, profileId)) ?? UNKNOWN_USER,
        };
      const creds = await readDeviceCredentials(secrets, profileId);
      if (creds && (creds.refreshExpiresAt === null || creds.refreshExpiresAt > clock.now())) return deviceState(creds);
      return SIGNED_OUT;
    },

    /** Subscribes to state changes; returns the unsubscribe function. */
    onChange(listener: (change: SessionChange) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Email + password sign-in. The password is used for this one request only. */
    async signInWithEmail(
      profileId: string,
      credentials: { email: string; password: string },
      signal?: AbortSignal,
    ): Promise<SessionState> {
      const http = await httpFor(profileId);
      log.info('email sign-in', { profileId });
      const result = await auth.signInWithEmail({
        http,
        email: credentials.email,
        password: credentials.password,
        signal,
      });
      return adoptCookie(profileId, result.cookie, 'email', result.user);
    },

    /** Adopts the cookie pair read from the browser sign-in window, after checking it. */
    async completeBrowserSignIn(profileId: string, cookiePair: string, signal?: AbortSignal): Promise<SessionState> {
      const info = await auth.getSession({ http: await httpFor(profileId), cookie: cookiePair, signal });
      if (!info) throw new AppError('auth.not_signed_in', 'The browser window did not finish signing in. Try again.');
      return adoptCookie(profileId, info.refreshedCookie ?? cookiePair, 'browser', info.user);
    },

    /** Starts a read-only device sign-in (see DeviceSignInStart). */
    async startDeviceSignIn(profileId: string, signal?: AbortSignal): Promise<DeviceSignInStart> {
      return device.start(profileId, signal);
    },

    /** Stops a running device sign-in. */
    cancelDeviceSignIn(profileId: string): void {
      device.cancel(profileId);
    },

    /** Marks the session expired (any 401); work waiting in waitForSession resumes on re-sign-in. */
    markExpired(profileId: string): Promise<void> {
      return expire(profileId, 'unauthorized');
    },

    /** Resolves once the profile has a cookie session (or a device one if allowed). */
    async waitForSession(
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
    },

    /**
     * The person of the cookie session, asking the server when the keychain restored it
     * without one (offline start); null without a cookie session. Network errors propagate.
     */
    async confirmedUser(profileId: string, signal?: AbortSignal): Promise<LangwatchUser | null> {
      const state = await ensureLoaded(profileId);
      if (state.kind !== 'signed_in') return null;
      if (state.user.id !== '') return state.user;
      const cookie = await secrets.get(sessionAccount(profileId));
      if (!cookie) return null;
      const info = await auth.getSession({ http: await httpFor(profileId), cookie, signal });
      if (states.get(profileId) !== state) return manager.confirmedUser(profileId, signal); // changed meanwhile
      if (!info) {
        await expire(profileId, 'unauthorized');
        return null;
      }
      if (info.refreshedCookie) await secrets.set(sessionAccount(profileId), info.refreshedCookie);
      await rememberUser(profileId, info.user);
      setState(profileId, { kind: 'signed_in', method: 'restored', user: info.user });
      return info.user;
    },

    /** The cookie pair for API calls, null when none (stays inside main: never sent to the renderer). */
    getCookie(profileId: string): Promise<string | null> {
      return secrets.get(sessionAccount(profileId));
    },

    /** A fresh device access token, null when there is no device session. */
    getAccessToken(profileId: string): Promise<string | null> {
      return device.accessToken(profileId);
    },

    /** The typed tRPC API bound to this profile's cookie; a 401 marks the session expired. */
    async api(profileId: string): Promise<LangwatchApi> {
      const http = await httpFor(profileId);
      return createLangwatchApi({
        baseUrl: http.baseUrl,
        http,
        getCookie: () => secrets.get(sessionAccount(profileId)),
        onUnauthorized: (cookieUsed) => {
          // Only the session that made the call can be expired by its 401: a late answer to a
          // request sent with an old cookie must not expire the session of a newer sign-in
          // (no recorded cookie means there is no live session to expire).
          const current = cookies.get(profileId);
          if (current !== undefined && current === cookieUsed)
            void expire(profileId, 'unauthorized').catch(() => undefined);
        },
      });
    },

    /** The read-only CLI client bound to this profile's device session. */
    async cli(profileId: string): Promise<CliRest> {
      const state = await ensureLoaded(profileId);
      if (state.kind !== 'device') throw new AppError('auth.not_signed_in', 'Sign in with a device code first.');
      return createCliRest({
        http: await httpFor(profileId),
        organizationId: state.organization.id,
        getAccessToken: () => device.accessToken(profileId),
        onUnauthorized: () => void expire(profileId, 'unauthorized').catch(() => undefined),
      });
    },

    /** Signs out: revokes server-side (best effort, e.g. offline), then deletes the keychain entries. */
    async signOut(profileId: string): Promise<void> {
      const cookie = await secrets.get(sessionAccount(profileId));
      if (cookie) {
        try {
          await auth.signOut({ http: await httpFor(profileId), cookie, signal: AbortSignal.timeout(5000) });
        } catch (error) {
          log.warn('sign-out not confirmed by the server; removing it locally', {
            profileId,
            code: isAppError(error) ? error.code : 'internal',
          });
        }
      }
      cookies.delete(profileId);
      await clearCookieSession(profileId);
      await device.end(profileId);
      log.info('signed out', { profileId });
      setState(profileId, SIGNED_OUT);
    },

    /** Signs out, removes the profile, and deletes every keychain entry for it. */
    async forgetProfile(profileId: string): Promise<void> {
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
    },

    /** Stops timers and polls (app shutdown, tests). */
    dispose(): void {
      device.dispose();
      listeners.clear();
    },
  };

  async function adoptCookie(
    profileId: string,
    cookie: string,
    method: 'email' | 'browser',
    user: Extract<SessionState, { kind: 'signed_in' }>['user'],
  ): Promise<SessionState> {
    await device.end(profileId);
    await secrets.set(sessionAccount(profileId), cookie);
    await rememberUser(profileId, user);
    cookies.set(profileId, cookie);
    const state: SessionState = { kind: 'signed_in', method, user };
    log.info('signed in', { profileId, method, userId: user.id });
    setState(profileId, state);
    return state;
  }

  return manager;
}
