/**
 * Parses the lists every monitor tick reads again (5,000 sources, their health rows) item by
 * item against the previous answer: an item equal, value for value, to the one of the same id
 * last time is the same DTO (it was validated then, and equal input validates equally), so only
 * new or changed items go through zod and the DTO conversion. Unchanged items keep their object,
 * which lets the monitor skip them by identity. A list that fails validation is parsed whole
 * again, so the error (and its issue paths) is exactly the full parse's.
 */

/** The parse of a whole list (throws AppError on a bad answer). */
export type ListParser<T> = (data: unknown) => T[];

/** A memoising list parser: equal items keep their DTO; an unchanged list keeps its array. */
export function createListMemo<T>(parseList: ListParser<T>): ListParser<T> {
  let lastWire: readonly unknown[] = [];
  let lastItems: T[] = [];
  return (data) => {
    if (!Array.isArray(data)) return parseList(data);
    // The very same answer (an unchanged text reused by the client): the very same list.
    if (data === lastWire) return lastItems;
    const items = new Array<T>(data.length);
    const fresh: number[] = [];
    // The same position first (the list is ordered by name); by id when something moved.
    let byId: Map<string, number> | null = null;
    for (let i = 0; i < data.length; i++) {
      const wire: unknown = data[i];
      if (i < lastWire.length && sameJson(lastWire[i], wire)) {
        items[i] = lastItems[i]!;
        continue;
      }
      // Changed in place (same id at the same position): nothing to look up.
      if (i < lastWire.length && idOf(wire) !== null && idOf(wire) === idOf(lastWire[i])) {
        fresh.push(i);
        continue;
      }
      byId ??= indexById(lastWire);
      const at = byId.get(idOf(wire) ?? '');
      if (at !== undefined && sameJson(lastWire[at], wire)) items[i] = lastItems[at]!;
      else fresh.push(i);
    }
    if (fresh.length > 0) {
      let parsed: T[];
      try {
        parsed = parseList(fresh.map((i) => data[i] as unknown));
      } catch {
        return parseList(data); // throws the full parse's error
      }
      fresh.forEach((i, k) => (items[i] = parsed[k]!));
    }
    lastWire = data;
    if (fresh.length === 0 && sameItems(items, lastItems)) return lastItems;
    lastItems = items;
    return items;
  };
}

function indexById(list: readonly unknown[]): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < list.length; i++) {
    const id = idOf(list[i]);
    if (id !== null && !map.has(id)) map.set(id, i);
  }
  return map;
}

function idOf(item: unknown): string | null {
  if (typeof item !== 'object' || item === null) return null;
  const id = (item as { id?: unknown }).id;
  return typeof id === 'string' ? id : null;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** A plain object (what JSON.parse makes), not a Date or any other class. */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Equality of two JSON values (what JSON.parse and superjson's `json` produce). It runs on
 * every field of 5,000 items each tick, so equal scalars (nearly all fields) cost one `===`:
 * an own JSON scalar can only equal an inherited property if Object.prototype was given
 * enumerable scalars, and the key counts below still have to match. Anything unusual
 * (undefined, a class instance) counts as different, which only means validating it again.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const x: unknown = a[i];
      if (x !== b[i] && !sameJson(x, b[i])) return false;
    }
    return true;
  }
  // Only what JSON.parse makes: a Date (or any class) revived by superjson is never "equal" here.
  if (Array.isArray(b) || !isPlainObject(a) || !isPlainObject(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let count = 0;
  for (const key in ra) {
    const x = ra[key];
    if (x !== rb[key] || x === undefined) {
      // An object must be b's own (b.__proto__ is Object.prototype, not a JSON value).
      if (typeof x !== 'object' || x === null || !hasOwn.call(rb, key) || !sameJson(x, rb[key])) return false;
    }
    count++;
  }
  for (const _key in rb) count--;
  return count === 0;
}
