/**
 * "A source anywhere started needing attention": the decision behind the Everywhere system
 * notification, Electron-free (attention-watch.ts runs it once per tick, main's entry shows
 * the event it emits): at most one summary per tick. The rules are the list's own, honestly
 * applied:
 *  - only a place whose list is a current answer speaks for its sources; a place that is
 *    slow, unreachable, signed out, rate limited or without permission says nothing, neither
 *    "needs attention" nor "all clear", and what was known of it is kept for when it answers;
 *  - a place's first current answer is where the console starts watching it (no notice for
 *    what was already so before it looked); after that, a source that needs attention now and
 *    did not at that place's last current answer is new.
 */
import type { EverywhereSnapshot, Place } from '../../../src-shared/domain/everywhere';
import { rowKeyOf } from '../../../src-shared/domain/everywhere';
import { listStateOfPlace, signalsOf } from '../../../src-shared/domain/everywhere-attention';

/** What the tick's one notification says (the `everywhere.attention` event). */
export interface AttentionNotice {
  /** Sources that started needing attention this tick. */
  count: number;
  /** In how many places. */
  places: number;
  /** The first few of their names. */
  names: string[];
}

/** What the decision remembers between ticks: per place, its rows needing attention at its last current answer. */
export type NoticeMemory = ReadonlyMap<string, ReadonlySet<string>>;

/** Sources named in the body at most (the rest are counted). */
const NAMED = 3;

interface NewAttention {
  name: string;
  place: Place;
}

/** The notice of this tick (or null) and the memory for the next one. */
export function attentionNoticeOf(
  snapshot: EverywhereSnapshot,
  previous: NoticeMemory,
  localNowMs: number,
): { notice: AttentionNotice | null; memory: NoticeMemory } {
  const places = new Map(snapshot.places.map((p) => [p.key, p]));
  const signals = signalsOf(snapshot.rows, places, localNowMs);
  const current = new Map<string, Set<string>>();
  for (const [key, place] of places) if (listStateOfPlace(place) === 'fresh') current.set(key, new Set());
  const fresh: NewAttention[] = [];
  for (const row of snapshot.rows) {
    const key = rowKeyOf(row);
    const now = current.get(row.placeKey);
    if (!now || !signals.get(key)?.attention) continue;
    now.add(key);
    const before = previous.get(row.placeKey);
    if (before && !before.has(key)) fresh.push({ name: row.name, place: places.get(row.placeKey)! });
  }
  const memory = new Map<string, ReadonlySet<string>>();
  for (const key of places.keys()) {
    // Not current: what was known stays known (a place coming back is not "new" attention).
    const kept = current.get(key) ?? previous.get(key);
    if (kept) memory.set(key, kept);
  }
  return { notice: fresh.length > 0 ? noticeOf(fresh) : null, memory };
}

function noticeOf(fresh: NewAttention[]): AttentionNotice {
  return {
    count: fresh.length,
    places: new Set(fresh.map((f) => f.place.key)).size,
    names: fresh.slice(0, NAMED).map((f) => f.name),
  };
}
