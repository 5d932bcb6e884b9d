import { describe, expect, it } from 'vitest';
import { listStateOf, summarizeAttention, type ListState } from '../../../src-shared/domain/attention';
import { describeSchedule } from '../../../src-shared/domain/schedule-fact';
import { healthOf, type HealthInputs } from '../../../src-shared/domain/source-health';

const SERVER_NOW = Date.parse('2026-12-01T12:00:00.000Z');
const DAY = 86_400;
const ago = (sec: number) => new Date(SERVER_NOW - sec * 1000).toISOString();

/** A seeded claude_compliance source: awaiting its first event, schedule not reported by LangWatch. */
const waiting: HealthInputs = {
  sourceType: 'claude_compliance',
  status: 'awaiting_first_event',
  archived: false,
  createdAt: ago(126 * DAY),
  lastEventAt: null,
  schedule: describeSchedule({ kind: 'unknown' }),
  keyVerdict: null,
  serverNowMs: SERVER_NOW,
};

describe('attention never mistakes ignorance for health', () => {
  it('a source that waited 126 days with an unknown schedule needs attention, and says how long', () => {
    const signal = healthOf(waiting);
    expect(signal.kind).toBe('waiting_too_long');
    expect(signal.attention).toBe(true);
    expect(signal.label).toBe('No event in 126 days');
    expect(signal.reason).toMatch(/24 h default/);
  });

  it('the stated 24 h default applies only when the cadence is unknown', () => {
    expect(healthOf({ ...waiting, createdAt: ago(23 * 3600) }).attention).toBe(false);
    expect(healthOf({ ...waiting, createdAt: ago(25 * 3600) }).attention).toBe(true);
    const hourly = describeSchedule({ kind: 'console', cron: '0 * * * *', at: ago(0) });
    expect(hourly.cadenceSec).toBe(3600);
    expect(healthOf({ ...waiting, schedule: hourly, createdAt: ago(3 * 3600) }).attention).toBe(false);
    expect(healthOf({ ...waiting, schedule: hourly, createdAt: ago(5 * 3600) }).attention).toBe(true);
  });

  it('an active source silent for days with no known cadence is not "receiving events"', () => {
    const signal = healthOf({ ...waiting, status: 'active', lastEventAt: ago(3 * DAY) });
    expect(signal.kind).toBe('silent');
    expect(signal.label).toBe('No event in 3 days');
  });

  it('without the server clock a row is not judged (never new, never fine)', () => {
    expect(healthOf({ ...waiting, serverNowMs: null }).kind).toBe('unjudged');
    expect(healthOf({ ...waiting, status: 'active', lastEventAt: ago(60), serverNowMs: null }).kind).toBe('unjudged');
  });

  it('a confirmed key verdict makes the row a key problem', () => {
    expect(healthOf({ ...waiting, createdAt: ago(60), keyVerdict: 'invalid_key' }).kind).toBe('key_problem');
  });
});

describe('summarizeAttention: the all-clear only on facts', () => {
  const fine = healthOf({ ...waiting, status: 'active', lastEventAt: ago(60) });
  const unjudged = healthOf({ ...waiting, serverNowMs: null });
  const late = healthOf(waiting);

  it('says "Nothing needs attention" only when every row was judged on a fresh list', () => {
    expect(summarizeAttention([fine, fine], 'fresh')).toMatchObject({
      verdict: 'clear',
      text: 'Nothing needs attention',
    });
  });

  it.each<[string, ListState]>([
    ['loading', 'loading'],
    ['failed', 'failed'],
    ['stale', 'stale'],
    ['no access', 'no_access'],
  ])('never an all-clear when the list is %s', (_name, list) => {
    const summary = summarizeAttention([fine], list);
    expect(summary.verdict).toBe('unsure');
    expect(summary.text).not.toMatch(/Nothing needs attention/);
  });

  it('counts rows it could not judge instead of calling them fine', () => {
    expect(summarizeAttention([fine, unjudged], 'fresh')).toMatchObject({ verdict: 'unsure', text: '1 not judged' });
    expect(summarizeAttention([late, unjudged, late], 'stale').text).toBe(
      '2 need attention · 1 not judged · List out of date: the last refresh failed',
    );
  });

  it('reads the list state from the monitor', () => {
    expect(listStateOf({ phase: null, everLoaded: false, errorCode: null })).toBe('loading');
    expect(listStateOf({ phase: 'running', everLoaded: true, errorCode: null })).toBe('fresh');
    expect(listStateOf({ phase: 'error', everLoaded: true, errorCode: 'langwatch.server_error' })).toBe('stale');
    expect(listStateOf({ phase: 'error', everLoaded: false, errorCode: 'langwatch.server_error' })).toBe('failed');
    expect(listStateOf({ phase: 'error', everLoaded: false, errorCode: 'langwatch.forbidden' })).toBe('no_access');
  });
});

describe('durations in minutes, hours and days', () => {
  it('never "182465 min" nor "Wait 889 s"', async () => {
    const { formatCountdown, formatDuration } = await import('../../../src-shared/domain/duration');
    expect(formatDuration(182_465 * 60)).toBe('126 days');
    expect(formatDuration(90 * 60)).toBe('1 h 30 min');
    expect(formatDuration(20 * 3600 + 300)).toBe('20 h');
    expect(formatCountdown(889)).toBe('14 min 49 s');
    expect(formatCountdown(40)).toBe('40 s');
    expect(formatCountdown(7200)).toBe('2 h');
  });
});
