import { describe, expect, it } from 'vitest';
import { diagnoseSource, OPERATOR_QUESTION, type DiagnosisFacts } from '../../../src-shared/domain/diagnosis';
import { describeErrors } from '../../../src-shared/domain/diagnosis-facts';
import { diagnosisReport } from '../../../src-shared/domain/diagnosis-report';

const AT = '2026-12-01T10:00:00.000Z';
const base: DiagnosisFacts = {
  sourceId: 'src_1',
  sourceType: 'claude_compliance',
  status: 'awaiting_first_event',
  archivedAt: null,
  ageSec: 3 * 86_400,
  schedule: { kind: 'unknown' },
  keyedHere: null,
  keyCheck: null,
  feed: null,
  enterprise: true,
  events30d: null,
  lastEventIn30d: null,
  errors: null,
};
const consoleSchedule = { kind: 'console', cron: '*/15 * * * *', at: AT } as const;
const keyed = { at: AT, fingerprint: 'sk-ant-api01-…a1b2' };
const check = (verdict: 'valid' | 'invalid_key' | 'missing_scope' | 'inconclusive') => ({
  verdict,
  requestId: 'req_123',
  checkedAt: AT,
  fingerprint: keyed.fingerprint,
  origin: 'recorded' as const,
});
const feed = (activities: number) => ({ activities, hasMore: false, fetchedAt: AT, requestId: 'req_feed' });

const causes = (patch: Partial<DiagnosisFacts>) =>
  diagnoseSource({ ...base, ...patch }).causes.map((c) => `${c.id}:${c.strength}:${c.action}`);

