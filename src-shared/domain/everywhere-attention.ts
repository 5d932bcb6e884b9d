/**
 * What the Everywhere view shows, as pure functions: a health signal per row (the same
 * `healthOf` as the single-organisation list, each place on its own deployment's clock), the
 * honest summary of each place and of the whole, and the items of the virtualised list:
 * attention first, and a row of its own for every place that is not a current answer. PURE.
 */
import { summarizeAttention, type AttentionSummary, type ListState } from './attention';
import type { EverywhereRow, Place, PlaceState } from './everywhere';
import { rowKeyOf } from './everywhere';
import { describeSchedule, scheduleFactFor } from './schedule-fact';
import { healthOf, type HealthSignal } from './source-health';

/** One line of the list: a place (its state and summary) or a source of a place. */
export type EverywhereItem =
  | { kind: 'place'; key: string; place: Place; summary: AttentionSummary }
  | { kind: 'row'; key: string; row: EverywhereRow; place: Place; signal: HealthSignal };

export type GroupBy = 'none' | 'place' | 'deployment';

/** The filters of the view. */
export interface EverywhereQuery {
  text: string;
  /** A profile id, or '' for every deployment. */
  deployment: string;
  /** An organisation name, or '' for every organisation. */
  organization: string;
  attentionOnly: boolean;
  groupBy: GroupBy;
}

export const DEFAULT_EVERYWHERE_QUERY: EverywhereQuery = {
  text: '',
  deployment: '',
  organization: '',
  attentionOnly: false,
  groupBy: 'place',
};

/** What a place's state means for the claim its summary may make. */
export function listStateOfPlace(place: Place): ListState {
  const loaded = place.updatedAt !== null;
  const byState: Record<PlaceState, ListState> = {
    loading: 'loading',
    fresh: 'fresh',
    slow: loaded ? 'stale' : 'loading',
    failed: loaded ? 'stale' : 'failed',
    signed_out: 'failed',
    expired: loaded ? 'stale' : 'failed',
    unreachable: loaded ? 'stale' : 'failed',
    rate_limited: loaded ? 'stale' : 'failed',
    no_permission: 'no_access',
  };
  return byState[place.state];
}

/** The deployment's clock now: its reading at the last answer moved on by the time measured here. */
export function placeServerNow(place: Place, localNowMs: number): number | null {
  if (!place.serverNow || !place.updatedAt) return null;
  return Date.parse(place.serverNow) + Math.max(0, localNowMs - Date.parse(place.updatedAt));
}

/** Health signal per row key (key verdicts are not known across places: never a key problem here). */
export function signalsOf(rows: readonly EverywhereRow[], places: ReadonlyMap<string, Place>, localNowMs: number) {
  const nowByPlace = new Map<string, number | null>();
  const out = new Map<string, HealthSignal>();
  for (const r of rows) {
    if (!nowByPlace.has(r.placeKey)) {
      const place = places.get(r.placeKey);
      nowByPlace.set(r.placeKey, place ? placeServerNow(place, localNowMs) : null);
    }
    out.set(rowKeyOf(r), signalOf(r, nowByPlace.get(r.placeKey) ?? null));
  }
  return out;
}

/** The health signal of one row with its deployment's clock now (null when unknown). */
export function signalOf(r: EverywhereRow, serverNowMs: number | null): HealthSignal {
  return healthOf({
    sourceType: r.sourceType,
    status: r.status,
    archived: r.archivedAt !== null,
    createdAt: r.createdAt,
    lastEventAt: r.lastEventAt,
    schedule: describeSchedule(scheduleFactFor(r.pullSchedule, undefined)),
    keyVerdict: null,
    serverNowMs,
  });
}

/** The summary of each place: sources, needing attention, not judged, and what is not known. */
export function placeSummaries(
  places: readonly Place[],
  rows: readonly EverywhereRow[],
  signals: ReadonlyMap<string, HealthSignal>,
): Map<string, AttentionSummary> {
  const byPlace = new Map<string, HealthSignal[]>(places.map((p) => [p.key, []]));
  for (const r of rows) byPlace.get(r.placeKey)?.push(signals.get(rowKeyOf(r))!);
  return new Map(places.map((p) => [p.key, summarizeAttention(byPlace.get(p.key) ?? [], listStateOfPlace(p))]));
}

/** The whole: an all-clear only when every place is a current answer and every row was judged. */
export function wholeSummary(places: readonly Place[], summaries: ReadonlyMap<string, AttentionSummary>) {
  let attention = 0;
  let unjudged = 0;
  let notCurrent = 0;
  for (const p of places) {
    const s = summaries.get(p.key)!;
    attention += s.attention;
    unjudged += s.unjudged;
    if (listStateOfPlace(p) !== 'fresh') notCurrent += 1;
  }
  const parts: string[] = [];
  if (attention > 0) parts.push(`${attention} need${attention === 1 ? 's' : ''} attention`);
  if (unjudged > 0) parts.push(`${unjudged} not judged`);
  if (notCurrent > 0) parts.push(`${notCurrent} of ${places.length} places not current`);
  if (places.length === 0) parts.push('No place is signed in yet');
  const verdict: AttentionSummary['verdict'] = attention > 0 ? 'attention' : parts.length > 0 ? 'unsure' : 'clear';
  return { verdict, attention, unjudged, notCurrent, text: parts.join(' · ') || 'Nothing needs attention anywhere' };
}
