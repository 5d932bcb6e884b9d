/**
 * The pull error count of each source as this console watched it: the first value seen and
 * the latest, with this machine's times of seeing them (durations measured here, never
 * compared with a server time). Only newer LangWatch versions report `errorCount`; without
 * it nothing is recorded and the trend stays unknown.
 */
import type { SourceRow } from '../../../src-shared/domain/sources';

/** What was seen of one source's error count. */
export interface ErrorObservation {
  firstCount: number;
  firstAtMs: number;
  count: number;
}

/** The error counts this console has watched, per source. */
export interface ErrorTrend {
  /** Records the counts of one tick's rows, at this machine's `nowMs`. */
  observe(rows: readonly SourceRow[], nowMs: number): void;
  /** What was seen of one source's count; undefined when it never reported one. */
  get(id: string): ErrorObservation | undefined;
}

/** Keeps the first and the latest error count per source. */
export function createErrorTrend(): ErrorTrend {
  const seen = new Map<string, ErrorObservation>();
  return {
    observe(rows: readonly SourceRow[], nowMs: number): void {
      for (const row of rows) {
        const count = row.errorCount;
        if (count === undefined || count === null) continue;
        const known = seen.get(row.id);
        // A count that went down means the server reset it (a success): start watching again.
        if (!known || count < known.count) seen.set(row.id, { firstCount: count, firstAtMs: nowMs, count });
        else known.count = count;
      }
    },
    get(id: string): ErrorObservation | undefined {
      return seen.get(id);
    },
  };
}
