import { describe, expect, it } from 'vitest';
import { describeSchedule, scheduleFactFor, type ScheduleFact } from '../../../src-shared/domain/schedule-fact';
import { toSource, WireSource } from '../../../src-main/services/langwatch/schemas';
import { ageSec, healthOf, healthRank, type HealthInputs } from '../../../src-shared/domain/source-health';

const SERVER_NOW = Date.parse('2026-12-01T12:00:00.000Z');
const ago = (sec: number) => new Date(SERVER_NOW - sec * 1000).toISOString();
const every5 = describeSchedule({ kind: 'console', cron: '*/5 * * * *', at: ago(0) });

const base: HealthInputs = {
  sourceType: 'claude_compliance',
  status: 'awaiting_first_event',
  archived: false,
  createdAt: ago(60),
  lastEventAt: null,
  schedule: every5,
  keyVerdict: null,
  serverNowMs: SERVER_NOW,
};

describe('healthOf (table)', () => {
  it.each<[string, Partial<HealthInputs>, string, boolean]>([
    ['awaiting, younger than two cadences', { createdAt: ago(9 * 60) }, 'new', false],
    ['awaiting, between two and four cadences', { createdAt: ago(15 * 60) }, 'awaiting', false],
    ['awaiting for more than four cadences', { createdAt: ago(21 * 60) }, 'waiting_too_long', true],
    ['server says no schedule', { schedule: describeSchedule({ kind: 'server', cron: null }) }, 'never_pulled', true],
    [
      'no schedule on a pushed type is normal',
      { sourceType: 'otel_generic', schedule: describeSchedule({ kind: 'server', cron: null }) },
      'awaiting',
      false,
    ],
    [
      'schedule unknown: never claimed as never pulled',
      { schedule: describeSchedule({ kind: 'unknown' }), createdAt: ago(86_400) },
      'awaiting',
      false,
    ],
    ['key rejected by Anthropic', { keyVerdict: 'invalid_key' }, 'key_problem', true],
    ['key lacks the scope', { keyVerdict: 'missing_scope', status: 'active' }, 'key_problem', true],
    ['a valid key changes nothing', { keyVerdict: 'valid', createdAt: ago(60) }, 'new', false],
    ['active with a recent event', { status: 'active', lastEventAt: ago(120) }, 'healthy', false],
    ['active but silent for more than four cadences', { status: 'active', lastEventAt: ago(25 * 60) }, 'silent', true],
    [
      'active, silent past the 24 h default without a cadence',
      { status: 'active', lastEventAt: ago(99_999), schedule: describeSchedule({ kind: 'unknown' }) },
      'silent',
      true,
    ],
    ['disabled wins over a key problem', { status: 'disabled', keyVerdict: 'invalid_key' }, 'disabled', false],
    [
      'archived wins over everything',
      { archived: true, status: 'disabled', keyVerdict: 'invalid_key' },
      'archived',
      false,
    ],
    ['a status from a newer server is shown as unknown', { status: 'paused_by_quota' }, 'unknown', false],
    [
      'server clock unknown: age unknown, never guessed, not judged',
      { serverNowMs: null, createdAt: ago(86_400) },
      'unjudged',
      false,
    ],
  ])('%s', (_name, patch, kind, attention) => {
    const signal = healthOf({ ...base, ...patch });
    expect(signal.kind).toBe(kind);
    expect(signal.attention).toBe(attention);
    expect(signal.label.length).toBeGreaterThan(0);
    expect(signal.reason.length).toBeGreaterThan(0);
  });

  it('says so when the age is unknown instead of inventing one', () => {
    expect(healthOf({ ...base, serverNowMs: null }).reason).toMatch(/age is unknown/);
  });

  it('ages are server time minus server time', () => {
    expect(ageSec(SERVER_NOW, ago(90))).toBe(90);
    expect(ageSec(null, ago(90))).toBeNull();
    // A server timestamp "in the future" of the server's own clock reads as 0, never negative.
    expect(ageSec(SERVER_NOW, ago(-30))).toBe(0);
  });

  it('ranks the urgent first', () => {
    expect(healthRank('key_problem')).toBeLessThan(healthRank('waiting_too_long'));
    expect(healthRank('silent')).toBeLessThan(healthRank('new'));
    expect(healthRank('healthy')).toBeLessThan(healthRank('archived'));
  });
});

describe('describeSchedule', () => {
  it.each<[ScheduleFact, string, boolean | null]>([
    [{ kind: 'server', cron: null }, 'not scheduled', false],
    [{ kind: 'server', cron: '*/15 * * * *' }, 'every 15 minutes', true],
    [{ kind: 'server', cron: '0 9 * * MON-FRI' }, 'cron 0 9 * * MON-FRI (UTC)', true],
    [{ kind: 'console', cron: '0 * * * *', at: '2026-12-01T10:00:00.000Z' }, 'hourly', true],
    [{ kind: 'unknown' }, 'unknown', null],
  ])('%j', (fact, text, scheduled) => {
    const words = describeSchedule(fact);
    expect(words.text).toBe(text);
    expect(words.scheduled).toBe(scheduled);
  });
});

describe('where the schedule comes from', () => {
  const sent = { cron: '0 * * * *', at: '2026-12-01T10:00:00.000Z' };
  it("the server's word wins, null included; absent means unknown unless this console sent one", () => {
    expect(scheduleFactFor('*/15 * * * *', sent)).toEqual({ kind: 'server', cron: '*/15 * * * *' });
    expect(scheduleFactFor(null, sent)).toEqual({ kind: 'server', cron: null });
    expect(scheduleFactFor(undefined, sent)).toEqual({ kind: 'console', ...sent });
    expect(scheduleFactFor(undefined, undefined)).toEqual({ kind: 'unknown' });
  });

  it("a newer server's pullSchedule reaches the DTO; an older server's silence stays undefined", () => {
    const wire = {
      id: 's',
      organizationId: 'o',
      teamId: null,
      sourceType: 'claude_compliance',
      name: 'n',
      description: null,
      parserConfig: {},
      status: 'active',
      lastEventAt: null,
      archivedAt: null,
      createdAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T10:00:00.000Z',
      createdById: null,
    };
    expect(toSource(WireSource.parse({ ...wire, pullSchedule: '*/15 * * * *' })).pullSchedule).toBe('*/15 * * * *');
    expect(toSource(WireSource.parse({ ...wire, pullSchedule: null })).pullSchedule).toBeNull();
    expect(toSource(WireSource.parse(wire)).pullSchedule).toBeUndefined();
  });
});
