/** Read-only CLI REST under /api/auth/cli/governance/ingest/sources (device-flow bearer tokens). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Runtime } from '../runtime';
import { sendJson } from '../http-util';
import { sha256 } from '../seal';
import { eventPage, healthMetrics } from './health';

const PREFIX = '/api/auth/cli/governance/ingest/sources';
const err = (res: ServerResponse, status: number, error: string, description: string): void => sendJson(res, status, { error, error_description: description });
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Routes the CLI REST; returns false when the path is not ours. */
export function handleCliRest(rt: Runtime, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const p = url.pathname;
  if (p !== PREFIX && !p.startsWith(`${PREFIX}/`)) return false;
  if (req.method !== 'GET') { err(res, 405, 'method_not_allowed', 'Read-only API'); return true; }
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const tok = bearer ? rt.store.cliTokens.get(sha256(bearer)) : undefined;
  if (!tok || tok.kind !== 'access' || tok.expiresAt <= rt.now()) { err(res, 401, 'unauthorized', 'Missing, invalid or expired access token'); return true; }
  const org = rt.store.orgs.get(tok.organizationId);
  const member = org?.members.find((m) => m.userId === tok.userId);
  if (!org || !member) { err(res, 403, 'forbidden', 'Not a member of this organization'); return true; }
  if (!org.enterprise) { err(res, 402, 'payment_required', 'Governance ingestion requires an Enterprise plan'); return true; }
  const rest = p.slice(PREFIX.length).split('/').filter(Boolean);
  const need = rest.length === 0 ? 'ingestionSources:view' : 'activityMonitor:view';
  if (!member.permissions.includes('ingestionSources:view') || !member.permissions.includes(need)) { err(res, 403, 'forbidden', `Missing permission ${need}`); return true; }
  if (rest.length === 0) {
    const sources = rt.store.orgSources(org.id).map((s) => ({
      id: s.id, name: s.name, sourceType: s.sourceType, description: s.description, status: s.status,
      lastEventAt: iso(s.lastEventAt), createdAt: iso(s.createdAt), archivedAt: iso(s.archivedAt),
    }));
    sendJson(res, 200, { sources });
    return true;
  }
  const [id, sub, ...extra] = rest;
  const src = id ? rt.store.sources.get(decodeURIComponent(id)) : undefined;
  if (extra.length || (sub !== 'health' && sub !== 'events')) { err(res, 404, 'not_found', 'Unknown endpoint'); return true; }
  if (!src || src.organizationId !== org.id) { err(res, 404, 'not_found', 'Unknown source'); return true; }
  if (sub === 'health') {
    sendJson(res, 200, { source: { id: src.id, name: src.name, status: src.status }, health: healthMetrics(rt, src.id) });
    return true;
  }
  const limitRaw = url.searchParams.get('limit');
  const limit = limitRaw === null ? 50 : Number(limitRaw);
  const before = url.searchParams.get('before_iso') ?? undefined;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200 || (before !== undefined && Number.isNaN(Date.parse(before)))) {
    err(res, 400, 'invalid_request', 'limit must be 1..200 and before_iso an ISO date');
    return true;
  }
  sendJson(res, 200, { events: eventPage(rt, src.id, limit, before) });
  return true;
}
