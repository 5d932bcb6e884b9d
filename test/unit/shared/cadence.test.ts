import { describe, expect, it } from 'vitest';
import {
  ANTHROPIC_ORG_REQUESTS_PER_MINUTE,
  CADENCE_PRESETS,
  DEFAULT_CADENCE_SEC,
  VALID_CADENCES_SEC,
  anthropicCostSentence,
  anthropicRequestsPerMinute,
  cadenceSecSchema,
  cadenceToCron,
  cronToCadence,
  describeCadence,
  isValidCadence,
  nearestValidCadences,
} from '../../../src-shared/domain/cadence';

describe('cadenceToCron: every valid cadence', () => {
  it.each([
    [60, '*/1 * * * *'],
    [120, '*/2 * * * *'],
    [180, '*/3 * * * *'],
    [240, '*/4 * * * *'],
    [300, '*/5 * * * *'],
    [360, '*/6 * * * *'],
    [600, '*/10 * * * *'],
    [720, '*/12 * * * *'],
    [900, '*/15 * * * *'],
    [1200, '*/20 * * * *'],
    [1800, '*/30 * * * *'],
    [3600, '0 * * * *'],
    [7200, '0 */2 * * *'],
    [10800, '0 */3 * * *'],
    [14400, '0 */4 * * *'],
    [21600, '0 */6 * * *'],
    [28800, '0 */8 * * *'],
    [43200, '0 */12 * * *'],
    [86400, '0 0 * * *'],
    [604800, '0 0 * * 0'],
  ])('%i s -> %s (and back)', (seconds, cron) => {
    expect(cadenceToCron(seconds)).toEqual({ ok: true, cron });
    expect(cronToCadence(cron)).toBe(seconds);
    expect(isValidCadence(seconds)).toBe(true);
  });

  it('lists exactly those 20 cadences, ascending', () => {
    expect(VALID_CADENCES_SEC).toHaveLength(20);
    expect([...VALID_CADENCES_SEC].sort((a, b) => a - b)).toEqual(VALID_CADENCES_SEC);
  });
});

describe('cadenceToCron: refused values name the nearest valid ones', () => {
  it.each([
    [0, [60]],
    [-5, [60]],
    [1, [60]],
    [59, [60]],
    [61, [60, 120]],
    [299.5, [240, 300]],
    [301, [300, 360]],
    [420, [360, 600]], // 7 minutes: 7 does not divide 60
    [2400, [1800, 3600]], // 40 minutes
    [2700, [1800, 3600]], // 45 minutes
    [3601, [3600, 7200]],
    [18000, [14400, 21600]], // 5 hours: 5 does not divide 24
    [172800, [86400, 604800]], // 2 days
    [604801, [604800]],
    [Number.POSITIVE_INFINITY, [604800]],
    [Number.NaN, [DEFAULT_CADENCE_SEC]],
  ])('%d s is refused; nearest %j', (seconds, nearest) => {
    const result = cadenceToCron(seconds);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.nearest).toEqual(nearest);
    for (const n of nearest) expect(result.message).toContain(`${n} s`);
    expect(nearestValidCadences(seconds)).toEqual(nearest);
  });

  it('a valid value is its own nearest', () => {
    expect(nearestValidCadences(900)).toEqual([900]);
  });
});

describe('cronToCadence', () => {
  it.each([
    ['* * * * *', 60],
    ['0 */1 * * *', 3600],
    ['  */15   *  * * *  ', 900],
    ['0\t0 * * 0', 604800],
  ])('accepts the alias/spacing %j -> %i', (cron, seconds) => {
    expect(cronToCadence(cron)).toBe(seconds);
  });

  it.each([
    '',
    '*/5 * * *',
    '*/5 * * * * *',
    '*/7 * * * *',
    '*/45 * * * *',
    '*/60 * * * *',
    '*/0 * * * *',
    '*/05 * * * *',
    '5 * * * *',
    '0 */5 * * *',
    '0 */24 * * *',
    '30 */2 * * *',
    '0 1 * * *',
    '0 0 * * 1',
    '0 0 * * 7',
    '0 0 1 * *',
    '0 0 * 1 *',
    '*/5 1 * * *',
    '@hourly',
    'not a cron at all',
  ])('is null for a cron we do not write: %j', (cron) => {
    expect(cronToCadence(cron)).toBeNull();
  });
});

describe('CADENCE_PRESETS', () => {
  it('offers 5, 10, 15, 30 minutes, hourly, daily, weekly with crons and labels', () => {
    expect(CADENCE_PRESETS.map((p) => p.seconds)).toEqual([300, 600, 900, 1800, 3600, 86400, 604800]);
    for (const preset of CADENCE_PRESETS) {
      expect(preset.label.length).toBeGreaterThan(0);
      expect(cadenceToCron(preset.seconds)).toEqual({ ok: true, cron: preset.cron });
    }
  });

  it('includes the default of 300 s', () => {
    expect(DEFAULT_CADENCE_SEC).toBe(300);
    expect(CADENCE_PRESETS.some((p) => p.seconds === DEFAULT_CADENCE_SEC)).toBe(true);
  });
});

describe('describeCadence', () => {
  it.each([
    [60, 'every minute'],
    [300, 'every 5 minutes'],
    [3600, 'hourly'],
    [21600, 'every 6 hours'],
    [86400, 'daily (00:00 UTC)'],
    [604800, 'weekly (Sunday 00:00 UTC)'],
    [90, 'every 90 seconds'],
  ])('%i -> %s', (seconds, text) => {
    expect(describeCadence(seconds)).toBe(text);
  });
});

describe('Anthropic cost', () => {
  it.each([
    [60, 1, 1],
    [300, 1, 0.2],
    [300, 3, 0.6],
    [3600, 1, 1 / 60],
    [60, 0, 0],
    [0, 1, 0],
  ])('%i s x %i sources -> %d requests/minute (a floor)', (seconds, sources, perMinute) => {
    expect(anthropicRequestsPerMinute(seconds, sources)).toBeCloseTo(perMinute, 10);
  });

  it('defaults to one source', () => {
    expect(anthropicRequestsPerMinute(300)).toBeCloseTo(0.2, 10);
  });

  it('says it is a minimum, names the shared 600/min limit and that paging adds requests', () => {
    const text = anthropicCostSentence(300, 2);
    expect(ANTHROPIC_ORG_REQUESTS_PER_MINUTE).toBe(600);
    expect(text).toContain('2 sources every 5 minutes');
    expect(text).toContain('at least 24 Anthropic requests per hour');
    expect(text).toContain('0.4/minute');
    expect(text).toContain('600 requests/minute');
    expect(text).toMatch(/page/);
  });

  it('reads well for one source each minute', () => {
    expect(anthropicCostSentence(60)).toContain(
      '1 source every minute costs at least 60 Anthropic requests per hour (1/minute',
    );
  });
});

describe('cadenceSecSchema', () => {
  it.each([60, 300, 900, 3600, 86400, 604800])('accepts %i', (seconds) => {
    expect(cadenceSecSchema.parse(seconds)).toBe(seconds);
  });

  it.each([
    [420, /360 s.*600 s/],
    [0, /more than 0/],
    [-60, /more than 0/],
    [300.5, /whole number/],
    ['300', /how often/],
    [undefined, /how often/],
  ])('rejects %j with a message', (value, message) => {
    const result = cadenceSecSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });

  it('carries the nearest values in the issue params', () => {
    const result = cadenceSecSchema.safeParse(2700);
    const issue = result.error?.issues[0];
    expect(issue && 'params' in issue ? issue.params : undefined).toEqual({ nearest: [1800, 3600] });
  });
});
