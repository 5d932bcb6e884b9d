/**
 * Cookie sessions of the session manager (email and browser sign-in): restoring the stored
 * cookie pair, checking whose it is, expiring and revoking it. The cookie lives ONLY in the
 * SecretStore (`session:<profileId>`); main also remembers which cookie each profile's live
 * session uses, to tell a stale 401 from a current one.
 */
import { AppError, isAppError } from '../../../src-shared/errors';
import type { LangwatchUser, SessionState } from '../../../src-shared/domain/langwatch';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import * as auth from '../langwatch/auth';
import type { LangwatchHttp } from '../langwatch/http';
import { readSessionUser, sessionAccount, sessionUserAccount } from './device-credentials';

type SignedIn = Extract<SessionState, { kind: 'signed_in' }>;

/** What the cookie part needs from the manager. */
export interface CookieContext {
  secrets: SecretStore;
  log: Logger;
  httpFor(profileId: string): Promise<LangwatchHttp>;
  setState(profileId: string, state: SessionState): void;
  /** The state known in memory (undefined before it was loaded). */
  known(profileId: string): SessionState | undefined;
  /** The state, loaded from the keychain on first use. */
  loaded(profileId: string): Promise<SessionState>;
  /** Expires whatever session the profile has (cookie or device). */
  expire(profileId: string, reason: string): Promise<void>;
  /** Ends any device session before a cookie session replaces it. */
  endDevice(profileId: string): Promise<void>;
}

/** The cookie sessions of every profile. */
export interface CookieSessions {
  /** The state a stored cookie gives at start (checked with the server); null without one. */
  restore(profileId: string): Promise<SessionState | null>;
  /** The state a stored cookie gives without asking the server; null without one. */
  localState(profileId: string): Promise<SessionState | null>;
  /** Email + password sign-in. The password is used for this one request only. */
  signInWithEmail(
    profileId: string,
    credentials: { email: string; password: string },
    signal?: AbortSignal,
  ): Promise<SessionState>;
  /** Adopts the cookie pair read from the browser sign-in window, after checking it. */
  completeBrowserSignIn(profileId: string, cookiePair: string, signal?: AbortSignal): Promise<SessionState>;
  /**
   * The person of the cookie session, asking the server when the keychain restored it
   * without one (offline start); null without a cookie session. Network errors propagate.
   */
  confirmedUser(profileId: string, signal?: AbortSignal): Promise<LangwatchUser | null>;
  /** Marks a signed-in cookie session expired and deletes its cookie. */
  expire(profileId: string, known: SignedIn, reason: string): Promise<void>;
  /** True when `cookieUsed` is the cookie of the profile's live session. */
  isCurrent(profileId: string, cookieUsed: string | null): boolean;
  /** Revokes the cookie on the server (best effort), then deletes it here. */
  signOut(profileId: string): Promise<void>;
  /** Deletes the cookie and its person (a device session replaces it). */
  clear(profileId: string): Promise<void>;
}

const UNKNOWN_USER: LangwatchUser = { id: '', email: null, name: null };

/** What the cookie functions share: the context and the cookie of each current session. */
interface CookieState {
  ctx: CookieContext;
  /** Which cookie each profile's current session uses (memory of main only), to tell a stale 401. */
  cookies: Map<string, string>;
}

async function clear(state: CookieState, profileId: string): Promise<void> {
  state.cookies.delete(profileId);
  await state.ctx.secrets.delete(sessionAccount(profileId));
  await state.ctx.secrets.delete(sessionUserAccount(profileId));
}

const rememberUser = (state: CookieState, profileId: string, user: LangwatchUser) =>
  state.ctx.secrets.set(sessionUserAccount(profileId), JSON.stringify(user));

