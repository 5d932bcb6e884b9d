import { describe, expect, it } from 'vitest';
import { diagnoseStuckSource, type DiagnosisFacts } from '../../../src-shared/domain/diagnosis';

const base: DiagnosisFacts = {
  sourceType: 'claude_compliance',
  status: 'awaiting_first_event',
  archived: false,
  ageSec: 3 * 86_400,
  createdByConsoleWithKey: null,
  lastKeyedAt: null,
  cadenceSec: null,
  keyVerdict: null,
  enterprise: true,
  events30d: null,
};

const top = (facts: Partial<DiagnosisFacts>) => diagnoseStuckSource({ ...base, ...facts }).causes.map((c) => `${c.id}:${c.likelihood}`);

describe('diagnoseStuckSource (table)', () => {
  it.each<[string, Partial<DiagnosisFacts>, string[]]>([
    ['web composer: no cadence, no local history', {}, ['no_pull_schedule:likely', 'no_key_stored:likely', 'key_rejected:possible', 'feed_empty:possible']],
    ['disabled source', { status: 'disabled', cadenceSec: 900 }, ['source_disabled:confirmed', 'no_pull_schedule:likely', 'no_key_stored:likely', 'key_rejected:possible', 'feed_empty:possible']],
    ['key rejected by Anthropic', { createdByConsoleWithKey: true, cadenceSec: 3600, keyVerdict: 'invalid_key' }, ['key_rejected:confirmed', 'feed_empty:possible']],
    ['key missing scope', { createdByConsoleWithKey: true, cadenceSec: 3600, keyVerdict: 'missing_scope' }, ['key_rejected:confirmed', 'feed_empty:possible']],
    ['valid key, console keyed: feed empty', { createdByConsoleWithKey: true, cadenceSec: 900, keyVerdict: 'valid' }, ['feed_empty:likely', 'key_rejected:unlikely']],
    ['young source: first pull not due', { createdByConsoleWithKey: true, cadenceSec: 900, keyVerdict: 'valid', ageSec: 300 }, ['not_due_yet:likely', 'feed_empty:likely', 'key_rejected:unlikely']],
    ['web composer with pollEverySec, no local history', { cadenceSec: 300 }, ['no_pull_schedule:likely', 'no_key_stored:likely', 'key_rejected:possible', 'feed_empty:possible']],
    ['history holds only a cadence change (no key sent here)', { cadenceSec: 900, createdByConsoleWithKey: false }, ['no_pull_schedule:likely', 'no_key_stored:likely', 'key_rejected:possible', 'feed_empty:possible']],
    ['archived', { status: 'disabled', archived: true, cadenceSec: 900, createdByConsoleWithKey: true }, ['source_disabled:confirmed', 'key_rejected:possible', 'feed_empty:possible']],
  ])('%s', (_name, facts, expected) => {
    expect(top(facts)).toEqual(expected);
  });

  it('an active source is not stuck; other types get no causes', () => {
    expect(diagnoseStuckSource({ ...base, status: 'active' })).toMatchObject({ applies: false, causes: [{ id: 'not_stuck' }] });
    expect(diagnoseStuckSource({ ...base, sourceType: 'otel_generic' })).toMatchObject({ applies: false, causes: [] });
  });

  it('lists what is known, with a next step for every cause', () => {
    const d = diagnoseStuckSource({ ...base, enterprise: false, cadenceSec: 900, events30d: 0 });
    expect(d.applies).toBe(true);
    const known = Object.fromEntries(d.known.map((k) => [k.label, k.value]));
    expect(known).toMatchObject({ Age: '3 d 0 h', Cadence: 'every 15 minutes', 'Last key check': 'none', 'Events (30 d)': '0' });
    expect(known['Enterprise plan']).toMatch(/needs an Enterprise plan/);
    for (const c of d.causes) expect(c.nextStep.length).toBeGreaterThan(5);
  });
});
