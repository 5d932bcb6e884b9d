/** The Anthropic Compliance API emulator: GET /v1/compliance/activities with keys, limits, errors and request ids. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Runtime } from '../runtime';
import { clientIp } from '../http-util';
import type { FeedQuery } from './activities';
import { handleAdminReport } from './admin-reports';
import { anthropicError, KEYS, send, type KeyInfo } from './api-basics';

export { ALL_SCOPES, KEYS, anthropicError, requestId, type KeyInfo } from './api-basics';

function parseTime(v: string | null): number | undefined | null {
  if (v === null) return undefined;
  const ms = Date.parse(v);
  return /^\d{4}-\d{2}-\d{2}T/.test(v) && Number.isFinite(ms) ? ms : null;
}

/** Parses the query; a string is an error message. */
function parseQuery(sp: URLSearchParams): FeedQuery | string {
  const limitRaw = sp.get('limit');
  const limit = limitRaw === null ? 100 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 5000) return 'limit: must be an integer between 1 and 5000';
  const afterId = sp.get('after_id') ?? undefined;
  const beforeId = sp.get('before_id') ?? undefined;
  if (afterId !== undefined && beforeId !== undefined) return 'after_id and before_id cannot both be set';
  const q: FeedQuery = { limit, afterId, beforeId };
  for (const [key, field] of [
    ['created_at.gte', 'gte'],
    ['created_at.gt', 'gt'],
    ['created_at.lte', 'lte'],
    ['created_at.lt', 'lt'],
  ] as const) {
    const t = parseTime(sp.get(key));
    if (t === null) return `${key}: must be an RFC 3339 timestamp`;
    if (t !== undefined) q[field] = t;
  }
  const list = (k: string): string[] => [...sp.getAll(`${k}[]`), ...sp.getAll(k)];
  q.types = list('activity_types');
  q.excludeTypes = list('exclude_activity_types');
  if (q.types.length && q.excludeTypes.length) return 'activity_types and exclude_activity_types cannot both be set';
  q.actorIds = list('actor_ids');
  q.orgIds = list('organization_ids');
  return q;
}

/** The key of the x-api-key header; answers 401 and returns null when it is missing, unknown or revoked. */
function authenticate(req: IncomingMessage, res: ServerResponse): KeyInfo | null {
  const keyHeader = req.headers['x-api-key'];
  const key = typeof keyHeader === 'string' ? keyHeader.trim() : '';
  const info = KEYS.get(key);
  if (!key) {
    anthropicError(res, 401, 'authentication_error', 'x-api-key header is required');
    return null;
  }
  if (!info || info.revoked) {
    anthropicError(res, 401, 'authentication_error', 'invalid x-api-key');
    return null;
  }
  return info;
}

/** Each call to the feed is itself recorded in the feed, with the key's actor. */
function recordAccess(rt: Runtime, req: IncomingMessage, info: KeyInfo, now: number): void {
  rt.addActivity(now, {
    type: 'compliance_api_accessed',
    fields: { endpoint: '/v1/compliance/activities', http_method: 'GET' },
    actor:
      info.kind === 'admin'
        ? { type: 'admin_api_key_actor', admin_api_key_id: info.id }
        : {
            type: 'api_actor',
            api_key_id: info.id,
            ip_address: clientIp(req),
            user_agent: String(req.headers['user-agent'] ?? ''),
          },
  });
}

/** The Anthropic request listener. */
export function createAnthropicHandler(rt: Runtime): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/v1/organizations/')) return handleAdminReport(rt, req, res, url);
    if (url.pathname !== '/v1/compliance/activities') {
      anthropicError(res, 404, 'not_found_error', 'Not found');
      return;
    }
    if (req.method !== 'GET') {
      anthropicError(res, 405, 'invalid_request_error', `Method ${req.method ?? ''} not allowed`);
      return;
    }
    // 401 is decided before the limiter and uses no quota.
    const info = authenticate(req, res);
    if (!info) return;
    const now = rt.now();
    const lim = rt.limiter.hit(`anthropic:${info.parentOrg}`, rt.settings.anthropicLimit, 60_000, now);
    const rlHeaders = {
      'anthropic-ratelimit-requests-limit': String(rt.settings.anthropicLimit),
      'anthropic-ratelimit-requests-remaining': String(lim.remaining),
      'anthropic-ratelimit-requests-reset': new Date(lim.resetAt).toISOString(),
    };
    if (!lim.allowed) {
      anthropicError(
        res,
        429,
        'rate_limit_error',
        'Number of requests has exceeded your rate limit. Please try again later.',
        { ...rlHeaders, 'retry-after': String(Math.max(1, Math.ceil((lim.resetAt - now) / 1000))) },
      );
      return;
    }
    if (!info.scopes.includes('read:compliance_activities')) {
      anthropicError(
        res,
        403,
        'permission_error',
        `This API key does not have the required scope read:compliance_activities. Got: [${info.scopes.join(', ')}]`,
        rlHeaders,
      );
      return;
    }
    if (!req.headers['anthropic-version']) {
      anthropicError(res, 400, 'invalid_request_error', 'anthropic-version: header is required', rlHeaders);
      return;
    }
    const q = parseQuery(url.searchParams);
    if (typeof q === 'string') {
      anthropicError(res, 400, 'invalid_request_error', q, rlHeaders);
      return;
    }
    const page = rt.activities.query(q);
    if (!page) {
      anthropicError(res, 400, 'invalid_request_error', 'Invalid cursor', rlHeaders);
      return;
    }
    send(res, 200, page, rlHeaders);
    recordAccess(rt, req, info, now);
  };
}
