/** BetterAuth-style sessions: signed, percent-encoded `better-auth.session_token` cookies. */
import { createHmac } from 'node:crypto';
import { randomToken, safeEqual, sha256 } from '../seal';
import type { Runtime } from '../runtime';
import type { SessionRecord, UserRecord } from '../types';
import { parseCookies } from '../http-util';

export const SESSION_COOKIE = 'better-auth.session_token';
export const SESSION_TTL_MS = 30 * 24 * 3_600_000;
/** BetterAuth refreshes a session's expiry at most once a day (updateAge). */
const UPDATE_AGE_MS = 24 * 3_600_000;

function sign(rt: Runtime, token: string): string {
  return createHmac('sha256', rt.cookieSecret).update(token).digest('base64');
}

/** Creates a session and returns its cookie value (`token.signature`, percent-encoded) and the bare token. */
export function createSession(
  rt: Runtime,
  userId: string,
): { cookieValue: string; token: string; session: SessionRecord } {
  const token = randomToken('', 24);
  const now = rt.now();
  const session: SessionRecord = {
    id: randomToken('ses_', 9),
    tokenHash: sha256(token),
    userId,
    createdAt: now,
    updatedAt: now,
    expiresAt: now + SESSION_TTL_MS,
  };
  rt.store.sessions.set(session.tokenHash, session);
  rt.store.touch();
  return { cookieValue: encodeURIComponent(`${token}.${sign(rt, token)}`), token, session };
}

/** A Set-Cookie header for a session cookie (or an expired one to clear it). */
export function sessionCookieHeader(cookieValue: string, maxAgeSec = SESSION_TTL_MS / 1000): string {
  return `${SESSION_COOKIE}=${cookieValue}; Max-Age=${maxAgeSec}; Path=/; HttpOnly; SameSite=Lax`;
}

/** Re-signs the token of a stored session for a refreshed cookie; needs the raw token from the request. */
export function cookieValueFor(rt: Runtime, token: string): string {
  return encodeURIComponent(`${token}.${sign(rt, token)}`);
}

export interface ResolvedSession {
  session: SessionRecord;
  user: UserRecord;
  token: string;
}

/** Resolves the session from a Cookie header; only the full signed value is accepted. */
export function resolveSession(rt: Runtime, cookieHeader: string | undefined): ResolvedSession | null {
  const cookies = parseCookies(cookieHeader);
  const raw = cookies.get(SESSION_COOKIE) ?? cookies.get(`__Secure-${SESSION_COOKIE}`);
  if (!raw) return null;
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return null;
  const token = value.slice(0, dot);
  if (!safeEqual(value.slice(dot + 1), sign(rt, token))) return null;
  const session = rt.store.sessions.get(sha256(token));
  if (!session || session.expiresAt <= rt.now()) return null;
  const user = rt.store.users.get(session.userId);
  return user ? { session, user, token } : null;
}

/** Extends a session if its last refresh is older than a day; returns whether it changed. */
export function maybeExtend(rt: Runtime, session: SessionRecord): boolean {
  const now = rt.now();
  if (session.expiresAt - now > SESSION_TTL_MS - UPDATE_AGE_MS) return false;
  session.expiresAt = now + SESSION_TTL_MS;
  session.updatedAt = now;
  rt.store.touch();
  return true;
}
