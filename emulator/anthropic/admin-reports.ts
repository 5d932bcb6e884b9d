/**
 * Anthropic's Admin API organization reports, as LangWatch's `anthropicAdmin.puller.ts` reads
 * them: `GET /v1/organizations/usage_report/messages` and `GET /v1/organizations/cost_report`
 * (`x-api-key`, `anthropic-version`, `starting_at`, `bucket_width`, `limit`, `page`,
 * `group_by[]`). Only an Admin API key reads them: a workspace (Claude API) key, a compliance
 * key or a revoked key answers 401 `authentication_error`. Daily buckets from `starting_at` to
 * now, deterministic figures, `next_page` tokens.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Runtime } from '../runtime';
import { anthropicError, KEYS, requestId, type KeyInfo } from './api-basics';

const DAY = 86_400_000;
const MAX_LIMIT: Record<string, number> = { '1d': 31, '1h': 168, '1m': 1440 };
/** What each report can be grouped by. */
const GROUP_BY: Record<'usage' | 'cost', readonly string[]> = {
  usage: ['api_key_id', 'workspace_id', 'model', 'service_tier', 'context_window', 'inference_geo'],
  cost: ['workspace_id', 'description'],
};
const WIDTH_MS: Record<string, number> = { '1d': DAY, '1h': 3_600_000, '1m': 60_000 };

/** The admin key of the request, or null after a 401. */
function adminKey(req: IncomingMessage, res: ServerResponse): KeyInfo | null {
  const raw = req.headers['x-api-key'];
  const key = typeof raw === 'string' ? raw.trim() : '';
  const info = KEYS.get(key);
  if (!key) anthropicError(res, 401, 'authentication_error', 'x-api-key header is required');
  else if (!info || info.revoked || info.kind !== 'admin')
    anthropicError(res, 401, 'authentication_error', 'invalid x-api-key');
  else return info;
  return null;
}

/** One bucket's results, as the report groups them (figures derived from the bucket's start). */
function results(report: 'usage' | 'cost', startMs: number): unknown[] {
  const n = Math.floor(startMs / DAY) % 97;
  if (report === 'cost')
    return [
      {
        currency: 'USD',
        amount: `${1200 + n * 13}.5`,
        workspace_id: 'wrkspc_emu01',
        description: 'Claude Sonnet 4 Usage - Input Tokens',
        cost_type: 'tokens',
        model: 'claude-sonnet-4-20250514',
        service_tier: 'standard',
        context_window: '0-200k',
        token_type: 'uncached_input_tokens',
      },
    ];
  return [
    {
      uncached_input_tokens: 10_000 + n * 31,
      cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 500 },
      cache_read_input_tokens: 2000,
      output_tokens: 3000 + n,
      server_tool_use: { web_search_requests: 0 },
      model: 'claude-sonnet-4-20250514',
      workspace_id: 'wrkspc_emu01',
      api_key_id: 'apikey_emu01',
      service_tier: 'standard',
      context_window: '0-200k',
    },
  ];
}

/** Validates the query; a string is the 400 message. */
function parseQuery(
  report: 'usage' | 'cost',
  sp: URLSearchParams,
  now: number,
): { start: number; width: string; limit: number; offset: number } | string {
  const startRaw = sp.get('starting_at');
  const start = startRaw === null ? NaN : Date.parse(startRaw);
  if (startRaw === null || !/^\d{4}-\d{2}-\d{2}T/.test(startRaw) || Number.isNaN(start))
    return 'starting_at: must be an RFC 3339 timestamp';
  const width = sp.get('bucket_width') ?? '1d';
  if (!(width in MAX_LIMIT) || (report === 'cost' && width !== '1d'))
    return `bucket_width: ${report === 'cost' ? "only '1d' is supported" : "must be one of '1m', '1h', '1d'"}`;
  const limit = Number(sp.get('limit') ?? (width === '1d' ? 7 : width === '1h' ? 24 : 60));
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT[width]!)
    return `limit: must be an integer between 1 and ${MAX_LIMIT[width]}`;
  if (start >= now) return 'starting_at: must be in the past';
  const groupable = GROUP_BY[report];
  const bad = sp.getAll('group_by[]').find((g) => !groupable.includes(g));
  if (bad !== undefined) return `group_by: '${bad}' is not one of ${groupable.join(', ')}`;
  const page = sp.get('page');
  const offset = page === null ? 0 : /^page_(\d+)$/.exec(page) ? Number(page.slice(5)) : -1;
  if (offset < 0) return 'page: invalid page token';
  return { start, width, limit, offset };
}

/** Answers a report path (anything under /v1/organizations/). */
export function handleAdminReport(rt: Runtime, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const report =
    url.pathname === '/v1/organizations/usage_report/messages'
      ? 'usage'
      : url.pathname === '/v1/organizations/cost_report'
        ? 'cost'
        : null;
  if (report === null) return anthropicError(res, 404, 'not_found_error', 'Not found');
  if (req.method !== 'GET')
    return anthropicError(res, 405, 'invalid_request_error', `Method ${req.method ?? ''} not allowed`);
  const info = adminKey(req, res);
  if (!info) return;
  const now = rt.now();
  const lim = rt.limiter.hit(`anthropic:${info.parentOrg}`, rt.settings.anthropicLimit, 60_000, now);
  if (!lim.allowed)
    return anthropicError(
      res,
      429,
      'rate_limit_error',
      'Number of requests has exceeded your rate limit. Please try again later.',
      {
        'retry-after': String(Math.max(1, Math.ceil((lim.resetAt - now) / 1000))),
      },
    );
  if (!req.headers['anthropic-version'])
    return anthropicError(res, 400, 'invalid_request_error', 'anthropic-version: header is required');
  const q = parseQuery(report, url.searchParams, now);
  if (typeof q === 'string') return anthropicError(res, 400, 'invalid_request_error', q);
  const step = WIDTH_MS[q.width]!;
  const first = Math.floor(q.start / step) * step;
  const total = Math.max(0, Math.floor((now - first) / step));
  const data = [];
  for (let i = q.offset; i < Math.min(total, q.offset + q.limit); i++) {
    const s = first + i * step;
    data.push({
      starting_at: new Date(s).toISOString(),
      ending_at: new Date(s + step).toISOString(),
      results: results(report, s),
    });
  }
  const hasMore = q.offset + q.limit < total;
  const text = JSON.stringify({ data, has_more: hasMore, next_page: hasMore ? `page_${q.offset + q.limit}` : null });
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'request-id': requestId(),
  });
  res.end(text);
}
