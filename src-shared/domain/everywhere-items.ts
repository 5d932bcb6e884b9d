/**
 * The items of the Everywhere list from the places, rows and filters: attention first (rows
 * that need it, then the ones not judged), every place that is not a current answer as a row
 * of its own, grouped by place or deployment when asked. Pure and linear in the rows, so a
 * keystroke over 15,000 rows stays inside one frame.
 */
import type { AttentionSummary } from './attention';
import type { EverywhereRow, Place } from './everywhere';
import { rowKeyOf } from './everywhere';
import { HEALTH_KINDS, type HealthSignal } from './source-health';
import { listStateOfPlace, type EverywhereItem, type EverywhereQuery } from './everywhere-attention';

const RANK = new Map(HEALTH_KINDS.map((k, i) => [k, i]));

/** A row ready for filtering: its key, signal and lower-cased search text, computed once per change. */
export interface PreparedRow {
  /** The list item itself, built once: a keystroke allocates nothing per row. */
  item: Extract<EverywhereItem, { kind: 'row' }>;
  search: string;
}

/**
 * The rows in urgency order (attention, then the signal's own order, then the name), sorted
 * once when rows or signals change: a keystroke only filters, keeping this order.
 */
export function prepareRows(
  rows: readonly EverywhereRow[],
  signals: ReadonlyMap<string, HealthSignal>,
  places: ReadonlyMap<string, Place>,
): PreparedRow[] {
  const out: PreparedRow[] = [];
  for (const row of rows) {
    const place = places.get(row.placeKey);
    if (!place) continue;
    const key = rowKeyOf(row);
    const item = { kind: 'row' as const, key, row, place, signal: signals.get(key)! };
    out.push({ item, search: `${row.name}\n${row.id}\n${row.sourceType}`.toLowerCase() });
  }
  return out.sort(
    ({ item: a }, { item: b }) =>
      Number(b.signal.attention) - Number(a.signal.attention) ||
      RANK.get(a.signal.kind)! - RANK.get(b.signal.kind)! ||
      (a.row.name < b.row.name ? -1 : a.row.name > b.row.name ? 1 : 0),
  );
}

/** Places needing a look first: attention, then not current, then by name. */
const placeOrder = (summaries: ReadonlyMap<string, AttentionSummary>) => (a: Place, b: Place) =>
  summaries.get(b.key)!.attention - summaries.get(a.key)!.attention ||
  Number(listStateOfPlace(b) !== 'fresh') - Number(listStateOfPlace(a) !== 'fresh') ||
  a.profileName.localeCompare(b.profileName) ||
  (a.organizationName ?? '').localeCompare(b.organizationName ?? '');

/** Whether a place passes the deployment and organisation filters. */
function placeMatches(place: Place, query: EverywhereQuery): boolean {
  if (query.deployment && place.profileId !== query.deployment) return false;
  return !query.organization || place.organizationName === query.organization;
}

const placeText = (p: Place) => `${p.profileName}\n${p.organizationName ?? ''}`.toLowerCase();

/** The list's items (see the module comment). */
export function everywhereItems(
  places: readonly Place[],
  prepared: readonly PreparedRow[],
  summaries: ReadonlyMap<string, AttentionSummary>,
  query: EverywhereQuery,
): EverywhereItem[] {
  const shown = places.filter((p) => placeMatches(p, query)).sort(placeOrder(summaries));
  const needle = query.text.trim().toLowerCase();
  const byKey = new Map(shown.map((p) => [p.key, { place: p, hit: needle === '' || placeText(p).includes(needle) }]));
  const rowsByPlace = new Map<string, EverywhereItem[]>(shown.map((p) => [p.key, []]));
  const flat: EverywhereItem[] = [];
  for (const { item, search } of prepared) {
    const at = byKey.get(item.row.placeKey);
    if (!at || (query.attentionOnly && !item.signal.attention) || (!at.hit && !search.includes(needle))) continue;
    if (query.groupBy === 'none') flat.push(item);
    else rowsByPlace.get(at.place.key)!.push(item);
  }
  const placeItem = (p: Place): EverywhereItem => ({
    kind: 'place',
    key: p.key,
    place: p,
    summary: summaries.get(p.key)!,
  });
  if (query.groupBy === 'none')
    return [...shown.filter((p) => listStateOfPlace(p) !== 'fresh').map(placeItem), ...flat];
  const out: EverywhereItem[] = [];
  for (const p of query.groupBy === 'deployment' ? byDeployment(shown) : shown) {
    const list = rowsByPlace.get(p.key)!;
    // A current place whose rows are all filtered out is left out; one that is not current stays.
    if (list.length === 0 && listStateOfPlace(p) === 'fresh' && (needle || query.attentionOnly)) continue;
    out.push(placeItem(p));
    for (const item of list) out.push(item);
  }
  return out;
}

/** Places of the same deployment next to each other, deployments in the order of their first place. */
function byDeployment(places: Place[]): Place[] {
  const groups = new Map<string, Place[]>();
  for (const p of places) groups.set(p.profileId, [...(groups.get(p.profileId) ?? []), p]);
  return [...groups.values()].flat();
}
