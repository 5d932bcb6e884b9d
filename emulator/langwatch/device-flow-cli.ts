/**
 * The CLI side of the device flow (no session): device-code, exchange, refresh and logout, as
 * LangWatch's auth-cli.ts answers them.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { sendJson } from '../http-util';
import { sha256 } from '../seal';
import type { Runtime } from '../runtime';
import type { DeviceRecord, OrgRecord, PersonalWorkspaceRecord, UserRecord } from '../types';
import {
  ACCESS_TTL_MS,
  REFRESH_TTL_MS,
  ensurePersonalWorkspace,
  isMember,
  issueTokens,
  mintCliKey,
  revokeCliKeys,
} from './cli-tokens';
import { DEVICE_TTL_MS, userCode } from './device-codes';
import { body, oauthError, type Route } from './device-flow-http';

const POLL_WINDOW_MS = 4_000;

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
const refreshBody = z.object({ refresh_token: z.string().min(1) });
const logoutBody = z.object({ refresh_token: z.string().optional(), access_token: z.string().optional() });

/** POST device-code: a new pending code and where the browser approves it. */
export const deviceCode: Route = async (rt, req, res) => {
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

/** Forgets a device code (exchanged, expired, denied or no longer a member's). */
function dropDevice(rt: Runtime, hash: string): void {
  rt.store.devices.delete(hash);
  rt.store.touch();
}

/**
 * The checks /exchange makes before minting anything, in LangWatch's order: the poll window
 * (for known and unknown codes alike), the code's state, then the user's membership. Answers a
 * failed check and returns null; otherwise returns the approved code with its user and org.
 */
function approvedExchange(
  rt: Runtime,
  res: ServerResponse,
  hash: string,
  now: number,
): { d: DeviceRecord; user: UserRecord; org: OrgRecord } | null {
  // The poll window comes first, for known and unknown codes alike (SET NX EX 4).
  const windowEnds = rt.store.pollWindows.get(hash);
  if (windowEnds !== undefined && now < windowEnds) {
    oauthError(res, 429, 'slow_down', 'Polling too fast. Increase your interval before retrying.');
    return null;
  }
  rt.store.pollWindows.set(hash, now + POLL_WINDOW_MS);
  const d = rt.store.devices.get(hash);
  if (!d) {
    oauthError(res, 408, 'expired_token', 'Device code expired or unknown');
    return null;
  }
  if (now > d.expiresAt) {
    dropDevice(rt, hash);
    oauthError(res, 408, 'expired_token', 'Device code expired');
    return null;
  }
  if (d.status === 'denied') {
    dropDevice(rt, hash);
    oauthError(res, 410, 'access_denied', 'Authorization request was denied by the user');
    return null;
  }
  if (d.status === 'pending' || !d.userId || !d.organizationId) {
    oauthError(res, 428, 'authorization_pending', 'User has not yet completed authorization');
    return null;
  }
  const user = rt.store.users.get(d.userId);
  const org = rt.store.orgs.get(d.organizationId);
  if (!user || !org) {
    oauthError(res, 500, 'server_error', 'User or organization no longer exists');
    return null;
  }
  if (!isMember(rt, user.id, org.id)) {
    dropDevice(rt, hash);
    rt.store.pollWindows.delete(hash);
    oauthError(res, 410, 'access_denied', 'Not an active member of the organization');
    return null;
  }
  return { d, user, org };
}

/** What /exchange hands the CLI: the token pair, who and where it is, and the CLI key when one was minted. */
function sessionAnswer(
  rt: Runtime,
  a: {
    user: UserRecord;
    org: OrgRecord;
    workspace: PersonalWorkspaceRecord;
    projectKey: string;
    tokens: { access: string; refresh: string };
    minted: { token: string } | null;
  },
): Record<string, unknown> {
  return {
    kind: 'device_session',
    access_token: a.tokens.access,
    token_type: 'Bearer',
    expires_in: ACCESS_TTL_MS / 1000,
    refresh_token: a.tokens.refresh,
    refresh_expires_in: REFRESH_TTL_MS / 1000,
    user: { id: a.user.id, email: a.user.email, name: a.user.name },
    organization: { id: a.org.id, name: a.org.name, slug: a.org.slug },
    personal_project: {
      id: a.workspace.projectId,
      slug: a.workspace.projectSlug,
      name: 'Personal workspace',
      api_key: a.projectKey,
    },
    ...(a.minted
      ? {
          cli_api_key: a.minted.token,
          cli_api_key_scope: {
            kind: 'organization',
            project_ids: [],
            permissions: ['ingestionSources:view', 'activityMonitor:view'],
          },
        }
      : {}),
    endpoint: rt.publicUrl(),
  };
}

/** POST exchange: an approved code becomes a token pair (and a CLI key when selected). */
export const exchange: Route = async (rt, req, res) => {
  const parsed = exchangeBody.safeParse(await body(req));
  if (!parsed.success) {
    oauthError(res, 400, 'invalid_request', 'device_code is required');
    return;
  }
  const hash = sha256(parsed.data.device_code);
  const now = rt.now();
  const approved = approvedExchange(rt, res, hash, now);
  if (!approved) return;
  const { d, user, org } = approved;
  const workspace = ensurePersonalWorkspace(rt, user.id, org.id);
  const clientInfo = parsed.data.client_info ? { ...parsed.data.client_info, session_started_at: now } : undefined;
  const minted = d.keySelection ? mintCliKey(rt, user.id, org.id, clientInfo) : null;
  const tokens = issueTokens(rt, {
    userId: user.id,
    organizationId: org.id,
    clientInfo,
    cliKeyId: minted?.key.id,
  });
  dropDevice(rt, hash);
  const projectKey = `sk-lw-project-${sha256(workspace.projectId).slice(0, 32)}`;
  rt.store.issuedSecrets.push(projectKey, ...(minted ? [minted.token] : []));
  sendJson(res, 200, sessionAnswer(rt, { user, org, workspace, projectKey, tokens, minted }));
};

/** POST refresh: rotates the refresh token while the user is still a member. */
export const refresh: Route = async (rt, req, res) => {
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

/** POST logout: revokes the tokens in the body and their CLI keys. */
export const logout: Route = async (rt, req, res) => {
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