describe('diagnoseSource (table): each cause specific to its evidence, strongest first', () => {
  it.each<[string, Partial<DiagnosisFacts>, string[]]>([
    [
      'web composer: nothing known',
      {},
      [
        'key_never_sent_here:possible:replace_key',
        'key_unchecked:possible:test_key',
        'schedule_unknown:possible:set_schedule',
      ],
    ],
    [
      'a revoked key is "key rejected", never "no key"',
      { keyedHere: keyed, schedule: consoleSchedule, keyCheck: check('invalid_key') },
      ['key_rejected:confirmed:replace_key', 'feed_unknown:possible:test_key'],
    ],
    [
      'missing scope',
      { keyedHere: keyed, schedule: consoleSchedule, keyCheck: check('missing_scope') },
      ['key_rejected:confirmed:replace_key', 'feed_unknown:possible:test_key'],
    ],
    [
      'an archived source is archived, not "no activity yet"',
      { archivedAt: AT, status: 'disabled', keyedHere: keyed, keyCheck: check('valid'), schedule: consoleSchedule },
      ['archived:confirmed:create_new'],
    ],
    [
      'archived with nothing known: only "archived"',
      { archivedAt: AT, status: 'disabled' },
      ['archived:confirmed:create_new'],
    ],
    [
      'disabled',
      { status: 'disabled', keyedHere: keyed, keyCheck: check('valid'), schedule: consoleSchedule },
      ['disabled:confirmed:enable'],
    ],
    [
      'server says no schedule',
      { schedule: { kind: 'server', cron: null }, keyedHere: keyed, keyCheck: check('valid'), feed: feed(3) },
      ['no_schedule:confirmed:set_schedule'],
    ],
    [
      'young source: first pulls not due',
      { schedule: consoleSchedule, keyedHere: keyed, keyCheck: check('valid'), ageSec: 600 },
      ['not_due_yet:likely:wait', 'feed_unknown:possible:test_key'],
    ],
    [
      'feed previewed empty',
      { schedule: consoleSchedule, keyedHere: keyed, keyCheck: check('valid'), feed: feed(0) },
      ['feed_empty:likely:wait'],
    ],
    [
      'key, schedule and feed fine, nothing arrives: the puller',
      { schedule: consoleSchedule, keyedHere: keyed, keyCheck: check('valid'), feed: feed(12) },
      ['puller_failing:likely:ask_operator'],
    ],
    [
      'key and schedule fine, feed not previewed: puller possible',
      { schedule: consoleSchedule, keyedHere: keyed, keyCheck: check('valid') },
      ['puller_failing:possible:ask_operator'],
    ],
    [
      'a newer server counts failed pulls: the puller is likely failing even without a preview',
      {
        schedule: consoleSchedule,
        keyedHere: keyed,
        keyCheck: check('valid'),
        errors: { count: 7, since: { count: 3, secondsAgo: 2400 } },
      },
      ['puller_failing:likely:ask_operator'],
    ],
    [
      'age unknown: never claims overdue or not due',
      { schedule: consoleSchedule, keyedHere: keyed, keyCheck: check('valid'), ageSec: null },
      ['feed_unknown:possible:test_key'],
    ],
    [
      'inconclusive check: key unchecked',
      { schedule: consoleSchedule, keyedHere: keyed, keyCheck: check('inconclusive') },
      ['key_unchecked:possible:test_key'],
    ],
  ])('%s', (_name, patch, expected) => {
    expect(causes(patch)).toEqual(expected);
  });

  it('nothing to diagnose for an active source or another type', () => {
    expect(diagnoseSource({ ...base, status: 'active' })).toMatchObject({ applies: false, causes: [] });
    expect(diagnoseSource({ ...base, sourceType: 'otel_generic' })).toMatchObject({ applies: false, causes: [] });
  });

  it('unknown data is marked unknown, known data is stated with its evidence', () => {
    const unknown = diagnoseSource(base)
      .known.filter((k) => k.unknown)
      .map((k) => k.label);
    expect(unknown).toEqual(
      expect.arrayContaining([
        'Pull schedule',
        'Key sent from this console',
        'Key check',
        'Feed activity (preview)',
        'Pull errors',
        'Events (30 d)',
      ]),
    );
    const known = diagnoseSource({ ...base, keyCheck: check('valid'), feed: feed(4), schedule: consoleSchedule }).known;
    expect(known.find((k) => k.label === 'Key check')).toMatchObject({
      unknown: false,
      value: expect.stringContaining('request-id req_123'),
    });
    expect(known.find((k) => k.label === 'Feed activity (preview)')?.value).toContain('4 activities');
    expect(known.find((k) => k.label === 'Pull schedule')?.value).toContain('every 15 minutes');
  });

  it('says the error count and its trend as watched here, or that it is not reported', () => {
    expect(describeErrors({ count: 7, since: { count: 3, secondsAgo: 2400 } })).toBe(
      '7 failed pulls in a row, rising (3 when first seen here 40 min ago)',
    );
    expect(describeErrors({ count: 2, since: { count: 2, secondsAgo: 600 } })).toBe(
      '2 failed pulls in a row, unchanged since first seen here 10 min ago',
    );
    expect(describeErrors({ count: 1, since: null })).toBe('1 failed pull in a row');
    const unknown = diagnoseSource(base).known.find((k) => k.label === 'Pull errors');
    expect(unknown).toMatchObject({ unknown: true });
    const puller = diagnoseSource({
      ...base,
      schedule: consoleSchedule,
      keyedHere: keyed,
      keyCheck: check('valid'),
      errors: { count: 7, since: null },
    }).causes[0];
    expect(puller?.evidence).toContain('LangWatch counts 7 failed pulls in a row');
  });

  it('the evidence of a rejected key names its request-id', () => {
    const [first] = diagnoseSource({ ...base, keyCheck: check('invalid_key') }).causes;
    expect(first?.evidence).toContain('req_123');
  });
});

describe('diagnosisReport', () => {
  const ctx = {
    sourceId: 'src_1',
    sourceName: 'Prod | *main*',
    deployment: 'https://lw.example',
    organization: 'Acme',
    generatedAt: AT,
    consoleVersion: '1.0.0',
  };

  it('is Markdown with the facts, the causes in order and the operator question when the puller fails', () => {
    const d = diagnoseSource({
      ...base,
      schedule: consoleSchedule,
      keyedHere: keyed,
      keyCheck: check('valid'),
      feed: feed(12),
    });
    const md = diagnosisReport(d, ctx);
    expect(md).toContain('## Ingestion source diagnosis: Prod | \\*main\\*');
    expect(md).toContain('| Key check | valid at');
    expect(md).toContain("1. **LangWatch's puller is failing server-side** (likely)");
    expect(md).toContain(OPERATOR_QUESTION);
  });

  it('escapes table cells so a name cannot break the table', () => {
    const d = diagnoseSource({ ...base, status: 'weird|status' });
    expect(diagnosisReport(d, ctx)).toContain('weird\\|status');
  });
});
