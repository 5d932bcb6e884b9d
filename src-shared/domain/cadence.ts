import { z } from 'zod';

// Polling cadence (seconds) <-> the 5-field UTC cron string LangWatch's puller reads
// (`pullSchedule`, contract langwatch.md §1). The server only pulls on the cron, so a
// cadence is valid only if a cron expresses it exactly; anything else is refused with the
// nearest valid values instead of being silently rounded.
//
// Canonical forms we emit (and read back). Line comments, because the crons contain "*/":
// - every m minutes, m dividing 60 and m = 1…30: `*/m * * * *` (m = 1 gives `*/1 * * * *`,
//   literally as the contract writes it; `* * * * *` is read back as 60 s too);
// - every h hours, h dividing 24 and h = 2…12: `0 */h * * *`;
// - hourly: `0 * * * *`. We emit the plain form (not `0 */1 * * *`) because every cron tool
//   and reader recognises it; `cronToCadence` accepts both;
// - daily `0 0 * * *` (midnight UTC), weekly `0 0 * * 0` (Sunday midnight UTC).

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const WEEK = 604_800;

/** The console's default cadence: every 5 minutes (the product page's 300 s). */
export const DEFAULT_CADENCE_SEC = 300;

/** Anthropic's rate limit, shared by every key and endpoint of one parent organisation. */
export const ANTHROPIC_ORG_REQUESTS_PER_MINUTE = 600;

const MINUTE_STEPS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30] as const;
const HOUR_STEPS = [1, 2, 3, 4, 6, 8, 12] as const;

/** Every cadence (seconds) a cron can express exactly, ascending. */
export const VALID_CADENCES_SEC: readonly number[] = Object.freeze([
  ...MINUTE_STEPS.map((m) => m * MINUTE),
  ...HOUR_STEPS.map((h) => h * HOUR),
  DAY,
  WEEK,
]);

const VALID_SET = new Set(VALID_CADENCES_SEC);

/** A cadence the composer offers as a one-click choice. */
export interface CadencePreset {
  seconds: number;
  label: string;
  cron: string;
}

/** The composer's choices (the server's own UI offers the same set); default is 300 s. */
export const CADENCE_PRESETS: readonly CadencePreset[] = Object.freeze(
  [
    { seconds: 300, label: 'Every 5 minutes' },
    { seconds: 600, label: 'Every 10 minutes' },
    { seconds: 900, label: 'Every 15 minutes' },
    { seconds: 1800, label: 'Every 30 minutes' },
    { seconds: HOUR, label: 'Hourly' },
    { seconds: DAY, label: 'Daily (00:00 UTC)' },
    { seconds: WEEK, label: 'Weekly (Sunday 00:00 UTC)' },
  ].map((p) => Object.freeze({ ...p, cron: cronFor(p.seconds) as string })),
);

/** Result of converting seconds to a cron: the cron, or why not and what would work. */
export type CadenceToCronResult = { ok: true; cron: string } | { ok: false; message: string; nearest: number[] };

/** Converts a cadence in seconds to its canonical cron, or explains the nearest valid values. */
export function cadenceToCron(seconds: number): CadenceToCronResult {
  const cron = cronFor(seconds);
  if (cron !== null) return { ok: true, cron };
  const nearest = nearestValidCadences(seconds);
  return { ok: false, message: invalidCadenceMessage(seconds, nearest), nearest };
}

/** True when `seconds` is exactly expressible as one of our crons. */
export function isValidCadence(seconds: number): boolean {
  return VALID_SET.has(seconds);
}

/**
 * The valid cadences closest to `seconds`: the largest one below and the smallest one above
 * (only one when `seconds` is outside the range). Valid input gives `[seconds]`.
 */
export function nearestValidCadences(seconds: number): number[] {
  if (Number.isNaN(seconds)) return [DEFAULT_CADENCE_SEC];
  if (VALID_SET.has(seconds)) return [seconds];
  const below = [...VALID_CADENCES_SEC].reverse().find((v) => v < seconds);
  const above = VALID_CADENCES_SEC.find((v) => v > seconds);
  return [below, above].filter((v): v is number => v !== undefined);
}

/**
 * Reads a cron back into seconds; null when it is not one of the forms we write
 * (extra spaces are tolerated, since a person may have typed it on the server).
 */
