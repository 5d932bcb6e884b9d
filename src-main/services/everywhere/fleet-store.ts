/**
 * The places and rows of the Everywhere view in main, and the changes not pushed yet: each
 * change is collected, and `flush` hands them over as one delta (`everywhere.changed`).
 * Rows are replaced per place; a row object that did not change is skipped by identity.
 */
import type { EverywhereDelta, EverywhereRow, EverywhereSnapshot } from '../../../src-shared/domain/everywhere';
import { Place, rowKeyOf } from '../../../src-shared/domain/everywhere';
import type { ErrorData } from '../../../src-shared/errors';

export interface FleetStore {
  place(key: string): Place | undefined;
  places(): Place[];
  /** Sets (or adds) a place; pushed only when something in it changed. */
  setPlace(place: Place): void;
  /** Changes some fields of a known place (nothing when unknown). */
  patchPlace(key: string, patch: Partial<Place>): void;
  /** Removes a place and its rows. */
  removePlace(key: string): void;
  rowsOf(placeKey: string): readonly EverywhereRow[];
  /** Replaces the rows of a place. */
  setRows(placeKey: string, rows: EverywhereRow[]): void;
  snapshot(): EverywhereSnapshot;
  /** The changes since the last flush, or null when there are none. */
  flush(): EverywhereDelta | null;
}

interface Pending {
  places: Map<string, Place>;
  removedPlaces: Set<string>;
  upserts: Map<string, EverywhereRow>;
  removed: Set<string>;
}

const emptyPending = (): Pending => ({
  places: new Map(),
  removedPlaces: new Set(),
  upserts: new Map(),
  removed: new Set(),
});

/** A place's fields (its schema's own list); all are plain values but the two errors. */
const PLACE_FIELDS = Object.keys(Place.shape) as Array<keyof Place>;

const sameError = (a: ErrorData | null, b: ErrorData | null): boolean =>
  a === b ||
  (!!a &&
    !!b &&
    a.code === b.code &&
    a.message === b.message &&
    JSON.stringify(a.details) === JSON.stringify(b.details));

/** Field by field: run per place per tick, so no serialising of whole places. */
const samePlace = (a: Place, b: Place) =>
  PLACE_FIELDS.every((k) => (k === 'healthError' || k === 'lastError' ? sameError(a[k], b[k]) : a[k] === b[k]));

/** Creates an empty store. */
export function createFleetStore(): FleetStore {
  const places = new Map<string, Place>();
  const rows = new Map<string, Map<string, EverywhereRow>>();
  let pending = emptyPending();

  function setPlace(place: Place): void {
    const known = places.get(place.key);
    if (known && samePlace(known, place)) return;
    places.set(place.key, place);
    pending.places.set(place.key, place);
    pending.removedPlaces.delete(place.key);
  }

  function setRows(placeKey: string, next: EverywhereRow[]): void {
    const before = rows.get(placeKey) ?? new Map<string, EverywhereRow>();
    const after = new Map<string, EverywhereRow>();
    for (const row of next) {
      after.set(row.id, row);
      if (before.get(row.id) !== row) {
        pending.upserts.set(rowKeyOf(row), row);
        pending.removed.delete(rowKeyOf(row));
      }
    }
    for (const [id, row] of before) {
      if (after.has(id)) continue;
      pending.removed.add(rowKeyOf(row));
      pending.upserts.delete(rowKeyOf(row));
    }
    if (after.size > 0) rows.set(placeKey, after);
    else rows.delete(placeKey);
  }

  return {
    place: (key) => places.get(key),
    places: () => [...places.values()],
    setPlace,
    patchPlace(key, patch) {
      const known = places.get(key);
      if (known) setPlace({ ...known, ...patch });
    },
    removePlace(key) {
      if (!places.has(key)) return;
      setRows(key, []);
      places.delete(key);
      pending.places.delete(key);
      pending.removedPlaces.add(key);
    },
    rowsOf: (placeKey) => [...(rows.get(placeKey)?.values() ?? [])],
    setRows,
    snapshot: () => ({
      places: [...places.values()],
      rows: [...rows.values()].flatMap((m) => [...m.values()]),
    }),
    flush() {
      const p = pending;
      if (p.places.size + p.removedPlaces.size + p.upserts.size + p.removed.size === 0) return null;
      pending = emptyPending();
      return {
        places: [...p.places.values()],
        removedPlaces: [...p.removedPlaces],
        upserts: [...p.upserts.values()],
        removed: [...p.removed],
      };
    },
  };
}
