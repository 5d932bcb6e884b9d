/** BetterAuth-style REST: email sign-in (Origin check, rate limit), get-session, logout/sign-out, the sign-in page. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Runtime } from '../runtime';
import { clientIp, escapeHtml, readJsonObject, sendHtml, sendJson } from '../http-util';
import { hashPassword } from '../seed';
import { safeEqual, sha256 } from '../seal';
import { cookieValueFor, createSession, maybeExtend, resolveSession, sessionCookieHeader } from './session';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The request's Origin (or the Referer's origin); null when neither is present. */
function requestOrigin(req: IncomingMessage): string | null {
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') return origin;
  const referer = req.headers.referer;
  if (typeof referer === 'string') {
    try {
      return new URL(referer).origin;
    } catch {
      return null;
    }
  }
  return null;
}

export function originAllowed(rt: Runtime, req: IncomingMessage): boolean {
  return requestOrigin(req) === new URL(rt.urls.langwatch).origin;
}

const invalidOrigin = (res: ServerResponse): void =>
  sendJson(res, 403, { message: 'Invalid origin', code: 'INVALID_ORIGIN' });

function userJson(u: { id: string; name: string; email: string; createdAt: number }): Record<string, unknown> {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    emailVerified: true,
    image: null,
    createdAt: new Date(u.createdAt).toISOString(),
    updatedAt: new Date(u.createdAt).toISOString(),
  };
}

async function signIn(rt: Runtime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const limit = rt.limiter.hit(
    `signin:${clientIp(req)}`,
    rt.settings.signInLimit,
    rt.settings.signInWindowMs,
    rt.now(),
  );
  if (!limit.allowed) {
    const retry = Math.max(1, Math.ceil((limit.resetAt - rt.now()) / 1000));
    sendJson(
      res,
      429,
      { code: 'TOO_MANY_REQUESTS', message: 'Too many requests. Please try again later.' },
      { 'X-Retry-After': String(retry) },
    );
    return;
  }
  if (!originAllowed(rt, req)) return invalidOrigin(res);
  if (!rt.store.emailPasswordEnabled) {
    sendJson(res, 400, { code: 'EMAIL_PASSWORD_DISABLED', message: 'Email and password sign-in is not enabled' });
    return;
  }
  const body = await readJsonObject(req);
  const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
  const password = typeof body?.password === 'string' ? body.password : '';
  if (!EMAIL_RE.test(email)) {
    sendJson(res, 400, { code: 'INVALID_EMAIL', message: 'Invalid email' });
    return;
  }
  const user = [...rt.store.users.values()].find((u) => u.email === email);
  if (!user || !safeEqual(hashPassword(user.id, password), user.passwordHash)) {
    sendJson(res, 401, { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' });
    return;
  }
  const { cookieValue, token } = createSession(rt, user.id);
  const cookie = sessionCookieHeader(cookieValue);
  const callback = typeof body?.callbackURL === 'string' ? body.callbackURL : null;
  const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  if (isForm && callback && callback.startsWith('/')) {
    res.writeHead(302, { location: callback, 'set-cookie': cookie, 'content-length': 0 });
    res.end();
    return;
  }
  sendJson(res, 200, { redirect: false, token, user: userJson(user) }, { 'set-cookie': cookie });
}

function getSession(rt: Runtime, req: IncomingMessage, res: ServerResponse): void {
  const auth = resolveSession(rt, req.headers.cookie);
  if (!auth) {
    sendJson(res, 200, null);
    return;
  }
  const headers: Record<string, string> = {};
  if (maybeExtend(rt, auth.session)) headers['set-cookie'] = sessionCookieHeader(cookieValueFor(rt, auth.token));
  const s = auth.session;
  sendJson(
    res,
    200,
    {
      session: {
        id: s.id,
        userId: s.userId,
        expiresAt: new Date(s.expiresAt).toISOString(),
        createdAt: new Date(s.createdAt).toISOString(),
        updatedAt: new Date(s.updatedAt).toISOString(),
        ipAddress: clientIp(req),
        userAgent: req.headers['user-agent'] ?? '',
      },
      user: userJson(auth.user),
    },
    headers,
  );
}

function signOut(rt: Runtime, req: IncomingMessage, res: ServerResponse): void {
  const auth = resolveSession(rt, req.headers.cookie);
  if (auth) {
    rt.store.sessions.delete(sha256(auth.token));
    rt.store.touch();
  }
  sendJson(res, 200, { success: true }, { 'set-cookie': sessionCookieHeader('', 0) });
}

function signInPage(url: URL): string {
  const callback = url.searchParams.get('callbackUrl') ?? '/';
  const safeCallback = callback.startsWith('/') && !callback.startsWith('//') ? callback : '/';
  return `<!doctype html><html><head><meta charset="utf-8"><title>Sign in — LangWatch (emulator)</title></head>
<body style="font-family:sans-serif;max-width:360px;margin:60px auto">
<h1>Sign in to LangWatch</h1>
<form id="f" method="post" action="/api/auth/sign-in/email">
<input type="hidden" name="callbackURL" value="${escapeHtml(safeCallback)}">
<label>Email <input name="email" type="email" autocomplete="username" required></label><br><br>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label><br><br>
<button type="submit">Sign in</button>
<p id="err" role="alert" style="color:#b00"></p>
</form>
<script>
document.getElementById('f').addEventListener('submit', async (e) => {
  e.preventDefault();
  const fd = new FormData(e.target);
  const r = await fetch('/api/auth/sign-in/email', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: fd.get('email'), password: fd.get('password'), rememberMe: true }) });
  if (r.ok) { location.href = ${JSON.stringify(safeCallback).replace(/</g, '\\u003c')}; return; }
  const j = await r.json().catch(() => ({}));
  document.getElementById('err').textContent = j.message || ('Sign-in failed (' + r.status + ')');
});
</script></body></html>`;
}

/** Routes `/api/auth/*` (except the CLI) and `/auth/signin`; returns false when not ours. */
export async function handleAuth(rt: Runtime, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const p = url.pathname;
  if (p === '/auth/signin' && req.method === 'GET') {
    sendHtml(res, 200, signInPage(url));
    return true;
  }
  if (p === '/api/auth/sign-in/email' && req.method === 'POST') {
    await signIn(rt, req, res);
    return true;
  }
  if (p === '/api/auth/get-session' && req.method === 'GET') {
    getSession(rt, req, res);
    return true;
  }
  if (p === '/api/auth/logout' && req.method === 'POST') {
    signOut(rt, req, res);
    return true;
  }
  if (p === '/api/auth/sign-out' && req.method === 'POST') {
    if (!originAllowed(rt, req)) invalidOrigin(res);
    else signOut(rt, req, res);
    return true;
  }
  return false;
}
