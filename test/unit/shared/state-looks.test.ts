import { describe, expect, it } from 'vitest';
import { HEALTH_KINDS } from '../../../src-shared/domain/health-kind';
import { SourceStatus } from '../../../src-shared/domain/langwatch';
import { TONES } from '../../../src-shared/domain/look';
import { OutboxState } from '../../../src-shared/domain/outbox';
import { healthOf } from '../../../src-shared/domain/source-health';
import {
  HEALTH_LOOK,
  OUTBOX_STATE_LOOK,
  outboxStateLook,
  SOURCE_STATUS_LOOK,
  sourceStatusLook,
} from '../../../src-shared/domain/state-looks';

const TABLES = [
  ['source status', SOURCE_STATUS_LOOK, SourceStatus.options],
  ['outbox state', OUTBOX_STATE_LOOK, OutboxState.options],
  ['health signal', HEALTH_LOOK, HEALTH_KINDS],
] as const;

describe('state looks', () => {
  it.each(TABLES)('the %s table has exactly one look per value, each with words and a tone', (_, table, values) => {
    expect(Object.keys(table).sort()).toEqual([...values].sort());
    for (const look of Object.values(table)) {
      expect(look.label.length).toBeGreaterThan(0);
      expect(look.short.length).toBeGreaterThan(0);
      expect(TONES).toContain(look.tone);
    }
  });

  it('every outbox state has its own icon; a refusal is bad, a retry is not', () => {
    const icons = OutboxState.options.map((s) => OUTBOX_STATE_LOOK[s].icon);
    expect(new Set(icons).size).toBe(icons.length);
    expect(OUTBOX_STATE_LOOK.rejected.tone).toBe('bad');
    expect(OUTBOX_STATE_LOOK.retrying.tone).not.toBe('bad');
  });

  it('the narrow status column says "Awaiting", its tooltip the whole words', () => {
    expect(sourceStatusLook('awaiting_first_event')).toMatchObject({
      label: 'Awaiting first event',
      short: 'Awaiting',
      tone: 'warn',
      known: true,
    });
  });

  it.each([
    ['a status from a newer server', sourceStatusLook('paused_by_quota'), 'paused_by_quota'],
    ['an outbox state from a newer build', outboxStateLook('waiting_for_owner'), 'waiting_for_owner'],
    ['a name Object.prototype holds', sourceStatusLook('constructor'), 'constructor'],
  ])('%s gets a neutral look with its raw words, never an error', (_, look, raw) => {
    expect(look).toEqual({ label: raw, short: raw, tone: 'neutral', icon: '?', known: false });
  });

  it('a health signal takes its words and tone from the table; bad and warn need attention', () => {
    const signal = healthOf({
      sourceType: 'claude_compliance',
      status: 'disabled',
      archived: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      lastEventAt: null,
      schedule: { cadenceSec: null, scheduled: null },
      keyVerdict: null,
      serverNowMs: null,
    });
    expect(signal).toMatchObject({ label: HEALTH_LOOK.disabled.label, tone: HEALTH_LOOK.disabled.tone });
    expect(signal.attention).toBe(false);
  });
});
