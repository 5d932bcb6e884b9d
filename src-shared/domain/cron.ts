/**
 * Custom pull schedules: any five-field UTC cron that LangWatch accepts. LangWatch checks
 * `pullSchedule` with `croner` (same major as here): five space-separated fields, then a next
 * run must exist (so `0 0 31 2 *` is refused). Names (MON-FRI, JAN) and L, W, ?, # pass.
 * The console checks with the same library so it refuses exactly what the server refuses.
 */
import { Cron } from 'croner';
import { z } from 'zod';
import { ANTHROPIC_ORG_REQUESTS_PER_MINUTE, cronToCadence, describeCadence } from './cadence';

/** Longest `pullSchedule` the server stores. */
export const PULL_SCHEDULE_MAX = 64;

/** How many upcoming runs the composer lists. */
export const NEXT_RUNS_SHOWN = 5;

// Runs looked at to measure the cost: up to a week, at most a week of a 5-minute schedule
// (a denser schedule is measured over the time its first runs cover).
const COST_WINDOW_MS = 7 * 86_400_000;
const COST_MAX_RUNS = 2016;

// UTC as a fixed offset: the same runs as `timezone: 'UTC'`, without a time-zone lookup per
// step (about 60x faster, which matters while the admin types).
const UTC = { utcOffset: 0, paused: true } as const;

function job(cron: string): Cron {
  return new Cron(cron, { ...UTC });
}

/** A cron LangWatch would accept, with what it means; or why not. */
export type CronCheck = { ok: true; cron: string; nextRuns: string[] } | { ok: false; message: string };

/**
 * Checks a cron the way LangWatch does. `after` is the moment the next runs are counted from
 * (the caller's clock; only used to list runs, never compared with a server's clock).
 */
export function checkCron(expression: string, after: Date = new Date()): CronCheck {
  const cron = expression.trim().replace(/\s+/g, ' ');
  if (cron === '') return { ok: false, message: 'Type a cron schedule, e.g. */15 * * * * (every 15 minutes).' };
  if (cron.length > PULL_SCHEDULE_MAX)
    return { ok: false, message: `A schedule can be at most ${PULL_SCHEDULE_MAX} characters.` };
  const fields = cron.split(' ').length;
  if (fields !== 5) {
    return {
      ok: false,
      message: `LangWatch takes exactly five fields (minute hour day-of-month month day-of-week); this has ${fields}.`,
    };
  }
  let runs: Date[];
  try {
    runs = job(cron).nextRuns(NEXT_RUNS_SHOWN, after);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : 'not a cron';
    return { ok: false, message: `LangWatch would refuse this schedule: ${reason}.` };
  }
  if (runs.length === 0)
    return { ok: false, message: 'This schedule never runs (no such date, e.g. 31 February): LangWatch refuses it.' };
  return { ok: true, cron, nextRuns: runs.map((d) => d.toISOString()) };
}

/** The zod face of {@link checkCron}, for IPC input and the composer schema. */
export const pullScheduleSchema = z
  .string()
  .max(PULL_SCHEDULE_MAX + 32)
  .transform((s, ctx) => {
    const check = checkCron(s);
    if (!check.ok) {
      ctx.addIssue({ code: 'custom', message: check.message });
      return z.NEVER;
    }
    return check.cron;
  });

/** Requests a schedule costs: the average per hour over the next week, and its busiest gap. */
export interface CronCost {
  runsPerHour: number;
  /** The shortest time between two runs, in seconds (null with fewer than two runs). */
  shortestGapSec: number | null;
}

/** Counts the runs of an accepted cron over the next week (or the time its first 2016 runs cover). */
export function cronCost(cron: string, after: Date = new Date()): CronCost {
  const end = after.getTime() + COST_WINDOW_MS;
  const runs = job(cron)
    .nextRuns(COST_MAX_RUNS, after)
    .map((d) => d.getTime())
    .filter((t) => t <= end);
  let shortest: number | null = null;
  for (let i = 1; i < runs.length; i++) shortest = Math.min(shortest ?? Infinity, (runs[i]! - runs[i - 1]!) / 1000);
  const capped = runs.length === COST_MAX_RUNS;
  const coveredMs = capped ? runs[runs.length - 1]! - after.getTime() : COST_WINDOW_MS;
  return { runsPerHour: runs.length / (coveredMs / 3_600_000), shortestGapSec: shortest };
}

/** The cost of a fixed interval, in the same terms as a cron's. */
export function intervalCost(seconds: number): CronCost {
  return { runsPerHour: 3600 / seconds, shortestGapSec: seconds };
}

/** One sentence on what a schedule costs against Anthropic's shared rate limit. */
export function cronCostSentence(cost: CronCost): string {
  const perDay = round(cost.runsPerHour * 24);
  const gap = cost.shortestGapSec;
  const uniform = gap !== null && Math.abs(cost.runsPerHour - 3600 / gap) < 1e-9;
  const busiest = gap === null || uniform ? '' : `, up to one every ${gapPhrase(gap)} at the busiest time`;
  const perMinutePeak = gap === null ? 0 : Math.min(60 / gap, 1);
  const percent = (perMinutePeak / ANTHROPIC_ORG_REQUESTS_PER_MINUTE) * 100;
  const share = percent < 0.01 ? 'under 0.01%' : `${round(percent)}%`;
  return (
    `Cost: at least ${perDay} Anthropic request${perDay === '1' ? '' : 's'} a day, one per run${busiest}; ` +
    `${share} of the ${ANTHROPIC_ORG_REQUESTS_PER_MINUTE} requests/minute shared by every key of your Anthropic organisation. ` +
    'Each extra page of activities is one more request.'
  );
}

/** "every 15 minutes" for a cron of a fixed interval, else the cron itself as a custom schedule. */
export function describeSchedule(cron: string): string {
  const seconds = cronToCadence(cron);
  return seconds === null ? `custom schedule ${cron} (UTC)` : describeCadence(seconds);
}

function gapPhrase(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? 'hour' : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? 'minute' : `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}

function round(n: number): string {
  if (n >= 10 || Number.isInteger(n)) return String(Math.round(n));
  if (n >= 1) return n.toFixed(1).replace(/\.0$/, '');
  return n === 0 ? '0' : String(Number(n.toPrecision(2)));
}
