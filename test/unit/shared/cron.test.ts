import { describe, expect, it } from 'vitest';
import {
  checkCron,
  cronCost,
  cronCostSentence,
  describeSchedule,
  intervalCost,
  pullScheduleSchema,
} from '../../../src-shared/domain/cron';

const AFTER = new Date('2026-12-01T21:07:00Z'); // a Tuesday

describe('checkCron accepts what LangWatch (croner, five fields) accepts', () => {
  it.each([
    ['*/15 * * * *', '2026-12-01T21:15:00.000Z'], // the web composer's default
    ['0 9 * * MON-FRI', '2026-12-02T09:00:00.000Z'],
    ['0 0 1 JAN *', '2027-01-01T00:00:00.000Z'],
    ['0 0 L * *', '2026-12-31T00:00:00.000Z'],
    ['0 0 15W * *', '2026-12-15T00:00:00.000Z'],
    ['0 0 ? * *', '2026-12-02T00:00:00.000Z'],
    ['0 0 * * 5#2', '2026-12-11T00:00:00.000Z'],
    ['0 0 29 2 *', '2028-02-29T00:00:00.000Z'],
    ['0 */6 * * *', '2026-12-02T00:00:00.000Z'],
    ['  30   2 * * 0  ', '2026-12-06T02:30:00.000Z'],
  ])('%s -> first run %s', (cron, first) => {
    const check = checkCron(cron, AFTER);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.nextRuns).toHaveLength(5);
    expect(check.nextRuns[0]).toBe(first);
    expect(check.cron).toBe(cron.trim().replace(/\s+/g, ' '));
  });
});

describe('checkCron refuses what LangWatch refuses, saying why', () => {
  it.each([
    ['0 0 31 2 *', 'never runs'],
    ['0 0 30 2 *', 'never runs'],
    ['* * * *', 'exactly five fields'],
    ['0 0 0 * * *', 'exactly five fields'], // croner takes seconds; LangWatch does not
    ['@daily', 'exactly five fields'],
    ['60 * * * *', 'refuse'],
    ['0 25 * * *', 'refuse'],
    ['0 0 * * FUNDAY', 'refuse'],
    ['', 'Type a cron'],
    [`${'1,'.repeat(40)}1 * * * *`, 'at most 64'],
  ])('%s', (cron, why) => {
    const check = checkCron(cron, AFTER);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.message).toContain(why);
  });

  it('the zod schema refuses with the same message and normalises spaces', () => {
    expect(pullScheduleSchema.safeParse('0 0 31 2 *').error?.issues[0]?.message).toContain('never runs');
    expect(pullScheduleSchema.parse(' */15  * * * * ')).toBe('*/15 * * * *');
  });
});

describe('cost and description', () => {
  it('counts a week of runs: every 15 minutes is 96 a day, busiest one per 15 minutes', () => {
    const cost = cronCost('*/15 * * * *', AFTER);
    expect(cost.runsPerHour).toBe(4);
    expect(cost.shortestGapSec).toBe(900);
    expect(cronCostSentence(cost)).toBe(
      'Cost: at least 96 Anthropic requests a day, one per run; 0.011% of the 600 requests/minute shared by every key of your Anthropic organisation. ' +
        'Each extra page of activities is one more request.',
    );
    expect(cronCostSentence(intervalCost(900))).toBe(cronCostSentence(cost));
  });

  it('weekday mornings: 5 a week, busiest gap one day', () => {
    const cost = cronCost('0 9 * * MON-FRI', AFTER);
    expect(cost.runsPerHour * 24 * 7).toBeCloseTo(5);
    expect(cost.shortestGapSec).toBe(86_400);
    expect(cronCostSentence(cost)).toContain(
      'at least 0.71 Anthropic requests a day, one per run, up to one every 24 hours at the busiest time; under 0.01% of',
    );
  });

  it('every minute is measured over the runs it covers: 1440 a day', () => {
    expect(cronCost('* * * * *', AFTER).runsPerHour).toBe(60);
    expect(cronCostSentence(cronCost('* * * * *', AFTER))).toContain('at least 1440 Anthropic requests a day');
  });

  it('a burst schedule reports its busiest minute, not only the average', () => {
    const cost = cronCost('* 9 * * *', AFTER);
    expect(cost.shortestGapSec).toBe(60);
    expect(cronCostSentence(cost)).toContain('up to one every minute at the busiest time; 0.17% of the 600');
  });

  it('describes a fixed interval in words and anything else as a custom schedule', () => {
    expect(describeSchedule('*/15 * * * *')).toBe('every 15 minutes');
    expect(describeSchedule('0 9 * * MON-FRI')).toBe('custom schedule 0 9 * * MON-FRI (UTC)');
  });
});
