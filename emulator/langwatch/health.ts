/** Health counts and event pages over ingested events (shared by `activityMonitor.*` and the CLI REST). */
import type { Runtime } from '../runtime';
import type { EventRecord } from '../types';
import { HandledError } from './trpc';

const DAY = 24 * 3_600_000;

export interface HealthMetrics {
  events24h: number;
  events7d: number;
  events30d: number;
  lastSuccessIso: string | null;
}
/** A stored event as the health routes answer it: its two times as ISO strings. */
export type EventRow = Omit<EventRecord, 'eventTimestamp' | 'ingestedAt'> & {
  eventTimestampIso: string;
  ingestedAtIso: string;
};

/** LangWatch's `ClickHouseUnavailableError`: a deployment whose analytics store is down or absent. */
export function clickhouseUnavailable(): HandledError {
  return new HandledError('clickhouse_unavailable', 'Database temporarily unavailable', 503, {}, 'platform');
}

/**
 * Fails like LangWatch without its analytics store: after `activityMonitorFailAfterMs` (its
 * ClickHouse client retries before giving up), with `clickhouse_unavailable`. Resolves when
 * the store is there.
 */
export async function analyticsStoreCheck(rt: Runtime): Promise<void> {
  if (!rt.modes.activityMonitorUnavailable) return;
  const wait = rt.modes.activityMonitorFailAfterMs;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait).unref());
  throw clickhouseUnavailable();
}

/** Counts by ingestion window; zeros for an unknown source (no 404 here). */
export function healthMetrics(rt: Runtime, sourceId: string): HealthMetrics {
  const now = rt.now();
  const list = rt.store.events.get(sourceId)?.list ?? [];
  let d1 = 0;
  let d7 = 0;
  let d30 = 0;
  for (const e of list) {
    const age = now - e.eventTimestamp;
    if (age > 30 * DAY) break; // newest first
    d30++;
    if (age <= 7 * DAY) d7++;
    if (age <= DAY) d1++;
  }
  // LangWatch's lastSuccessIso is the newest event time in the 30-day window, not the last good pull.
  const newest = d30 > 0 ? list[0]!.eventTimestamp : null;
  return {
    events24h: d1,
    events7d: d7,
    events30d: d30,
    lastSuccessIso: newest === null ? null : new Date(newest).toISOString(),
  };
}

export function eventsLast24h(rt: Runtime, sourceId: string): number {
  return healthMetrics(rt, sourceId).events24h;
}

export function toRow(e: EventRecord): EventRow {
  return {
    eventId: e.eventId,
    eventType: e.eventType,
    actor: e.actor,
    action: e.action,
    target: e.target,
    costUsd: e.costUsd,
    tokensInput: e.tokensInput,
    tokensOutput: e.tokensOutput,
    eventTimestampIso: new Date(e.eventTimestamp).toISOString(),
    ingestedAtIso: new Date(e.ingestedAt).toISOString(),
    rawPayload: e.rawPayload,
  };
}

/** Newest first, strictly older than `beforeIso` when given. */
export function eventPage(rt: Runtime, sourceId: string, limit: number, beforeIso?: string): EventRow[] {
  const list = rt.store.events.get(sourceId)?.list ?? [];
  const before = beforeIso ? Date.parse(beforeIso) : Number.POSITIVE_INFINITY;
  const out: EventRow[] = [];
  for (const e of list) {
    // LangWatch lists traces and pulled rows only; pushed log records only count.
    if (e.eventTimestamp >= before || e.signal === 'log') continue;
    out.push(toRow(e));
    if (out.length >= limit) break;
  }
  return out;
}
