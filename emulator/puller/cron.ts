/**
 * `pullSchedule` validation and matching with `croner` (v10), the library LangWatch uses, so
 * the emulator accepts and refuses exactly what the server does: five whitespace-separated
 * fields (LangWatch checks the count itself; croner alone would take six or seven), and a
 * pattern croner can compute a next run for in UTC (`0 0 31 2 *` has none and is refused).
 */
import { Cron } from 'croner';

/** LangWatch's two complaints (`pullScheduleSchema`), used as `meta.formErrors`. */
export const NOT_FIVE_FIELDS = 'pull schedule must be a five-field cron expression';
export const NOT_VALID_CRON = 'pull schedule is not a valid cron expression';

/** The complaint about a schedule, or null when LangWatch accepts it. */
export function cronComplaint(expr: string, nowMs: number): string | null {
  if (expr.trim().split(/\s+/).length !== 5) return NOT_FIVE_FIELDS;
  try {
    const next = new Cron(expr, { timezone: 'UTC', paused: true }).nextRun(new Date(nowMs));
    return next ? null : NOT_VALID_CRON;
  } catch {
    return NOT_VALID_CRON;
  }
}

/** A parsed schedule; null when LangWatch would refuse it. */
export function parseCron(expr: string, nowMs = Date.now()): Cron | null {
  if (cronComplaint(expr, nowMs) !== null) return null;
  return new Cron(expr, { timezone: 'UTC', paused: true });
}

/** Whether the schedule fires in the UTC minute that contains `ms`. */
export function cronMatches(cron: Cron, ms: number): boolean {
  return cron.match(new Date(Math.floor(ms / 60_000) * 60_000));
}
