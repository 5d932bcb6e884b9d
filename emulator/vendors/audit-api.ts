/**
 * A customer's own audit-log REST API, the kind LangWatch's `httpPollingPullerAdapter.ts` reads:
 * `GET /audit/v1/events` with the token in `Authorization: Bearer …` or `X-API-Key`, a cursor in
 * the `cursor` query parameter, events at `$.data` and the next cursor at `$.next_cursor`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http-util';
import { VENDOR_SEED } from './seed';

const PAGE = 2;

/** Five audit events, deterministic. */
function events(now: number): Array<Record<string, unknown>> {
  return Array.from({ length: 5 }, (_, i) => ({
    id: `evt_emu_${i + 1}`,
    occurred_at: new Date(now - (5 - i) * 600_000).toISOString(),
    user: { email: `user${i + 1}@acme.test` },
    action: i % 2 === 0 ? 'agent.run' : 'tool.call',
    resource: `agent_${i + 1}`,
  }));
}

function tokenOf(req: IncomingMessage): string {
  const auth = req.headers.authorization ?? '';
  if (auth.startsWith('Bearer ')) return auth.slice(7);
  const key = req.headers['x-api-key'];
  return typeof key === 'string' ? key : '';
}

/** Answers an audit-log path; false when the path is not the API's. */
export function handleAuditApi(req: IncomingMessage, res: ServerResponse, url: URL, now: number): boolean {
  if (url.pathname !== '/audit/v1/events') return false;
  answer(req, res, url, now);
  return true;
}

function answer(req: IncomingMessage, res: ServerResponse, url: URL, now: number): void {
  const id = { 'x-request-id': `audit-${Math.floor(now)}` };
  if (req.method !== 'GET') return sendJson(res, 405, { error: 'method_not_allowed' }, id);
  const token = tokenOf(req);
  if (token !== VENDOR_SEED.auditApi.token && token !== VENDOR_SEED.auditApi.noReadToken)
    return sendJson(res, 401, { error: 'unauthorized', message: 'Missing or invalid token.' }, id);
  if (token === VENDOR_SEED.auditApi.noReadToken)
    return sendJson(res, 403, { error: 'forbidden', message: 'This token may not read the audit log.' }, id);
  const offset = Number(url.searchParams.get('cursor') ?? '0');
  if (!Number.isInteger(offset) || offset < 0) return sendJson(res, 400, { error: 'bad_cursor' }, id);
  const all = events(now);
  const next = offset + PAGE < all.length ? String(offset + PAGE) : null;
  sendJson(res, 200, { data: all.slice(offset, offset + PAGE), next_cursor: next }, id);
}
