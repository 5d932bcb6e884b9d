/**
 * BetterAuth session endpoints (contract §3, §7): email sign-in returning the exact session
 * cookie pair, session check, sign-out. The password is sent once and kept nowhere: not in a
 * field, a log line or an error.
 */
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { retryAfterOf } from '../http/retry-after';
import { type LangwatchUser } from '../../../src-shared/domain/langwatch';
import { createLangwatchHttp, unexpectedAnswer, type HttpResponse, type LangwatchHttp } from './http';
import { sessionCookieFromSetCookie } from './cookie-capture';
import { parseAnswer, toIsoOrNull } from './schemas';
import { formatCountdown } from '../../../src-shared/domain/duration';

/** Where to talk to: a base URL, or a ready request function for that deployment. */
export interface AuthTarget {
  baseUrl?: string;
  http?: LangwatchHttp;
  signal?: AbortSignal;
}

/** A fresh cookie session. `cookie` is the full `name=value` pair: a secret. */
export interface SignedInSession {
  cookie: string;
  user: LangwatchUser;
}

const WireUser = z.object({
  id: z.string(),
  email: z.string().nullable().optional(),
  name: z.string().nullable().optional(),
});
const toUser = (u: z.infer<typeof WireUser>): LangwatchUser => ({
  id: u.id,
  email: u.email ?? null,
  name: u.name ?? null,
});

function httpFor(target: AuthTarget): LangwatchHttp {
  if (target.http) return target.http;
  if (!target.baseUrl) throw new AppError('invalid_argument', 'No deployment URL given.');
  return createLangwatchHttp({ baseUrl: target.baseUrl });
}

function bodyOf(res: HttpResponse): Record<string, unknown> {
  try {
    const parsed = JSON.parse(res.text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Signs in with email and password; returns the session cookie pair and the user. */
export async function signInWithEmail(
  target: AuthTarget & { email: string; password: string },
): Promise<SignedInSession> {
  const http = httpFor(target);
  const path = '/api/auth/sign-in/email';
  const res = await http.request({
    method: 'POST',
    path,
    // BetterAuth rejects sign-ins without an Origin equal to the deployment (CSRF guard).
    headers: { origin: http.origin },
    json: { email: target.email, password: target.password, rememberMe: true },
    signal: target.signal,
  });
  const body = bodyOf(res);
  const code = typeof body.code === 'string' ? body.code : undefined;
  const details = { httpStatus: res.status, path, ...(code ? { serverCode: code } : {}) };
  if (res.status === 200) {
    const cookie = sessionCookieFromSetCookie(res.headers['set-cookie']);
    if (!cookie) throw unexpectedAnswer(path, res.status, 'the sign-in set no session cookie');
    const user = parseAnswer(z.object({ user: WireUser }), body, path).user;
    return { cookie, user: toUser(user) };
  }
  if (res.status === 401 || (res.status === 400 && code === 'INVALID_EMAIL')) {
    throw new AppError(
      'auth.invalid_credentials',
      'The email or password is not right. Check them and try again.',
      details,
    );
  }
  if (res.status === 400 && code === 'EMAIL_PASSWORD_DISABLED') {
    throw new AppError(
      'auth.password_disabled',
      'This deployment signs in with SSO: use Sign in with browser.',
      details,
    );
  }
  if (res.status === 429) {
    const retryAfterSec = retryAfterOf(res.headers, 'x-retry-after', 'retry-after');
    throw new AppError(
      'auth.rate_limited',
      `Too many sign-in attempts from this network.${retryAfterSec === undefined ? '' : ` Try again in ${formatCountdown(retryAfterSec)}.`}`,
      retryAfterSec === undefined ? details : { ...details, retryAfterSec },
    );
  }
  if (res.status === 403 && code === 'INVALID_ORIGIN') {
    throw new AppError(
      'auth.invalid_origin',
      'The deployment refused the sign-in because of its trusted-origins setting. Check the deployment URL (it must be the one LangWatch is configured with).',
      details,
    );
  }
  if (res.status >= 500)
    throw new AppError(
      'langwatch.server_error',
      'LangWatch had an internal error during sign-in. Try again later.',
      details,
    );
  throw unexpectedAnswer(path, res.status, `sign-in answered HTTP ${res.status}`);
}

/** A session as the server sees it; `refreshedCookie` is set when the server re-issued it. */
export interface SessionInfo {
  user: LangwatchUser;
  expiresAt: string | null;
  refreshedCookie: string | null;
}

/** Checks a cookie: the session, or null when it is not (or no longer) valid. */
export async function getSession(target: AuthTarget & { cookie: string }): Promise<SessionInfo | null> {
  const http = httpFor(target);
  const path = '/api/auth/get-session';
  const res = await http.request({ method: 'GET', path, headers: { cookie: target.cookie }, signal: target.signal });
  if (res.status === 401 || res.status === 403) return null;
  if (res.status >= 500)
    throw new AppError('langwatch.server_error', 'LangWatch had an internal error. Try again later.', {
      httpStatus: res.status,
      path,
    });
  if (res.status !== 200) throw unexpectedAnswer(path, res.status, `session check answered HTTP ${res.status}`);
  let json: unknown;
  try {
    json = JSON.parse(res.text);
  } catch {
    throw unexpectedAnswer(path, res.status, 'the answer is not JSON');
  }
  if (json === null) return null;
  const parsed = parseAnswer(
    z.object({ session: z.object({ expiresAt: z.union([z.string(), z.null()]).optional() }), user: WireUser }),
    json,
    path,
  );
  return {
    user: toUser(parsed.user),
    expiresAt: toIsoOrNull(parsed.session.expiresAt),
    refreshedCookie: sessionCookieFromSetCookie(res.headers['set-cookie']),
  };
}

/** Revokes the session server-side (`POST /api/auth/logout`); an already-dead session is fine. */
export async function signOut(target: AuthTarget & { cookie: string }): Promise<void> {
  const http = httpFor(target);
  const path = '/api/auth/logout';
  const res = await http.request({
    method: 'POST',
    path,
    headers: { cookie: target.cookie },
    json: {},
    signal: target.signal,
  });
  if (res.status < 300 || res.status === 401) return;
  if (res.status >= 500)
    throw new AppError('langwatch.server_error', 'LangWatch had an internal error while signing out.', {
      httpStatus: res.status,
      path,
    });
  throw unexpectedAnswer(path, res.status, `sign-out answered HTTP ${res.status}`);
}
