/** CLI device flow under /api/auth/cli: device-code, lookup, approval page, approve/deny, exchange, refresh, logout. */
import { randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Runtime } from '../runtime';
import { escapeHtml, readJsonObject, redirect, sendHtml, sendJson } from '../http-util';
import { randomToken, sha256 } from '../seal';
import type { CliTokenRecord, DeviceRecord } from '../types';
import { resolveSession } from './session';

export const DEVICE_TTL_MS = 600_000;
export const ACCESS_TTL_MS = 3_600_000;
export const REFRESH_TTL_MS = 30 * 24 * 3_600_000;
const MIN_POLL_MS = 4_000;

const oauthError = (res: ServerResponse, status: number, error: string, description: string): void =>
  sendJson(res, status, { error, error_description: description });

const ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
function userCode(): string {
  const part = (): string => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${part()}-${part()}`;
}

export function findByUserCode(rt: Runtime, code: string): DeviceRecord | undefined {
  const wanted = code.trim().toUpperCase();
  for (const d of rt.store.devices.values()) if (d.userCode === wanted) return d;
  return undefined;
}

/** Approves a pending device code for a user and organisation (also used by the control surface). */
export function approve(rt: Runtime, d: DeviceRecord, userId: string, organizationId: string): 'ok' | 'expired' | 'not_pending' | 'forbidden' {
  if (d.expiresAt <= rt.now()) return 'expired';
  if (d.status !== 'pending') return 'not_pending';
  const org = rt.store.orgs.get(organizationId);
  if (!org?.members.some((m) => m.userId === userId)) return 'forbidden';
  d.status = 'approved'; d.userId = userId; d.organizationId = organizationId;
  rt.store.touch();
  return 'ok';
}

/** Issues an access/refresh pair bound to one organisation. */
export function issueTokens(rt: Runtime, userId: string, organizationId: string): { access: string; refresh: string } {
  const access = randomToken('lw_at_', 24);
  const refresh = randomToken('lw_rt_', 24);
  const now = rt.now();
  const a: CliTokenRecord = { hash: sha256(access), kind: 'access', userId, organizationId, expiresAt: now + ACCESS_TTL_MS, pairHash: sha256(refresh) };
  const r: CliTokenRecord = { hash: sha256(refresh), kind: 'refresh', userId, organizationId, expiresAt: now + REFRESH_TTL_MS, pairHash: a.hash };
  rt.store.cliTokens.set(a.hash, a);
  rt.store.cliTokens.set(r.hash, r);
  rt.store.touch();
  return { access, refresh };
}

function tokenResponse(rt: Runtime, userId: string, organizationId: string): Record<string, unknown> {
  const { access, refresh } = issueTokens(rt, userId, organizationId);
  const user = rt.store.users.get(userId);
  const org = rt.store.orgs.get(organizationId);
  return {
    access_token: access, token_type: 'Bearer', expires_in: ACCESS_TTL_MS / 1000, refresh_token: refresh,
    refresh_expires_in: REFRESH_TTL_MS / 1000, scope: 'governance:read',
    user: { id: userId, email: user?.email ?? null, name: user?.name ?? null },
    organization: { id: organizationId, name: org?.name ?? '', slug: org?.slug ?? '' },
    endpoint: rt.urls.langwatch,
  };
}

function revokePair(rt: Runtime, hash: string): void {
  const rec = rt.store.cliTokens.get(hash);
  if (!rec) return;
  rt.store.cliTokens.delete(hash);
  rt.store.cliTokens.delete(rec.pairHash);
  rt.store.touch();
}

function approvalPage(rt: Runtime, d: DeviceRecord | undefined, code: string, userId: string): string {
  const orgs = [...rt.store.orgs.values()].filter((o) => o.members.some((m) => m.userId === userId));
  const body = !d ? '<p>Unknown or missing code.</p>'
    : d.expiresAt <= rt.now() ? '<p>This code has expired. Start again from the CLI.</p>'
    : d.status !== 'pending' ? `<p>This request was already ${escapeHtml(d.status)}.</p>`
    : `<p>A command-line tool asks for read-only access. Code: <strong>${escapeHtml(d.userCode)}</strong></p>
<label>Organization <select id="org">${orgs.map((o) => `<option value="${escapeHtml(o.id)}">${escapeHtml(o.name)}</option>`).join('')}</select></label>
<p><button id="approve">Approve</button> <button id="deny">Deny</button></p><p id="out" role="status"></p>
<script>
const code = ${JSON.stringify(code).replace(/</g, '\\u003c')};
async function send(path, body) {
  const r = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  document.getElementById('out').textContent = r.ok ? 'Done. You can close this window.' : 'Failed (' + r.status + ')';
}
document.getElementById('approve').onclick = () => send('/api/auth/cli/approve', { user_code: code, organization_id: document.getElementById('org').value });
document.getElementById('deny').onclick = () => send('/api/auth/cli/deny', { user_code: code });
</script>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Authorize CLI — LangWatch (emulator)</title></head><body style="font-family:sans-serif;max-width:480px;margin:60px auto"><h1>Authorize CLI access</h1>${body}</body></html>`;
}

/** Routes the device flow; returns false when the path is not ours. */
export async function handleDeviceFlow(rt: Runtime, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const p = url.pathname;
  const now = rt.now();
  if (p === '/cli/auth' && req.method === 'GET') {
    const auth = resolveSession(rt, req.headers.cookie);
    if (!auth) { redirect(res, `/auth/signin?callbackUrl=${encodeURIComponent(url.pathname + url.search)}`); return true; }
    const code = url.searchParams.get('user_code') ?? '';
    sendHtml(res, 200, approvalPage(rt, findByUserCode(rt, code), code, auth.user.id));
    return true;
  }
  if (!p.startsWith('/api/auth/cli/') || p.startsWith('/api/auth/cli/governance/')) return false;
  const action = p.slice('/api/auth/cli/'.length);
  if (action === 'lookup' && (req.method === 'GET' || req.method === 'POST')) {
    const body = req.method === 'POST' ? await readJsonObject(req) : null;
    const code = String(body?.user_code ?? url.searchParams.get('user_code') ?? '');
    const d = findByUserCode(rt, code);
    if (!d) { oauthError(res, 404, 'not_found', 'Unknown user code'); return true; }
    const status = d.expiresAt <= now ? 'expired' : d.status;
    sendJson(res, 200, { user_code: d.userCode, status, expires_in: Math.max(0, Math.ceil((d.expiresAt - now) / 1000)) });
    return true;
  }
  if (req.method !== 'POST') { oauthError(res, 405, 'method_not_allowed', 'Use POST'); return true; }
  const body = (await readJsonObject(req)) ?? {};
  switch (action) {
    case 'device-code': {
      const deviceCode = randomToken('lw_dc_', 24);
      const d: DeviceRecord = { deviceCodeHash: sha256(deviceCode), userCode: userCode(), createdAt: now, expiresAt: now + DEVICE_TTL_MS, status: 'pending', userId: null, organizationId: null, lastPollAt: null };
      rt.store.devices.set(d.deviceCodeHash, d);
      rt.store.touch();
      const verification = `${rt.urls.langwatch}/cli/auth`;
      sendJson(res, 200, { device_code: deviceCode, user_code: d.userCode, verification_uri: verification,
        verification_uri_complete: `${verification}?user_code=${d.userCode}`, expires_in: DEVICE_TTL_MS / 1000, interval: 5 });
      return true;
    }
    case 'approve':
    case 'deny': {
      const auth = resolveSession(rt, req.headers.cookie);
      if (!auth) { oauthError(res, 401, 'unauthorized', 'Sign in first'); return true; }
      const d = findByUserCode(rt, String(body.user_code ?? ''));
      if (!d) { oauthError(res, 404, 'not_found', 'Unknown user code'); return true; }
      if (action === 'deny') {
        if (d.status === 'pending') { d.status = 'denied'; rt.store.touch(); }
        sendJson(res, 200, { success: true });
        return true;
      }
      const r = approve(rt, d, auth.user.id, String(body.organization_id ?? ''));
      if (r === 'ok') sendJson(res, 200, { success: true });
      else if (r === 'expired') oauthError(res, 408, 'expired_token', 'The code has expired');
      else if (r === 'forbidden') oauthError(res, 403, 'forbidden', 'Not a member of this organization');
      else oauthError(res, 400, 'invalid_request', 'The request is no longer pending');
      return true;
    }
    case 'exchange': {
      const d = rt.store.devices.get(sha256(String(body.device_code ?? '')));
      if (!d || d.status === 'consumed') { oauthError(res, 400, 'invalid_grant', 'Unknown or used device code'); return true; }
      const last = d.lastPollAt;
      d.lastPollAt = now;
      if (last !== null && now - last < MIN_POLL_MS) { oauthError(res, 429, 'slow_down', 'Polling too fast'); return true; }
      if (d.expiresAt <= now) { oauthError(res, 408, 'expired_token', 'The device code has expired'); return true; }
      if (d.status === 'denied') { oauthError(res, 410, 'access_denied', 'The request was denied'); return true; }
      if (d.status === 'pending') { oauthError(res, 428, 'authorization_pending', 'Waiting for approval'); return true; }
      d.status = 'consumed';
      rt.store.touch();
      sendJson(res, 200, tokenResponse(rt, d.userId!, d.organizationId!));
      return true;
    }
    case 'refresh': {
      const rec = rt.store.cliTokens.get(sha256(String(body.refresh_token ?? '')));
      if (!rec || rec.kind !== 'refresh' || rec.expiresAt <= now) { oauthError(res, 401, 'invalid_grant', 'Sign in again'); return true; }
      revokePair(rt, rec.hash);
      sendJson(res, 200, tokenResponse(rt, rec.userId, rec.organizationId));
      return true;
    }
    case 'logout': {
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (bearer) revokePair(rt, sha256(bearer));
      if (typeof body.refresh_token === 'string') revokePair(rt, sha256(body.refresh_token));
      sendJson(res, 200, { success: true });
      return true;
    }
    default:
      oauthError(res, 404, 'not_found', 'Unknown endpoint');
      return true;
  }
}
