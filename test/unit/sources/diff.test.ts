import { describe, expect, it } from 'vitest';
import { diffSnapshots, isEmptyDiff, type SourceRow } from '../../../src-main/services/sources/diff';

function row(id: string, over: Partial<SourceRow> = {}): SourceRow {
  return {
    id,
    organizationId: 'org_acme',
    teamId: null,
    sourceType: 'claude_compliance',
    name: `Source ${id}`,
    description: null,
    parserConfig: { adapter: 'claude_compliance', pollEverySec: 300 },
    status: 'awaiting_first_event',
    lastEventAt: null,
    archivedAt: null,
    createdAt: '2026-08-01T09:00:00.000Z',
    updatedAt: '2026-08-01T09:00:00.000Z',
    createdById: 'user_admin',
    eventsLast24h: null,
    ...over,
  };
}

describe('snapshot diff (pure)', () => {
  it('is empty for equal snapshots, whatever the order and parserConfig key order', () => {
    const a = [row('a'), row('b', { parserConfig: { x: 1, y: { p: 1, q: 2 } } })];
    const b = [row('b', { parserConfig: { y: { q: 2, p: 1 }, x: 1 } }), row('a')];
    const diff = diffSnapshots(a, b);
    expect(isEmptyDiff(diff)).toBe(true);
    expect(diff.transitions).toEqual([]);
  });

  it('finds added, removed, changed fields and transitions', () => {
    const prev = [row('a'), row('b'), row('c', { status: 'active' })];
    const next = [
      row('a', { status: 'active', lastEventAt: '2026-08-02T00:00:00.000Z', eventsLast24h: 3 }),
      row('c', { status: 'active', parserConfig: { adapter: 'claude_compliance', pollEverySec: 900 } }),
      row('d'),
    ];
    const diff = diffSnapshots(prev, next);
    expect(diff.added.map((r) => r.id)).toEqual(['d']);
    expect(diff.removed).toEqual(['b']);
    expect(diff.changed).toEqual([
      {
        id: 'a',
        fields: ['status', 'lastEventAt', 'eventsLast24h'],
        from: { status: 'awaiting_first_event', lastEventAt: null, eventsLast24h: null },
        to: { status: 'active', lastEventAt: '2026-08-02T00:00:00.000Z', eventsLast24h: 3 },
      },
      {
        id: 'c',
        fields: ['parserConfig'],
        from: { parserConfig: { adapter: 'claude_compliance', pollEverySec: 300 } },
        to: { parserConfig: { adapter: 'claude_compliance', pollEverySec: 900 } },
      },
    ]);
    expect(diff.transitions).toEqual([{ id: 'a', name: 'Source a', from: 'awaiting_first_event', to: 'active' }]);
  });

  it('compares parserConfig structurally: an extra key, a changed nested array or a type change count', () => {
    const base = row('a', { parserConfig: { adapter: 'x', list: [1, { p: 2 }] } });
    const cases: Record<string, unknown>[] = [
      { adapter: 'x', list: [1, { p: 2 }], extra: true },
      { adapter: 'x', list: [1, { p: 3 }] },
      { adapter: 'x', list: [1] },
      { adapter: 'x', list: { 0: 1, 1: { p: 2 } } },
      { adapter: 'x' },
    ];
    for (const parserConfig of cases)
      expect(diffSnapshots([base], [row('a', { parserConfig: parserConfig as never })]).changed).toHaveLength(1);
    expect(
      diffSnapshots([base], [row('a', { parserConfig: { list: [1, { p: 2 }], adapter: 'x' } })]).changed,
    ).toHaveLength(0);
  });

  it('the first snapshot is all added; an empty next is all removed', () => {
    expect(diffSnapshots([], [row('a'), row('b')]).added).toHaveLength(2);
    expect(diffSnapshots([row('a'), row('b')], []).removed).toEqual(['a', 'b']);
  });

  it('diffs 5,000 rows with a handful of changes quickly and exactly', () => {
    const prev = Array.from({ length: 5_000 }, (_, i) => row(`s${i}`, { eventsLast24h: i }));
    const next = prev.map((r) => ({ ...r, parserConfig: { ...r.parserConfig } }));
    next[10] = { ...next[10]!, status: 'active' };
    next[4_999] = { ...next[4_999]!, name: 'renamed' };
    next.splice(2_000, 1);
    next.push(row('new'));
    const started = performance.now();
    const diff = diffSnapshots(prev, next);
    const ms = performance.now() - started;
    expect(diff.added.map((r) => r.id)).toEqual(['new']);
    expect(diff.removed).toEqual(['s2000']);
    expect(diff.changed.map((c) => c.id)).toEqual(['s10', 's4999']);
    expect(diff.transitions).toEqual([{ id: 's10', name: 'Source s10', from: 'awaiting_first_event', to: 'active' }]);
    // Linear by id map: generous bound so a slow CI box passes, a quadratic diff (25M compares) does not.
    expect(ms).toBeLessThan(250);
  });
});

describe('every field of a row is compared', () => {
  const changes: Array<[keyof SourceRow, unknown]> = [
    ['organizationId', 'org_other'],
    ['teamId', 'team_x'],
    ['sourceType', 'otel_generic'],
    ['name', 'renamed'],
    ['description', 'new description'],
    ['parserConfig', { adapter: 'claude_compliance', pollEverySec: 900 }],
    ['status', 'disabled'],
    ['lastEventAt', '2026-09-01T00:00:00.000Z'],
    ['archivedAt', '2026-09-01T00:00:00.000Z'],
    ['createdAt', '2020-01-01T00:00:00.000Z'],
    ['updatedAt', '2026-09-02T00:00:00.000Z'],
    ['createdById', 'user_other'],
    ['eventsLast24h', 999],
  ];
  it.each(changes)('a change of %s is reported', (field, value) => {
    const before = row('a');
    const after = { ...row('a'), [field]: value } as SourceRow;
    const diff = diffSnapshots([before], [after]);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]!.fields).toEqual([field]);
  });

  it('identical rows (new objects, same content) are no change', () => {
    expect(isEmptyDiff(diffSnapshots([row('a')], [row('a')]))).toBe(true);
  });
});

describe('aligned snapshots (the usual tick: same ids, same order)', () => {
  it('gives the same diff as a reordered one, and skips rows that kept their object', () => {
    const a = row('a');
    const b = row('b');
    const c = row('c', { status: 'awaiting_first_event' });
    const aligned = diffSnapshots([a, b, c], [a, { ...b, name: 'B2' }, { ...c, status: 'active' }]);
    const reordered = diffSnapshots([c, a, b], [a, { ...b, name: 'B2' }, { ...c, status: 'active' }]);
    expect(aligned).toEqual(reordered);
    expect(aligned.changed.map((ch) => ch.id)).toEqual(['b', 'c']);
    expect(aligned.transitions).toEqual([{ id: 'c', name: c.name, from: 'awaiting_first_event', to: 'active' }]);
    expect(isEmptyDiff(diffSnapshots([a, b, c], [a, b, c]))).toBe(true);
  });
});
