/**
 * What the schedule field holds, and what it sends. Pure: the composer, the outbox edit and
 * their tests share it.
 */
import { CADENCE_PRESETS, cadenceToCron, cronToCadence, isValidCadence } from './cadence';
import { checkCron, describeSchedule } from './cron';

/**
 * A fixed interval (a preset, or "every N minutes/hours"), a custom cron, or, for a change of
 * an existing source, "keep the schedule it has" (nothing is sent, so a schedule set elsewhere
 * stays exactly as written).
 */
export type ScheduleValue = { kind: 'interval'; seconds: number } | { kind: 'cron'; cron: string } | { kind: 'keep' };

/** The IPC fields of a schedule value: `pollEverySec`, `pullSchedule`, or neither (keep). */
export function scheduleFields(value: ScheduleValue): { pollEverySec?: number; pullSchedule?: string } {
  if (value.kind === 'interval') return { pollEverySec: value.seconds };
  if (value.kind === 'cron') return { pullSchedule: value.cron };
  return {};
}

/** Whether the value can be sent as it is (the field shows why not). */
export function scheduleValid(value: ScheduleValue): boolean {
  if (value.kind === 'interval') return isValidCadence(value.seconds);
  if (value.kind === 'cron') return checkCron(value.cron).ok;
  return true;
}

/** The value that shows a stored schedule: a preset or interval when it is one, else the cron as written. */
export function scheduleFromStored(pollEverySec: number | null, pullSchedule: string | null): ScheduleValue {
  if (pullSchedule !== null) {
    const seconds = cronToCadence(pullSchedule);
    const canonical = seconds === null ? null : cadenceToCron(seconds);
    // Only a cron we would write the same way becomes an interval; anything else is kept verbatim.
    if (seconds !== null && canonical?.ok && canonical.cron === pullSchedule) return { kind: 'interval', seconds };
    return { kind: 'cron', cron: pullSchedule };
  }
  return pollEverySec === null ? { kind: 'keep' } : { kind: 'interval', seconds: pollEverySec };
}

/** "every N minutes/hours" as amount + unit, for the custom interval inputs. */
export type IntervalUnit = 'minutes' | 'hours';

/** Seconds of an amount typed in a unit; NaN when the amount is not a whole positive number. */
export function intervalSeconds(amount: string, unit: IntervalUnit): number {
  const n = Number(amount.trim());
  if (amount.trim() === '' || !Number.isInteger(n) || n <= 0) return Number.NaN;
  return n * (unit === 'hours' ? 3600 : 60);
}

/** The amount + unit that shows a number of seconds (hours when whole hours). */
export function intervalParts(seconds: number): { amount: string; unit: IntervalUnit } {
  if (seconds >= 3600 && seconds % 3600 === 0) return { amount: String(seconds / 3600), unit: 'hours' };
  return { amount: String(Math.round(seconds / 60)), unit: 'minutes' };
}

/** Whether seconds is one of the one-click presets. */
export function isPreset(seconds: number): boolean {
  return CADENCE_PRESETS.some((p) => p.seconds === seconds);
}

/** A sent (or kept) schedule in words, with its cron; or that it is kept as it is. */
export function scheduleLabel(pullSchedule: string | null): string {
  if (pullSchedule === null) return 'kept as it is on LangWatch';
  const words = describeSchedule(pullSchedule);
  return words.startsWith('custom') ? words : `${words} (${pullSchedule}, UTC)`;
}
