/**
 * Read-only CLI REST under /api/auth/cli/governance (device-flow bearer tokens), in the order
 * LangWatch's auth-cli.ts checks things: bearer (401) → enterprise plan (402 with
 * `upgrade_url`, on every route) → governance permission (403) → source ownership (404).
 * The list never includes archived sources (`include_archived` is read, but the service
 * already filters them out); `limit` is clamped to 1..200, never refused.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Runtime } from '../runtime';
import { honoNotFound, sendJson } from '../http-util';
import { analyticsStoreCheck, eventPage, healthMetrics, type clickhouseUnavailable } from './health';
import { validAccessToken } from './cli-tokens';

const PREFIX = '/api/auth/cli/governance';
const SOURCES = `${PREFIX}/ingest/sources`;
const INGESTION_SOURCES = 'Ingestion sources require an Enterprise plan';
const ACTIVITY_MONITOR = 'The activity monitor requires an Enterprise plan';
const err = (
  res: ServerResponse,
  status: number,
  error: string,
  description: string,
  extra: Record<string, unknown> = {},
): void => sendJson(res, status, { error, error_description: description, ...extra });
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** `limit` as LangWatch reads it: parseInt, clamped to 1..200; absent (or not a number) → 50. */
function clampLimit(raw: string | null): number {
  if (!raw) return 50;
  const n = Number.parseInt(raw, 10);
  return Number.isNaN(n) ? 50 : Math.min(Math.max(1, n), 200);
}

/** GET status: the organisation's governance setup flags (only ingestion sources and activity are real here). */
function governanceStatus(rt: Runtime, orgId: string): unknown {
  const live = rt.store.orgSources(orgId).filter((s) => s.archivedAt === null);
  const hasRecentActivity = live.some((s) => (rt.store.events.get(s.id)?.list.length ?? 0) > 0);
  const setup = {
    hasPersonalVKs: false,
    hasRoutingPolicies: false,
    hasIngestionSources: live.length > 0,
    hasAnomalyRules: false,
    hasRecentActivity,
  };
  return { setup: { ...setup, governanceActive: Object.values(setup).some(Boolean) } };
}

/** GET ingest/sources: the organisation's live (not archived) sources. */
function sourceList(rt: Runtime, orgId: string): unknown {
  const sources = rt.store
    .orgSources(orgId)
    .filter((s) => s.archivedAt === null)
    .map((s) => ({
      id: s.id,
      name: s.name,
      sourceType: s.sourceType,
      description: s.description,
      status: s.status,
      lastEventAt: iso(s.lastEventAt),
      createdAt: iso(s.createdAt),
      archivedAt: iso(s.archivedAt),
    }));
  return { sources };
}

/** GET ingest/sources/:id/health or /events: the source must be the organisation's (404), then the analytics store must answer. */
async function sourceRead(
  rt: Runtime,
  res: ServerResponse,
  url: URL,
  orgId: string,
  rawId: string,
  sub: string | undefined,
): Promise<void> {
  const src = rt.store.sources.get(decodeURIComponent(rawId));
  if (!src || src.organizationId !== orgId) {
    err(res, 404, 'not_found', 'IngestionSource not found');
    return;
  }
  const storeError = await analyticsStoreCheck(rt).then(
    () => null,
    (e: unknown) => e as ReturnType<typeof clickhouseUnavailable>,
  );
  if (storeError) {
    const e = storeError;
    sendJson(res, e.httpStatus, { error: e.code, message: e.message });
    return;
  }
  if (sub === 'health') {
    sendJson(res, 200, {
      source: { id: src.id, name: src.name, status: src.status },
      health: healthMetrics(rt, src.id),
    });
    return;
  }
  sendJson(res, 200, {
    events: eventPage(
      rt,
      src.id,
      clampLimit(url.searchParams.get('limit')),
      url.searchParams.get('before_iso') ?? undefined,
    ),
  });
}

/** Routes the CLI governance reads; returns false when the path is not ours. */
export function handleCliRest(rt: Runtime, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const p = url.pathname;
  if (p !== `${PREFIX}/status` && p !== SOURCES && !p.startsWith(`${SOURCES}/`)) return false;
  const rest = p.startsWith(SOURCES) ? p.slice(SOURCES.length).split('/').filter(Boolean) : [];
  const sub = rest[1];
  const known =
    p === `${PREFIX}/status` || rest.length === 0 || (rest.length === 2 && (sub === 'health' || sub === 'events'));
  if (req.method !== 'GET' || !known) {
    honoNotFound(res);
    return true;
  }
  const tok = validAccessToken(rt, req.headers.authorization);
  if (!tok) {
    err(res, 401, 'unauthorized', 'Bearer access token is missing, malformed, or expired');
    return true;
  }
  const org = rt.store.orgs.get(tok.organizationId);
  if (!org?.enterprise) {
    err(res, 402, 'payment_required', sub === 'events' ? ACTIVITY_MONITOR : INGESTION_SOURCES, {
      upgrade_url: `${rt.publicUrl()}/settings/subscription`,
    });
    return true;
  }
  if (p === `${PREFIX}/status`) {
    sendJson(res, 200, governanceStatus(rt, org.id));
    return true;
  }
  const need = rest.length === 0 ? 'ingestionSources:view' : 'activityMonitor:view';
  const member = org.members.find((m) => m.userId === tok.userId);
  if (!member?.permissions.includes(need)) {
    err(res, 403, 'forbidden', `Missing required permission '${need}' on this organization`);
    return true;
  }
  if (rest.length === 0) sendJson(res, 200, sourceList(rt, org.id));
  else void sourceRead(rt, res, url, org.id, rest[0]!, sub);
  return true;
}
