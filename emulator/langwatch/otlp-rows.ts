/**
 * What LangWatch keeps of a pushed OTLP body, as the activity monitor later reads it back
 * (`ee/governance/services/activity-monitor/activityMonitor.service.ts`): one trace row per
 * trace id (`pushedEventsForSource` over `trace_summaries`: action `trace.recorded`, the first
 * model as target, summed tokens and cost, an empty rawPayload) and, for logs, records that
 * count in health but never appear in the event list (`loggedEventWindowCounts`).
 *
 * The trace pipeline's canonicalisation is approximated: the actor is the first of the user
 * attributes it reads, the cost `gen_ai.usage.cost_usd` when the span carries it.
 */
import { randomToken } from '../seal';
import type { EventRecord, SourceRecord } from '../types';

type Attr = { key?: string; value?: Record<string, unknown> };
type Obj = Record<string, unknown>;

const USER_KEYS = ['langwatch.user_id', 'langwatch.user.id', 'user.id', 'user.email'];
const MODEL_KEYS = ['gen_ai.request.model', 'gen_ai.response.model'];

/**
 * A field under its OTLP/JSON (camelCase) name only: LangWatch's parser reads no snake_case, so
 * the `resource_spans` body of its own install-drawer curl yields no span (seen on its real
 * server: 202 with `events: 0` and the "no spans extracted" hint).
 */
function pick(o: Obj, camel: string): unknown {
  return o[camel];
}

function list(o: Obj, camel: string): Obj[] {
  const v = pick(o, camel);
  return Array.isArray(v) ? v.filter((x): x is Obj => typeof x === 'object' && x !== null) : [];
}

function attrValue(attrs: unknown, key: string): unknown {
  if (!Array.isArray(attrs)) return undefined;
  const a = (attrs as Attr[]).find((x) => x?.key === key);
  const v = a?.value;
  if (!v) return undefined;
  return v.stringValue ?? v.intValue ?? v.doubleValue ?? v.boolValue;
}

function firstAttr(attrs: unknown, keys: readonly string[]): string {
  for (const k of keys) {
    const v = attrValue(attrs, k);
    if (v !== undefined && v !== null && String(v) !== '') return String(v);
  }
  return '';
}

function num(v: unknown): number {
  const n = Number(v);
  return Number.isFinite(n) ? n : 0;
}

function nanosToMs(v: unknown, fallback: number): number {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? Math.floor(n / 1e6) : fallback;
}

/** The spans of an OTLP/JSON traces body, or null when it is not one. */
export function otlpSpans(body: unknown): Obj[] | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  return list(body as Obj, 'resourceSpans').flatMap((rs) => list(rs, 'scopeSpans').flatMap((ss) => list(ss, 'spans')));
}

/** The log records of an OTLP/JSON logs body. */
export function otlpLogRecords(body: unknown): Obj[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
  return list(body as Obj, 'resourceLogs').flatMap((rl) =>
    list(rl, 'scopeLogs').flatMap((sl) => list(sl, 'logRecords')),
  );
}

/** One trace row per trace id, as `eventsForSource` returns pushed events. */
export function traceRows(source: SourceRecord, spans: Obj[], now: number): EventRecord[] {
  const byTrace = new Map<string, EventRecord>();
  for (const span of spans) {
    const attrs = span.attributes;
    const traceId = String(pick(span, 'traceId') ?? '') || randomToken('', 16);
    const at = nanosToMs(pick(span, 'startTimeUnixNano'), now);
    const row = byTrace.get(traceId) ?? {
      eventId: traceId,
      eventType: source.sourceType,
      actor: '',
      action: 'trace.recorded',
      target: '',
      costUsd: '0',
      tokensInput: 0,
      tokensOutput: 0,
      eventTimestamp: at,
      ingestedAt: now,
      rawPayload: '',
    };
    row.actor ||= firstAttr(attrs, USER_KEYS);
    row.target ||= firstAttr(attrs, MODEL_KEYS);
    row.tokensInput += num(attrValue(attrs, 'gen_ai.usage.input_tokens'));
    row.tokensOutput += num(attrValue(attrs, 'gen_ai.usage.output_tokens'));
    row.costUsd = String(num(row.costUsd) + num(attrValue(attrs, 'gen_ai.usage.cost_usd')));
    row.eventTimestamp = Math.min(row.eventTimestamp, at);
    byTrace.set(traceId, row);
  }
  return [...byTrace.values()];
}

/** Log records: counted by health, never listed (the event list reads traces and pulled rows only). */
export function logRows(source: SourceRecord, count: number, now: number): EventRecord[] {
  return Array.from({ length: count }, () => ({
    eventId: randomToken('log_', 12),
    eventType: source.sourceType,
    actor: '',
    action: '',
    target: '',
    costUsd: '0',
    tokensInput: 0,
    tokensOutput: 0,
    eventTimestamp: now,
    ingestedAt: now,
    rawPayload: '',
    signal: 'log' as const,
  }));
}
