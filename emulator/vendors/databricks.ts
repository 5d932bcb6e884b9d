/**
 * A Databricks workspace as LangWatch's `databricksGenie.puller.ts` uses it: the OAuth token
 * endpoint (`POST /oidc/v1/token`, HTTP Basic client credentials, `scope=all-apis`; bad
 * credentials 401 `invalid_client`), and the Genie reads (`GET /api/2.0/genie/spaces`,
 * `/api/2.0/genie/spaces/{id}/conversations?include_all=true`, `page_size`/`page_token`,
 * Bearer). Errors in Databricks' shape `{error_code, message}`; every answer has `x-request-id`.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../http-util';
import { VENDOR_SEED } from './seed';

const TOKEN_TTL_MS = 3_600_000;
const D = VENDOR_SEED.databricks;

/** Who a bearer token speaks for: Genie allowed or not. */
interface Principal {
  genie: boolean;
  expiresAt: number;
}

/** The workspace's state: the tokens it minted. */
export interface DatabricksState {
  minted: Map<string, Principal>;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  sendJson(res, status, body, { 'x-request-id': randomBytes(8).toString('hex') });
}

async function signIn(req: IncomingMessage, res: ServerResponse, state: DatabricksState, now: number): Promise<void> {
  const body = new URLSearchParams(await readBody(req));
  const auth = req.headers.authorization ?? '';
  const basic = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8') : '';
  const [id, secret] = [basic.slice(0, basic.indexOf(':')), basic.slice(basic.indexOf(':') + 1)];
  if (body.get('grant_type') !== 'client_credentials')
    return reply(res, 400, {
      error: 'unsupported_grant_type',
      error_description: 'grant_type must be client_credentials',
    });
  const genie = id === D.clientId && secret === D.clientSecret;
  const noGenie = id === D.noGenieClientId && secret === D.noGenieClientSecret;
  if (!genie && !noGenie)
    return reply(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
  const accessToken = `eyJemu.${randomBytes(24).toString('base64url')}`;
  state.minted.set(accessToken, { genie, expiresAt: now + TOKEN_TTL_MS });
  reply(res, 200, {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: TOKEN_TTL_MS / 1000,
    scope: body.get('scope') ?? 'all-apis',
  });
}

function principalOf(req: IncomingMessage, state: DatabricksState, now: number): Principal | null {
  const auth = req.headers.authorization ?? '';
  const bearer = auth.startsWith('Bearer ') ? auth.slice(7) : '';
  if (bearer === D.token) return { genie: true, expiresAt: Infinity };
  if (bearer === D.noGenieToken) return { genie: false, expiresAt: Infinity };
  const minted = state.minted.get(bearer);
  return minted && minted.expiresAt > now ? minted : null;
}

/** One page of a list, by `page_size` and an offset `page_token`. */
function page<T>(items: readonly T[], sp: URLSearchParams): { items: T[]; next: string | null } | null {
  const size = Number(sp.get('page_size') ?? '100');
  const pageToken = sp.get('page_token');
  const offset = pageToken === null ? 0 : Number(pageToken.replace(/^p/, ''));
  if (!Number.isInteger(size) || size < 1 || size > 1000 || !Number.isInteger(offset) || offset < 0) return null;
  const next = offset + size < items.length ? `p${offset + size}` : null;
  return { items: items.slice(offset, offset + size), next };
}

/** Answers a Databricks path; false when the path is not one of the workspace's. */
export async function handleDatabricks(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  state: DatabricksState,
  now: number,
): Promise<boolean> {
  if (url.pathname === '/oidc/v1/token' && req.method === 'POST') {
    await signIn(req, res, state, now);
    return true;
  }
  if (!url.pathname.startsWith('/api/2.0/genie/spaces')) return false;
  genieRead(req, res, url, principalOf(req, state, now), now);
  return true;
}

/** The Genie reads. */
function genieRead(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  principal: Principal | null,
  now: number,
): void {
  if (!principal) return reply(res, 401, { error_code: 'UNAUTHENTICATED', message: 'Invalid access token.' });
  if (!principal.genie)
    return reply(res, 403, { error_code: 'PERMISSION_DENIED', message: 'User does not have permission to use Genie.' });
  const conv = /^\/api\/2\.0\/genie\/spaces\/([^/]+)\/conversations$/.exec(url.pathname);
  const spaceId = conv ? decodeURIComponent(conv[1]!) : null;
  let listed: { key: string; items: readonly unknown[] } | null = null;
  if (url.pathname === '/api/2.0/genie/spaces') listed = { key: 'spaces', items: D.spaces };
  else if (spaceId !== null && D.spaces.some((s) => s.space_id === spaceId))
    listed = {
      key: 'conversations',
      items: [{ conversation_id: `conv_${spaceId}_1`, title: 'Revenue by region', created_timestamp: now - 3_600_000 }],
    };
  if (listed === null)
    return reply(res, 404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'Genie space not found.' });
  const p = page(listed.items, url.searchParams);
  if (!p)
    return reply(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'Invalid page_size or page_token.' });
  reply(res, 200, { [listed.key]: p.items, ...(p.next ? { next_page_token: p.next } : {}) });
}
