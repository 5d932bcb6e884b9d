/**
 * What one tick of the sources monitor reads, as table rows: the live sources through the
 * session's sources reader, with the 24 h counts of the list's health where known (the health
 * arrives on its own, see list-health.ts).
 */
import type { Source } from '../../../src-shared/domain/langwatch';
import type { SourceRow } from '../../../src-shared/domain/sources';
import { isAppError, type ErrorData } from '../../../src-shared/errors';

/**
 * The row last built for a source object (the API keeps the object of an unchanged source from
 * one tick to the next): reused while its count is the same, so the diff skips it by identity.
 */
const rowOfSource = new WeakMap<Source, { row: SourceRow; counts: HealthCounts }>();

/** Counts by source id, or null when the list has none (not asked, not allowed, failed). */
export type HealthCounts = ReadonlyMap<string, number> | null;

/** The table rows of a list; counts are null when the health is not known. */
export function rowsOf(sources: readonly Source[], counts: HealthCounts): SourceRow[] {
  const out = new Array<SourceRow>(sources.length);
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i]!;
    const known = rowOfSource.get(s);
    // Built from these very counts: nothing to look up.
    if (known !== undefined && known.counts === counts) {
      out[i] = known.row;
      continue;
    }
    const count = counts ? (counts.get(s.id) ?? 0) : null;
    const row = known !== undefined && known.row.eventsLast24h === count ? known.row : toRow(s, count);
    rowOfSource.set(s, { row, counts });
    out[i] = row;
  }
  return out;
}

/**
 * The rows with the counts of a health answer that arrived after them: the same row objects
 * where the count did not change, and the changed ones (to push as a delta).
 */
export function withCounts(
  rows: readonly SourceRow[],
  counts: HealthCounts,
): { rows: SourceRow[]; changed: SourceRow[] } {
  const changed: SourceRow[] = [];
  const next = rows.map((r) => {
    const count = counts ? (counts.get(r.id) ?? 0) : null;
    if (count === r.eventsLast24h) return r;
    const row = toRow(r, count);
    changed.push(row);
    return row;
  });
  return { rows: next, changed };
}

/**
 * A table row: the source plus its 24 h event count, as one literal (one object shape for all
 * rows, which a 5,000-row tick builds and diffs faster than spread copies or added fields).
 */
function toRow(s: Source, eventsLast24h: number | null): SourceRow {
  return {
    id: s.id,
    organizationId: s.organizationId,
    teamId: s.teamId,
    sourceType: s.sourceType,
    name: s.name,
    description: s.description,
    parserConfig: s.parserConfig,
    status: s.status,
    lastEventAt: s.lastEventAt,
    archivedAt: s.archivedAt,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    createdById: s.createdById,
    pullSchedule: s.pullSchedule,
    errorCount: s.errorCount,
    eventsLast24h,
  };
}

/** The error of a failed tick, as data (an unexpected one as a calm internal error). */
export function toErrorData(error: unknown): ErrorData {
  return isAppError(error)
    ? error.toData()
    : { code: 'internal', message: 'The status refresh failed inside the console.' };
}
