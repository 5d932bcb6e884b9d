/**
 * LangWatch's push receivers (`platform/app/src/server/routes/ingest/ingestionRoutes.ts`):
 *
 *   POST /api/ingest/otel/:sourceId                 OTLP traces (otel_generic, claude_cowork, claude_code)
 *   POST /api/ingest/otel/:sourceId/v1/logs|metrics OTLP logs (counted) and metrics (acked), any type
 *   POST /api/ingest/webhook/:sourceId              JSON webhook (workato, otel_generic, s3_custom)
 *
 * Auth is `Authorization: Bearer lw_is_…`, resolved by hash with the 24 h rotation grace
 * (`IngestionSourceService.findByIngestSecret`, archived sources excluded); the path id must be
 * that source's, else 401. Every authenticated post marks the source received
 * (`recordEventReceived`: lastEventAt now, status `active`, even a disabled one) and answers
 * 202, a body that did not parse included (with a hint).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Runtime } from '../runtime';
import { readBody, sendJson } from '../http-util';
import { safeEqual, sha256 } from '../seal';
import type { SourceRecord } from '../types';
import { logRows, otlpLogRecords, otlpSpans, traceRows } from './otlp-rows';

const OTLP_TYPES = new Set(['otel_generic', 'claude_cowork', 'claude_code']);
const WEBHOOK_TYPES = new Set(['workato', 'otel_generic', 's3_custom']);
const ROUTE = /^\/api\/ingest\/(otel|webhook)\/([^/]+)(\/v1\/(?:logs|metrics))?$/;

/** The live source a raw ingest secret belongs to, its previous secret honoured for 24 h. */
export function findByIngestSecret(rt: Runtime, raw: string): SourceRecord | null {
  const hash = sha256(raw);
  const now = rt.now();
  for (const s of rt.store.sources.values()) {
    if (s.archivedAt !== null) continue;
    if (safeEqual(s.ingestSecretHash, hash)) return s;
    const prior = s.previousSecret;
    if (prior && prior.validUntil > now && safeEqual(prior.hash, hash)) return s;
  }
  return null;
}

function authenticate(rt: Runtime, req: IncomingMessage): SourceRecord | null {
  const match = /^Bearer\s+(lw_is_[A-Za-z0-9_-]+)$/.exec((req.headers.authorization ?? '').trim());
  return match ? findByIngestSecret(rt, match[1]!) : null;
}

function received(rt: Runtime, src: SourceRecord): void {
  src.lastEventAt = rt.now();
  src.status = 'active';
  rt.store.touch(src.organizationId);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : 'invalid JSON' };
  }
}

/** `/otel/:id`: spans become trace rows; the answer counts them and hints when none were read. */
function acceptTraces(rt: Runtime, src: SourceRecord, text: string): Record<string, unknown> {
  const parsed = parseJson(text);
  const spans = parsed.ok ? otlpSpans(parsed.value) : null;
  const count = spans?.length ?? 0;
  if (spans && count > 0) rt.store.addEvents(src.id, traceRows(src, spans, rt.now()));
  const answer: Record<string, unknown> = { accepted: true, bytes: Buffer.byteLength(text), events: count };
  if (count === 0 && (!parsed.ok || text.length > 0))
    answer.hint = !parsed.ok
      ? `Body did not parse as OTLP/HTTP: ${parsed.error}.`
      : 'Body received but no spans extracted. OTLP/HTTP expects resource_spans[].scope_spans[].spans[] with non-empty spans arrays. See https://docs.langwatch.ai/ai-gateway/governance/ingestion-sources/otel-generic for a copy-paste curl.';
  return answer;
}

/** `/v1/logs` (records counted by health) and `/v1/metrics` (acked only), any source type. */
function acceptSignal(rt: Runtime, src: SourceRecord, signal: string, text: string): Record<string, unknown> {
  const parsed = parseJson(text);
  const bytes = Buffer.byteLength(text);
  if (signal === '/v1/logs') {
    const records = parsed.ok ? otlpLogRecords(parsed.value).length : 0;
    if (records > 0) rt.store.addEvents(src.id, logRows(src, records, rt.now()));
    const answer = { accepted: true, bytes, logRecords: records, costEvents: 0, ledgerRows: 0 };
    return parsed.ok ? answer : { ...answer, hint: parsed.error };
  }
  return {
    accepted: true,
    bytes,
    metrics: 0,
    acceptedDataPoints: 0,
    partialSuccess: { rejectedDataPoints: 0, ...(parsed.ok ? {} : { errorMessage: parsed.error }) },
  };
}

function acceptWebhook(rt: Runtime, src: SourceRecord, text: string): Record<string, unknown> {
  const now = rt.now();
  if (text.length > 0) rt.store.addEvents(src.id, logRows(src, 1, now));
  return { accepted: true, bytes: text.length, eventId: `envelope-${now}-${Math.random().toString(36).slice(2, 10)}` };
}

/** Handles the receivers; false for any other path. */
export async function handleIngest(rt: Runtime, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const route = ROUTE.exec(url.pathname);
  if (!route || req.method !== 'POST') return false;
  const [, kind, pathId, signal] = route;
  const text = await readBody(req, 10_000_000).catch(() => '');
  const src = authenticate(rt, req);
  if (!src || decodeURIComponent(pathId!) !== src.id) {
    sendJson(res, 401, { error: 'unauthorized' });
    return true;
  }
  // The signal sub-paths check no type; the trace and webhook paths do.
  const allowed = kind === 'otel' ? OTLP_TYPES : WEBHOOK_TYPES;
  if (!signal && !allowed.has(src.sourceType)) {
    const description =
      kind === 'otel'
        ? 'OTLP path is only valid for otel_generic, claude_cowork, and claude_code sources'
        : 'Webhook path is only valid for workato, otel_generic, and s3_custom (callback-mode) sources';
    sendJson(res, 400, { error: 'wrong_endpoint', error_description: description });
    return true;
  }
  const answer =
    kind === 'webhook'
      ? acceptWebhook(rt, src, text)
      : signal
        ? acceptSignal(rt, src, signal, text)
        : acceptTraces(rt, src, text);
  received(rt, src);
  sendJson(res, 202, answer);
  return true;
}
