/**
 * What the console knows about a source's pull schedule, and how to say it in words.
 * LangWatch pulls only on `pullSchedule` (a 5-field UTC cron); `parserConfig.pollEverySec`
 * is a number the server never reads, so the table never shows it as the cadence.
 * PURE: imports only zod and src-shared.
 */
import { cronToCadence, describeCadence } from './cadence';

/**
 * Where the schedule comes from:
 * - `server`: the server said (newer LangWatch versions return `pullSchedule`; null = none);
 * - `console`: the server does not say, but this console sent this cron itself (its history);
 * - `unknown`: neither; shown as unknown, never as "not scheduled".
 */
export type ScheduleFact =
  { kind: 'server'; cron: string | null } | { kind: 'console'; cron: string; at: string } | { kind: 'unknown' };

/**
 * What is known of a source's schedule: the server's word when it gives one (newer LangWatch
 * versions return `pullSchedule`), else the cron this console last sent, else unknown.
 */
export function scheduleFactFor(
  serverValue: string | null | undefined,
  sentHere: { cron: string; at: string } | undefined,
): ScheduleFact {
  if (serverValue !== undefined) return { kind: 'server', cron: serverValue };
  return sentHere ? { kind: 'console', cron: sentHere.cron, at: sentHere.at } : { kind: 'unknown' };
}

/** The schedule in words, a longer explanation for a tooltip, and its period when regular. */
export interface ScheduleWords {
  text: string;
  title: string;
  /** Seconds between pulls when the cron repeats evenly (every m minutes, hourly...), else null. */
  cadenceSec: number | null;
  /** False when the source is known to have no schedule (LangWatch never pulls it). */
  scheduled: boolean | null;
}

/** "every 5 minutes", "daily (00:00 UTC)", or the cron itself for other schedules. */
export function describeCron(cron: string): string {
  const seconds = cronToCadence(cron);
  return seconds === null ? `cron ${cron.trim()} (UTC)` : describeCadence(seconds);
}

/** Words for the table and the detail. */
export function describeSchedule(fact: ScheduleFact): ScheduleWords {
  switch (fact.kind) {
    case 'server':
      if (fact.cron === null) {
        return {
          text: 'not scheduled',
          title: 'LangWatch has no pull schedule for this source: it is never pulled.',
          cadenceSec: null,
          scheduled: false,
        };
      }
      return {
        text: describeCron(fact.cron),
        title: `LangWatch pulls on the cron "${fact.cron}" (UTC).`,
        cadenceSec: cronToCadence(fact.cron),
        scheduled: true,
      };
    case 'console':
      return {
        text: describeCron(fact.cron),
        title: `Set by this console on ${fact.at} ("${fact.cron}", UTC). This LangWatch version does not report the schedule it runs, so a change made elsewhere would not show here.`,
        cadenceSec: cronToCadence(fact.cron),
        scheduled: true,
      };
    case 'unknown':
      return {
        text: 'unknown',
        title:
          'This LangWatch version does not report the pull schedule, and this console never set one for this source.',
        cadenceSec: null,
        scheduled: null,
      };
  }
}