async function restore(state: CookieState, profileId: string): Promise<SessionState | null> {
  const { secrets, log, httpFor } = state.ctx;
  const cookie = await secrets.get(sessionAccount(profileId));
  if (!cookie) return null;
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
        await rememberUser(state, profileId, info.user);
      state.cookies.set(profileId, info.refreshedCookie ?? cookie);
      return { kind: 'signed_in', method: 'restored', user: info.user };
    }
    log.info('stored session no longer valid', { profileId });
    await clear(state, profileId);
    return { kind: 'signed_out', reason: 'The saved session has ended. Sign in again.' };
  } catch (error) {
    // Offline at start: keep the cookie; the first 401 will mark it expired.
    log.warn('could not check the stored session', {
      profileId,
      code: isAppError(error) ? error.code : 'internal',
    });
    state.cookies.set(profileId, cookie);
    return {
      kind: 'signed_in',
      method: 'restored',
      user: (await readSessionUser(secrets, profileId)) ?? UNKNOWN_USER,
    };
  }
}

async function adopt(
  state: CookieState,
  profileId: string,
  cookie: string,
  method: 'email' | 'browser',
  user: SignedIn['user'],
): Promise<SessionState> {
  const { secrets, log, setState } = state.ctx;
  await state.ctx.endDevice(profileId);
  await secrets.set(sessionAccount(profileId), cookie);
  await rememberUser(state, profileId, user);
  state.cookies.set(profileId, cookie);
  const session: SessionState = { kind: 'signed_in', method, user };
  log.info('signed in', { profileId, method, userId: user.id });
  setState(profileId, session);
  return session;
}

async function confirmedUser(
  state: CookieState,
  profileId: string,
  signal?: AbortSignal,
): Promise<LangwatchUser | null> {
  const { ctx } = state;
  const loaded = await ctx.loaded(profileId);
  if (loaded.kind !== 'signed_in') return null;
  if (loaded.user.id !== '') return loaded.user;
  const cookie = await ctx.secrets.get(sessionAccount(profileId));
  if (!cookie) return null;
  const info = await auth.getSession({ http: await ctx.httpFor(profileId), cookie, signal });
  if (ctx.known(profileId) !== loaded) return confirmedUser(state, profileId, signal); // changed meanwhile
  if (!info) {
    await ctx.expire(profileId, 'unauthorized');
    return null;
  }
  if (info.refreshedCookie) await ctx.secrets.set(sessionAccount(profileId), info.refreshedCookie);
  await rememberUser(state, profileId, info.user);
  ctx.setState(profileId, { kind: 'signed_in', method: 'restored', user: info.user });
  return info.user;
}

async function signOut(state: CookieState, profileId: string): Promise<void> {
  const { secrets, log, httpFor } = state.ctx;
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
  await clear(state, profileId);
}

/** Creates the cookie part of the session manager. */
export function createCookieSessions(ctx: CookieContext): CookieSessions {
  const { secrets, log, httpFor, setState } = ctx;
  const state: CookieState = { ctx, cookies: new Map() };
  return {
    restore: (profileId) => restore(state, profileId),
    async localState(profileId) {
      if (!(await secrets.get(sessionAccount(profileId)))) return null;
      return {
        kind: 'signed_in',
        method: 'restored',
        user: (await readSessionUser(secrets, profileId)) ?? UNKNOWN_USER,
      };
    },
    async signInWithEmail(profileId, credentials, signal) {
      const http = await httpFor(profileId);
      log.info('email sign-in', { profileId });
      const result = await auth.signInWithEmail({
        http,
        email: credentials.email,
        password: credentials.password,
        signal,
      });
      return adopt(state, profileId, result.cookie, 'email', result.user);
    },
    async completeBrowserSignIn(profileId, cookiePair, signal) {
      const info = await auth.getSession({ http: await httpFor(profileId), cookie: cookiePair, signal });
      if (!info) throw new AppError('auth.not_signed_in', 'The browser window did not finish signing in. Try again.');
      return adopt(state, profileId, info.refreshedCookie ?? cookiePair, 'browser', info.user);
    },
    confirmedUser: (profileId, signal) => confirmedUser(state, profileId, signal),
    expire(profileId, known, reason) {
      log.info('session expired', { profileId, reason });
      state.cookies.delete(profileId);
      setState(profileId, { kind: 'expired', previous: known });
      return clear(state, profileId).catch(() => undefined);
    },
    isCurrent(profileId, cookieUsed) {
      const current = state.cookies.get(profileId);
      return current !== undefined && current === cookieUsed;
    },
    signOut: (profileId) => signOut(state, profileId),
    clear: (profileId) => clear(state, profileId),
  };
}
