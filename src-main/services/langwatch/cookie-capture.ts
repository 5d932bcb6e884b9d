/**
 * Picking the LangWatch session cookie out of a cookie jar: pure functions shared by email
 * sign-in (Set-Cookie headers) and the browser sign-in window (Electron's
 * `session.cookies.get()` results).
 */

/** The two names BetterAuth gives its session cookie (`__Secure-` over https). */
export const SESSION_COOKIE_NAMES = ['better-auth.session_token', '__Secure-better-auth.session_token'] as const;

/** A cookie as a browser jar reports it (Electron's `Cookie` has these fields). */
export interface JarCookie {
  name: string;
  value: string;
  domain?: string;
  path?: string;
  secure?: boolean;
  /** Seconds since the epoch; absent for session cookies. */
  expirationDate?: number;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

function domainMatches(cookieDomain: string | undefined, host: string): boolean {
  if (!cookieDomain) return true; // host-only cookie of the window's own origin
  const domain = cookieDomain.replace(/^\./, '').toLowerCase();
  return host === domain || host.endsWith(`.${domain}`);
}

function pathCovers(cookiePath: string | undefined): boolean {
  // The cookie must be sent to /api/trpc: its path is "/" or a prefix of "/api/trpc".
  if (!cookiePath || cookiePath === '/') return true;
  return '/api/trpc/'.startsWith(cookiePath.endsWith('/') ? cookiePath : `${cookiePath}/`);
}

/**
 * The session cookie pair (`name=value`, value verbatim) for `deploymentUrl`, or null.
 * Ignores other hosts, empty or expired values, and Secure cookies a plain-http deployment
 * would never receive; on an https deployment only a Secure cookie counts (one set without
 * Secure could have come over a plain-http hop); prefers the name matching the scheme.
 */
export function findSessionCookie(
  cookies: readonly JarCookie[],
  deploymentUrl: string,
  nowMs = Date.now(),
): string | null {
  let url: URL;
  try {
    url = new URL(deploymentUrl);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  const https = url.protocol === 'https:';
  const candidates = cookies.filter(
    (c) =>
      (SESSION_COOKIE_NAMES as readonly string[]).includes(c.name) &&
      c.value.trim() !== '' &&
      (c.expirationDate === undefined || c.expirationDate * 1000 > nowMs) &&
      domainMatches(c.domain, host) &&
      pathCovers(c.path) &&
      (https ? c.secure === true : !c.secure || LOOPBACK.test(host)),
  );
  const preferred = https ? '__Secure-better-auth.session_token' : 'better-auth.session_token';
  const chosen = candidates.find((c) => c.name === preferred) ?? candidates[0];
  return chosen ? `${chosen.name}=${chosen.value}` : null;
}

/**
 * The session cookie pair from `Set-Cookie` headers, or null (a cleared cookie, empty or
 * `Max-Age=0`, counts as none). The value is kept exactly as sent: it is replayed verbatim.
 */
export function sessionCookieFromSetCookie(setCookie: string | string[] | undefined): string | null {
  const headers = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  for (const header of headers) {
    const [pair = '', ...attributes] = header.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (!(SESSION_COOKIE_NAMES as readonly string[]).includes(name) || value === '') continue;
    const cleared = attributes.some((a) => /^\s*max-age\s*=\s*(0|-\d+)\s*$/i.test(a));
    if (cleared) continue;
    return `${name}=${value}`;
  }
  return null;
}
