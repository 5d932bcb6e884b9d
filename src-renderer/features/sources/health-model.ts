/**
 * Health signals for the rows on screen: the pure `healthOf` fed with what the renderer
 * knows (rows, the schedules this console sent, remembered key verdicts, the server clock).
 */
import type { RecordedKeyVerdict } from '../../../src-shared/domain/key-check';
import type { ScheduleFact } from '../../../src-shared/domain/schedule-fact';
import { describeSchedule, scheduleFactFor } from '../../../src-shared/domain/schedule-fact';
import { healthOf, type HealthKind, type HealthSignal } from '../../../src-shared/domain/source-health';
import type { SourceRow } from '../../../src-shared/domain/sources';
import type { LocalSourceFacts } from '../../../src-shared/ipc/channels/sources';

/** The schedule fact of one source: the server's word if it gives one, else what this console sent. */
export function scheduleFactOf(
  row: Pick<SourceRow, 'pullSchedule'> | null,
  sent: LocalSourceFacts['schedules'][string] | undefined,
): ScheduleFact {
  return scheduleFactFor(row?.pullSchedule, sent);
}

/**
 * The deployment's clock now: its `Date` header at the last tick plus the time this renderer
 * measured since that reading arrived (a duration between two readings of the same local
 * clock, never a comparison of the local clock with the server's). Null when unknown.
 */
export function serverNowMs(clock: { serverMs: number; localMs: number } | null, localNowMs: number): number | null {
  return clock ? clock.serverMs + Math.max(0, localNowMs - clock.localMs) : null;
}

/** Health signal per source id. */
export function healthByRow(
  rows: readonly SourceRow[],
  schedules: LocalSourceFacts['schedules'],
  verdicts: Record<string, RecordedKeyVerdict>,
  nowServerMs: number | null,
): Map<string, HealthSignal> {
  const out = new Map<string, HealthSignal>();
  for (const r of rows) {
    out.set(
      r.id,
      healthOf({
        sourceType: r.sourceType,
        status: r.status,
        archived: r.archivedAt !== null,
        createdAt: r.createdAt,
        lastEventAt: r.lastEventAt,
        schedule: describeSchedule(scheduleFactOf(r, schedules[r.id])),
        keyVerdict: verdicts[r.id]?.verdict.verdict ?? null,
        serverNowMs: nowServerMs,
      }),
    );
  }
  return out;
}

/** Counts per kind and how many need attention. */
export function healthCounts(health: Map<string, HealthSignal>): {
  attention: number;
  byKind: Partial<Record<HealthKind, number>>;
} {
  let attention = 0;
  const byKind: Partial<Record<HealthKind, number>> = {};
  for (const s of health.values()) {
    if (s.attention) attention += 1;
    byKind[s.kind] = (byKind[s.kind] ?? 0) + 1;
  }
  return { attention, byKind };
}