export function cronToCadence(cron: string): number | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const [min, hour, dom, month, dow] = fields as [string, string, string, string, string];
  if (dom !== '*' || month !== '*') return null;

  if (hour === '*' && dow === '*') {
    if (min === '*') return MINUTE; // same schedule as `*/1 * * * *`
    const m = stepOf(min);
    if (m !== null && (MINUTE_STEPS as readonly number[]).includes(m)) return m * MINUTE;
    if (min === '0') return HOUR;
    return null;
  }
  if (min !== '0') return null;
  if (dow === '*') {
    if (hour === '0') return DAY;
    const h = stepOf(hour);
    if (h !== null && (HOUR_STEPS as readonly number[]).includes(h)) return h * HOUR;
    return null;
  }
  if (hour === '0' && dow === '0') return WEEK;
  return null;
}

/** A short human phrase for a cadence: "every 5 minutes", "hourly", "every 6 hours". */
export function describeCadence(seconds: number): string {
  if (seconds === WEEK) return 'weekly (Sunday 00:00 UTC)';
  if (seconds === DAY) return 'daily (00:00 UTC)';
  if (seconds === HOUR) return 'hourly';
  if (seconds === MINUTE) return 'every minute';
  if (seconds % HOUR === 0) return `every ${seconds / HOUR} hours`;
  if (seconds % MINUTE === 0) return `every ${seconds / MINUTE} minutes`;
  return `every ${seconds} seconds`;
}

/**
 * The minimum average Anthropic requests per minute that pulling `sourcesCount` sources at
 * this cadence costs: one request per source per tick. Paging (a busy feed, a backfill)
 * only adds to it, so this is a floor, never an estimate of the ceiling.
 */
export function anthropicRequestsPerMinute(seconds: number, sourcesCount = 1): number {
  if (!(seconds > 0) || !(sourcesCount >= 0)) return 0;
  return (sourcesCount * MINUTE) / seconds;
}

/**
 * One honest sentence about what a cadence costs against the 600 requests/minute that
 * every key of the Anthropic organisation shares.
 */
export function anthropicCostSentence(seconds: number, sourcesCount = 1): string {
  const perMinute = anthropicRequestsPerMinute(seconds, sourcesCount);
  const perHour = perMinute * 60;
  const share = (perMinute / ANTHROPIC_ORG_REQUESTS_PER_MINUTE) * 100;
  const sources = sourcesCount === 1 ? '1 source' : `${sourcesCount} sources`;
  return (
    `Pulling ${sources} ${describeCadence(seconds)} costs at least ${formatNumber(perHour)} ` +
    `Anthropic request${perHour === 1 ? '' : 's'} per hour (${formatNumber(perMinute)}/minute, ` +
    `${formatNumber(share)}% of the ${ANTHROPIC_ORG_REQUESTS_PER_MINUTE} requests/minute ` +
    'shared by every key of your Anthropic organisation). Each extra page of activities ' +
    '(a busy period or a backfill) is one more request, and all sources tick in the same minute.'
  );
}

/** A cadence in whole seconds that a cron can express exactly (for forms and IPC input). */
export const cadenceSecSchema = z
  .number({ error: 'Choose how often to pull, in seconds.' })
  .int('The cadence must be a whole number of seconds.')
  .positive('The cadence must be more than 0 seconds.')
  .superRefine((seconds, ctx) => {
    if (isValidCadence(seconds)) return;
    ctx.addIssue({
      code: 'custom',
      message: invalidCadenceMessage(seconds, nearestValidCadences(seconds)),
      params: { nearest: nearestValidCadences(seconds) },
    });
  });

function cronFor(seconds: number): string | null {
  if (!VALID_SET.has(seconds)) return null;
  if (seconds === WEEK) return '0 0 * * 0';
  if (seconds === DAY) return '0 0 * * *';
  if (seconds === HOUR) return '0 * * * *';
  if (seconds < HOUR) return `*/${seconds / MINUTE} * * * *`;
  return `0 */${seconds / HOUR} * * *`;
}

// A step field (star, slash, n) -> n (digits only, no leading zero), else null.
function stepOf(field: string): number | null {
  const match = /^\*\/([1-9]\d*)$/.exec(field);
  return match?.[1] === undefined ? null : Number(match[1]);
}

function invalidCadenceMessage(seconds: number, nearest: number[]): string {
  const options = nearest.map((s) => `${s} s (${describeCadence(s)})`).join(' or ');
  const shown = Number.isFinite(seconds) ? `${seconds} s` : 'This value';
  return (
    `${shown} cannot be scheduled exactly: LangWatch pulls on a cron, which repeats every ` +
    `m minutes (m divides 60), every h hours (h divides 24), daily or weekly. ` +
    `Nearest valid: ${options}.`
  );
}

function formatNumber(n: number): string {
  if (n === 0) return '0';
  if (n >= 100 || Number.isInteger(n)) return String(Math.round(n));
  if (n >= 1) return n.toFixed(1).replace(/\.0$/, '');
  return Number(n.toPrecision(2)).toString();
}
