/**
 * The CLI device flow under /api/auth/cli, route by route as LangWatch's auth-cli.ts answers:
 * device-code, exchange, refresh, logout (CLI side); lookup, approve, deny and the /cli/auth
 * page (browser side, session cookie). No rate limit applies here.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Runtime } from '../runtime';
import { escapeHtml, readJsonObject, redirect, sendHtml, sendJson } from '../http-util';
import { sha256 } from '../seal';
import type { DeviceRecord } from '../types';
import {
  ACCESS_TTL_MS,
  REFRESH_TTL_MS,
  ensurePersonalWorkspace,
  isMember,
  issueTokens,
  mintCliKey,
  revokeCliKeys,
} from './cli-tokens';
import { resolveSession } from './session';

export const DEVICE_TTL_MS = 600_000;
const POLL_WINDOW_MS = 4_000;

const oauthError = (res: ServerResponse, status: number, error: string, description: string): void =>
  sendJson(res, status, { error, error_description: description });

/** RFC 8628 user code: 8 characters of a base32 alphabet without 0/O/1/I/L/U, dashed in the middle. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
function userCode(): string {
  const chars = Array.from(randomBytes(8), (b) => ALPHABET[b % ALPHABET.length]!);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

export function findByUserCode(rt: Runtime, code: string): DeviceRecord | undefined {
  const wanted = code.toUpperCase();
  for (const d of rt.store.devices.values()) if (d.userCode === wanted) return d;
  return undefined;
}

/**
 * Approves a pending code for a user and organisation (also the control surface's way in).
 * A device-session approval ensures the personal workspace and stamps the default key
 * selection; it mints nothing (the CLI key is minted by /exchange).
 */
export function approve(
  rt: Runtime,
  d: DeviceRecord,
  userId: string,
  organizationId: string,
): 'ok' | 'expired' | 'not_pending' | 'forbidden' {
  if (!isMember(rt, userId, organizationId)) return 'forbidden';
  if (rt.now() > d.expiresAt) return 'expired';
  if (d.status !== 'pending') return 'not_pending';
  ensurePersonalWorkspace(rt, userId, organizationId);
  d.status = 'approved';
  d.userId = userId;
  d.organizationId = organizationId;
  d.keySelection = true;
  rt.store.touch();
  return 'ok';
}

