/**
 * The browser side of the device flow (session cookie): looking up, approving and denying a
 * user code, as LangWatch's auth-cli.ts answers them.
 */
import { z } from 'zod';
import { sendJson } from '../http-util';
import { isMember } from './cli-tokens';
import { approve, findByUserCode } from './device-codes';
import { body, oauthError, type Route } from './device-flow-http';
import { resolveSession } from './session';

const approveBody = z.object({
  user_code: z.string().min(1),
  organization_id: z.string().min(1),
  project_id: z.string().optional(),
});
const denyBody = z.object({ user_code: z.string().min(1) });

/** GET lookup: the state of a user code, for the approval page. */
export const lookup: Route = (rt, req, res, url) => {
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

/** POST approve: approves a pending code for an organisation the user belongs to. */
export const approveRoute: Route = async (rt, req, res) => {
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

/** POST deny: denies a known code whatever its state; unknown codes are a no-op. */
export const deny: Route = async (rt, req, res) => {
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
