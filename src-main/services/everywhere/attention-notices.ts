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
import type { EverywhereRow, EverywhereSnapshot, Place } from '../../../src-shared/domain/everywhere';
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

/** What is remembered of a place: its sources needing attention at its last current answer. */
export interface PlaceJudgement {
  /** Source ids. */
  attention: ReadonlySet<string>;
  /** The rows judged (the store keeps an unchanged row's object), and when. */
  rows: readonly EverywhereRow[];
  judgedAtMs: number;
}

/** What the decision remembers between ticks, per place. */
export type NoticeMemory = ReadonlyMap<string, PlaceJudgement>;

/**
 * Unchanged rows are judged again after this long (this machine's clock, only ever compared with
 * itself): ages cross attention limits of minutes to days, and judging 15,000 rows on every tick
 * was a third of a tick's own work.
 */
export const REJUDGE_MS = 60_000;

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
  const rowsByPlace = new Map<string, EverywhereRow[]>();
  for (const row of snapshot.rows) {
    const list = rowsByPlace.get(row.placeKey);
    if (list) list.push(row);
    else rowsByPlace.set(row.placeKey, [row]);
  }
  const memory = new Map<string, PlaceJudgement>();
  const fresh: NewAttention[] = [];
  for (const place of snapshot.places) {
    const before = previous.get(place.key);
    if (listStateOfPlace(place) !== 'fresh') {
      // Not current: what was known stays known (a place coming back is not "new" attention).
      if (before) memory.set(place.key, before);
      continue;
    }
    const rows = rowsByPlace.get(place.key) ?? [];
    const recent = before && localNowMs - before.judgedAtMs < REJUDGE_MS;
    const judged = recent ? judgeChanged(place, rows, before, localNowMs) : judge(place, rows, localNowMs);
    memory.set(place.key, judged);
    if (!before || judged === before) continue; // a first answer is the baseline; nothing judged anew
    for (const row of rows)
      if (judged.attention.has(row.id) && !before.attention.has(row.id)) fresh.push({ name: row.name, place });
  }
  return { notice: fresh.length > 0 ? noticeOf(fresh) : null, memory };
}

function judge(place: Place, rows: readonly EverywhereRow[], localNowMs: number): PlaceJudgement {
  const signals = signalsOf(rows, new Map([[place.key, place]]), localNowMs);
  const attention = new Set<string>();
  for (const row of rows) if (signals.get(rowKeyOf(row))?.attention) attention.add(row.id);
  return { attention, rows, judgedAtMs: localNowMs };
}

/** Within the minute: only rows that changed (new objects) are judged; the others keep their verdict. */
function judgeChanged(
  place: Place,
  rows: readonly EverywhereRow[],
  before: PlaceJudgement,
  localNowMs: number,
): PlaceJudgement {
  const known = new Set(before.rows);
  const changed = rows.filter((row) => !known.has(row));
  if (changed.length === 0 && rows.length === before.rows.length) return before;
  const attention = new Set<string>();
  for (const row of rows) if (known.has(row) && before.attention.has(row.id)) attention.add(row.id);
  for (const id of judge(place, changed, localNowMs).attention) attention.add(id);
  return { attention, rows, judgedAtMs: before.judgedAtMs };
}

function noticeOf(fresh: NewAttention[]): AttentionNotice {
  return {
    count: fresh.length,
    places: new Set(fresh.map((f) => f.place.key)).size,
    names: fresh.slice(0, NAMED).map((f) => f.name),
  };
}
