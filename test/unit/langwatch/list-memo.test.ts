import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { createListMemo, sameJson } from '../../../src-main/services/langwatch/list-memo';

const Item = z.array(z.object({ id: z.string(), n: z.number(), tags: z.record(z.string(), z.unknown()) }));

/** A parser that counts the items it validated (what the memo saves). */
function counting() {
  let parsed = 0;
  const parse = (data: unknown) => {
    const result = Item.safeParse(data);
    if (!result.success)
      throw new AppError('network.unexpected_answer', 'bad', {
        issues: result.error.issues.map((i) => i.path.join('.')),
      });
    parsed += result.data.length;
    return result.data.map((w) => ({ ...w }));
  };
  return { parse, parsed: () => parsed };
}

const wire = (n: number[]) => n.map((v, i) => ({ id: `s${i}`, n: v, tags: { a: [1, { b: v }] } }));

describe('list memo (the monitor re-reads 5,000 sources every tick)', () => {
  it('validates only new or changed items; unchanged ones keep their object, an unchanged list its array', () => {
    const p = counting();
    const memo = createListMemo(p.parse);
    const first = memo(JSON.parse(JSON.stringify(wire([1, 2, 3]))));
    expect(p.parsed()).toBe(3);
    const second = memo(JSON.parse(JSON.stringify(wire([1, 9, 3]))));
    expect(p.parsed()).toBe(4);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]).toMatchObject({ id: 's1', n: 9 });
    expect(second[2]).toBe(first[2]);
    // Moved (one removed before it): still found by id.
    const moved = memo(JSON.parse(JSON.stringify(wire([1, 9, 3]).slice(1))));
    expect(moved[0]).toBe(second[1]);
    expect(moved[1]).toBe(second[2]);
    const again = memo(JSON.parse(JSON.stringify(wire([1, 9, 3]).slice(1))));
    expect(again).toBe(moved);
    expect(p.parsed()).toBe(4);
  });

  it('a bad item throws the full parse error (its index in the whole list), never a partial answer', () => {
    const p = counting();
    const memo = createListMemo(p.parse);
    memo(wire([1, 2, 3]));
    const bad = [...wire([1, 2]), { id: 's2', n: 'x', tags: {} }];
    let error: unknown;
    try {
      memo(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'network.unexpected_answer', details: { issues: ['2.n'] } });
  });

  it('equality is JSON equality: nested values, key sets, and never a revived Date', () => {
    expect(sameJson({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson({ a: [1] }, { a: { 0: 1 } })).toBe(false);
    expect(sameJson(new Date(1), new Date(2))).toBe(false);
    expect(sameJson({ d: new Date(1) }, { d: new Date(1) })).toBe(false);
    // The shortcuts for equal scalars never mistake a missing key or an inherited value for equal.
    expect(sameJson({ a: 1, b: undefined }, { a: 1, c: undefined })).toBe(false);
    expect(sameJson(JSON.parse('{"__proto__":{}}'), { z: 1 })).toBe(false);
    expect(sameJson({ a: { x: [1, 2] }, b: 'x' }, { b: 'x', a: { x: [1, 2] } })).toBe(true);
    expect(sameJson({ a: { x: [1, 2] } }, { a: { x: [1, 3] } })).toBe(false);
  });
});
