/**
 * Previous vs next list of sources: what was added, removed, which fields changed and which
 * status transitions happened. PURE and O(n) by an id map, so 5,000 rows diff in a few ms.
 */
import type { SourceRow, StatusTransition } from '../../../src-shared/domain/sources';

export type { SourceRow, StatusTransition };

/** A field that changed on one row. */
export interface FieldChange {
  id: string;
  fields: (keyof SourceRow)[];
  from: Partial<SourceRow>;
  to: Partial<SourceRow>;
}

export interface SnapshotDiff {
  added: SourceRow[];
  removed: string[];
  changed: FieldChange[];
  /** The new rows of `changed`, in the same order (what a delta pushes, without a search). */
  changedRows: SourceRow[];
  transitions: StatusTransition[];
}

const FIELDS: readonly (keyof SourceRow)[] = [
  'organizationId',
  'teamId',
  'sourceType',
  'name',
  'description',
  'parserConfig',
  'status',
  'lastEventAt',
  'archivedAt',
  'createdAt',
  'updatedAt',
  'createdById',
  'pullSchedule',
  'errorCount',
  'eventsLast24h',
];

/** True when nothing changed. */
export function isEmptyDiff(diff: SnapshotDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
}

/** Compares two snapshots by id. Row order is ignored (the renderer sorts). */
export function diffSnapshots(previous: readonly SourceRow[], next: readonly SourceRow[]): SnapshotDiff {
  if (isAligned(previous, next)) return diffAligned(previous, next);
  const before = new Map<string, SourceRow>();
  for (const row of previous) before.set(row.id, row);
  const added: SourceRow[] = [];
  const changed: FieldChange[] = [];
  const changedRows: SourceRow[] = [];
  const transitions: StatusTransition[] = [];
  const seen = new Set<string>();
  for (const row of next) {
    seen.add(row.id);
    const old = before.get(row.id);
    if (!old) {
      added.push(row);
      continue;
    }
    if (old === row) continue; // unchanged since the last tick (the rows keep their objects)
    const change = compareRow(old, row);
    if (change) {
      changed.push(change);
      changedRows.push(row);
    }
    if (old.status !== row.status) transitions.push({ id: row.id, name: row.name, from: old.status, to: row.status });
  }
  const removed: string[] = [];
  for (const row of previous) if (!seen.has(row.id)) removed.push(row.id);
  return { added, removed, changed, changedRows, transitions };
}

/** The common case (nothing changed) in one pass over known fields; FIELDS lists the same ones. */
/** The same ids in the same order (the usual tick: nothing added, removed or renamed). */
function isAligned(previous: readonly SourceRow[], next: readonly SourceRow[]): boolean {
  if (previous.length !== next.length) return false;
  for (let i = 0; i < next.length; i++) if (previous[i] !== next[i] && previous[i]!.id !== next[i]!.id) return false;
  return true;
}

/** The diff of aligned snapshots, position by position, without maps; unchanged row objects are skipped. */
function diffAligned(previous: readonly SourceRow[], next: readonly SourceRow[]): SnapshotDiff {
  const changed: FieldChange[] = [];
  const changedRows: SourceRow[] = [];
  const transitions: StatusTransition[] = [];
  for (let i = 0; i < next.length; i++) {
    const old = previous[i]!;
    const row = next[i]!;
    if (old === row) continue;
    const change = compareRow(old, row);
    if (change) {
      changed.push(change);
      changedRows.push(row);
    }
    if (old.status !== row.status) transitions.push({ id: row.id, name: row.name, from: old.status, to: row.status });
  }
  return { added: [], removed: [], changed, changedRows, transitions };
}

function sameRow(a: SourceRow, b: SourceRow): boolean {
  return (
    a.status === b.status &&
    a.updatedAt === b.updatedAt &&
    a.lastEventAt === b.lastEventAt &&
    a.eventsLast24h === b.eventsLast24h &&
    a.name === b.name &&
    a.description === b.description &&
    a.archivedAt === b.archivedAt &&
    a.createdAt === b.createdAt &&
    a.teamId === b.teamId &&
    a.sourceType === b.sourceType &&
    a.organizationId === b.organizationId &&
    a.createdById === b.createdById &&
    sameValue(a.parserConfig, b.parserConfig)
  );
}

function compareRow(old: SourceRow, row: SourceRow): FieldChange | null {
  if (sameRow(old, row)) return null;
  let change: FieldChange | null = null;
  for (const field of FIELDS) {
    if (sameValue(old[field], row[field])) continue;
    change ??= { id: row.id, fields: [], from: {}, to: {} };
    change.fields.push(field);
    (change.from as Record<string, unknown>)[field] = old[field];
    (change.to as Record<string, unknown>)[field] = row[field];
  }
  return change;
}

/** Scalars by ===, parserConfig (a small JSON object) structurally, key order ignored. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((v, i) => sameValue(v, other[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const key in x) {
    if (!Object.hasOwn(x, key)) continue;
    count += 1;
    if (!Object.hasOwn(y, key) || !sameValue(x[key], y[key])) return false;
  }
  for (const key in y) if (Object.hasOwn(y, key)) count -= 1;
  return count === 0;
}