function approvalPage(rt: Runtime, d: DeviceRecord | undefined, code: string, userId: string): string {
  const orgs = [...rt.store.orgs.values()].filter((o) => o.members.some((m) => m.userId === userId));
  const body = !d
    ? '<p>Code not recognised — it may have expired.</p>'
    : d.expiresAt <= rt.now()
      ? '<p>Code has expired — restart <code>langwatch login</code>.</p>'
      : d.status !== 'pending'
        ? `<p>This request was already ${escapeHtml(d.status)}.</p>`
        : `<p>A command-line tool asks for read-only access. Code: <strong>${escapeHtml(d.userCode)}</strong></p>
<p>Approving creates a personal workspace for you in the organisation and an API key for this device; signing out of the tool revokes the key.</p>
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

const deviceCodeBody = z.object({
  scopes: z.array(z.string()).optional(),
  credential_type: z.enum(['device_session', 'project_api_key']).default('device_session'),
});
const exchangeBody = z.object({
  device_code: z.string().min(1),
  client_info: z
    .object({
      device_label: z.string().max(128).optional(),
      hostname: z.string().max(255).optional(),
      uname: z.string().max(64).optional(),
      platform: z.string().max(32).optional(),
    })
    .optional(),
});
const approveBody = z.object({
  user_code: z.string().min(1),
  organization_id: z.string().min(1),
  project_id: z.string().optional(),
});
const denyBody = z.object({ user_code: z.string().min(1) });
const refreshBody = z.object({ refresh_token: z.string().min(1) });
const logoutBody = z.object({ refresh_token: z.string().optional(), access_token: z.string().optional() });

type Route = (rt: Runtime, req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

/** Hono answers an unmatched method or path with a plain-text 404. */
function honoNotFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=UTF-8' });
  res.end('404 Not Found');
}

const body = async (req: IncomingMessage): Promise<unknown> => (await readJsonObject(req)) ?? {};

const deviceCode: Route = async (rt, req, res) => {
  const parsed = deviceCodeBody.safeParse(await body(req));
  if (!parsed.success) {
    oauthError(res, 400, 'invalid_request', parsed.error.issues[0]?.message ?? 'invalid body');
    return;
  }
  const code = randomBytes(32).toString('base64url');
  const now = rt.now();
  const d: DeviceRecord = {
    deviceCodeHash: sha256(code),
    userCode: userCode(),
    createdAt: now,
    expiresAt: now + DEVICE_TTL_MS,
    status: 'pending',
    credentialType: parsed.data.credential_type,
    userId: null,
    organizationId: null,
    keySelection: false,
  };
  rt.store.devices.set(d.deviceCodeHash, d);
  rt.store.touch();
  // Built from the deployment's configured public URL, which may differ from the address used.
  const verification = `${rt.publicUrl()}/cli/auth`;
  sendJson(res, 200, {
    device_code: code,
    user_code: d.userCode,
    verification_uri: verification,
    verification_uri_complete: `${verification}?user_code=${encodeURIComponent(d.userCode)}`,
    expires_in: DEVICE_TTL_MS / 1000,
    interval: 5,
  });
};

const exchange: Route = async (rt, req, res) => {
  const parsed = exchangeBody.safeParse(await body(req));
  if (!parsed.success) {
    oauthError(res, 400, 'invalid_request', 'device_code is required');
    return;
  }
  const hash = sha256(parsed.data.device_code);
  const now = rt.now();
  // The poll window comes first, for known and unknown codes alike (SET NX EX 4).
  const windowEnds = rt.store.pollWindows.get(hash);
  if (windowEnds !== undefined && now < windowEnds) {
    oauthError(res, 429, 'slow_down', 'Polling too fast. Increase your interval before retrying.');
    return;
  }
  rt.store.pollWindows.set(hash, now + POLL_WINDOW_MS);
  const d = rt.store.devices.get(hash);
  if (!d) {
    oauthError(res, 408, 'expired_token', 'Device code expired or unknown');
    return;
  }
  const drop = (): void => {
    rt.store.devices.delete(hash);
    rt.store.touch();
  };
  if (now > d.expiresAt) {
    drop();
    oauthError(res, 408, 'expired_token', 'Device code expired');
    return;
  }
  if (d.status === 'denied') {
    drop();
    oauthError(res, 410, 'access_denied', 'Authorization request was denied by the user');
    return;
  }
  if (d.status === 'pending' || !d.userId || !d.organizationId) {
    oauthError(res, 428, 'authorization_pending', 'User has not yet completed authorization');
    return;
  }
  const user = rt.store.users.get(d.userId);
  const org = rt.store.orgs.get(d.organizationId);
  if (!user || !org) {
    oauthError(res, 500, 'server_error', 'User or organization no longer exists');
    return;
  }
  if (!isMember(rt, user.id, org.id)) {
    drop();
    rt.store.pollWindows.delete(hash);
    oauthError(res, 410, 'access_denied', 'Not an active member of the organization');
    return;
  }
  const workspace = ensurePersonalWorkspace(rt, user.id, org.id);
  const clientInfo = parsed.data.client_info ? { ...parsed.data.client_info, session_started_at: now } : undefined;
  const minted = d.keySelection ? mintCliKey(rt, user.id, org.id, clientInfo) : null;
  const { access, refresh } = issueTokens(rt, {
    userId: user.id,
    organizationId: org.id,
    clientInfo,
    cliKeyId: minted?.key.id,
  });
  drop();
  const projectKey = `sk-lw-project-${sha256(workspace.projectId).slice(0, 32)}`;
  rt.store.issuedSecrets.push(projectKey, ...(minted ? [minted.token] : []));
  sendJson(res, 200, {
    kind: 'device_session',
    access_token: access,
    token_type: 'Bearer',
    expires_in: ACCESS_TTL_MS / 1000,
    refresh_token: refresh,
    refresh_expires_in: REFRESH_TTL_MS / 1000,
    user: { id: user.id, email: user.email, name: user.name },
    organization: { id: org.id, name: org.name, slug: org.slug },
    personal_project: {
      id: workspace.projectId,
      slug: workspace.projectSlug,
      name: 'Personal workspace',
      api_key: projectKey,
    },
    ...(minted
      ? {
          cli_api_key: minted.token,
          cli_api_key_scope: {
            kind: 'organization',
            project_ids: [],
            permissions: ['ingestionSources:view', 'activityMonitor:view'],
          },
        }
      : {}),
    endpoint: rt.publicUrl(),
  });
};

const refresh: Route = async (rt, req, res) => {
  const parsed = refreshBody.safeParse(await body(req));
  if (!parsed.success) {
    oauthError(res, 400, 'invalid_request', 'refresh_token is required');
    return;
  }
  const rec = rt.store.cliTokens.get(sha256(parsed.data.refresh_token));
  if (!rec || rec.kind !== 'refresh') {
    oauthError(res, 401, 'invalid_grant', 'Refresh token is invalid or revoked');
    return;
  }
  const drop = (): void => {
    rt.store.cliTokens.delete(rec.hash);
    rt.store.touch();
  };
  if (rt.now() > rec.expiresAt) {
    drop();
    oauthError(res, 401, 'invalid_grant', 'Refresh token has expired');
    return;
  }
  if (!isMember(rt, rec.userId, rec.organizationId)) {
    drop();
    oauthError(
      res,
      401,
      'invalid_grant',
      'Your access to this organization is no longer active. Please run `langwatch login` to start a new session.',
    );
    return;
  }
  // Rotation deletes the old refresh token only: the old access token lives out its hour.
  drop();
  const pair = issueTokens(rt, {
    userId: rec.userId,
    organizationId: rec.organizationId,
    clientInfo: rec.clientInfo,
    cliKeyId: rec.cliKeyId,
  });
  sendJson(res, 200, {
    access_token: pair.access,
    token_type: 'Bearer',
    expires_in: ACCESS_TTL_MS / 1000,
    refresh_token: pair.refresh,
    refresh_expires_in: REFRESH_TTL_MS / 1000,
  });
};

const logout: Route = async (rt, req, res) => {
  // Only the body counts: an Authorization header revokes nothing. Always 200.
  const parsed = logoutBody.safeParse(await body(req));
  if (parsed.success) {
    const keyIds = new Set<string>();
    for (const [token, kind] of [
      [parsed.data.refresh_token, 'refresh'],
      [parsed.data.access_token, 'access'],
    ] as const) {
      if (!token) continue;
      const rec = rt.store.cliTokens.get(sha256(token));
      if (!rec || rec.kind !== kind) continue;
      if (rec.cliKeyId) keyIds.add(rec.cliKeyId);
      rt.store.cliTokens.delete(rec.hash);
    }
    revokeCliKeys(rt, keyIds);
  }
  sendJson(res, 200, { ok: true });
};

const lookup: Route = (rt, req, res, url) => {
  if (!resolveSession(rt, req.headers.cookie)) {
    oauthError(res, 401, 'unauthorized', 'Sign in to continue');
    return;
  }
  const code = url.searchParams.get('user_code');
  if (!code) {
    oauthError(res, 400, 'invalid_request', 'user_code is required');
    return;
  }
  const d = findByUserCode(rt, code);
  if (!d) {
    oauthError(res, 404, 'not_found', 'Code not recognised — it may have expired');
    return;
  }
  if (rt.now() > d.expiresAt) {
    oauthError(res, 410, 'expired', 'Code has expired — restart `langwatch login`');
    return;
  }
  sendJson(res, 200, {
    user_code: d.userCode,
    status: d.status,
    created_at: d.createdAt,
    expires_at: d.expiresAt,
    credential_type: d.credentialType,
  });
};

const approveRoute: Route = async (rt, req, res) => {
  const auth = resolveSession(rt, req.headers.cookie);
  if (!auth) {
    oauthError(res, 401, 'unauthorized', 'Sign in to continue');
    return;
  }
  const parsed = approveBody.safeParse(await body(req));
  if (!parsed.success) {
    oauthError(res, 400, 'invalid_request', 'user_code and organization_id are required');
    return;
  }
  const { user_code, organization_id } = parsed.data;
  if (!isMember(rt, auth.user.id, organization_id)) {
    oauthError(res, 403, 'forbidden', `Not a member of organization ${organization_id}`);
    return;
  }
  const d = findByUserCode(rt, user_code);
  if (!d) {
    oauthError(res, 404, 'not_found', 'Code not recognised');
    return;
  }
  if (rt.now() > d.expiresAt) {
    oauthError(res, 410, 'expired', 'Code has expired');
    return;
  }
  if (d.status !== 'pending') {
    oauthError(res, 409, 'already_resolved', `Code is in '${d.status}' state — restart langwatch login`);
    return;
  }
  if (d.credentialType === 'project_api_key') {
    oauthError(res, 400, 'invalid_request', 'project_id is required when credential_type is project_api_key');
    return;
  }
  approve(rt, d, auth.user.id, organization_id);
  sendJson(res, 200, { ok: true, organization_id });
};

const deny: Route = async (rt, req, res) => {
  if (!resolveSession(rt, req.headers.cookie)) {
    oauthError(res, 401, 'unauthorized', 'Sign in to continue');
    return;
  }
  const parsed = denyBody.safeParse(await body(req));
  if (!parsed.success) {
    oauthError(res, 400, 'invalid_request', 'user_code is required');
    return;
  }
  const d = findByUserCode(rt, parsed.data.user_code);
  // Unknown codes are a no-op; a known one is denied whatever its state.
  if (d) {
    d.status = 'denied';
    rt.store.touch();
  }
  sendJson(res, 200, { ok: true });
};

const ROUTES: Record<string, Route> = {
  'POST device-code': deviceCode,
  'POST exchange': exchange,
  'POST refresh': refresh,
  'POST logout': logout,
  'GET lookup': lookup,
  'POST approve': approveRoute,
  'POST deny': deny,
};

/** Routes the device flow; returns false when the path is not ours. */
export async function handleDeviceFlow(
  rt: Runtime,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const p = url.pathname;
  if (p === '/cli/auth' && req.method === 'GET') {
    const auth = resolveSession(rt, req.headers.cookie);
    if (!auth) {
      redirect(res, `/auth/signin?callbackUrl=${encodeURIComponent(url.pathname + url.search)}`);
      return true;
    }
    const code = url.searchParams.get('user_code') ?? '';
    sendHtml(res, 200, approvalPage(rt, findByUserCode(rt, code), code, auth.user.id));
    return true;
  }
  if (!p.startsWith('/api/auth/cli/')) return false;
  const route = ROUTES[`${req.method} ${p.slice('/api/auth/cli/'.length)}`];
  if (!route) {
    honoNotFound(res);
    return true;
  }
  await route(rt, req, res, url);
  return true;
}
