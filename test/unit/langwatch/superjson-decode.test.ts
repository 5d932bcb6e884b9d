import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { decodeSuperjson } from '../../../src-main/services/langwatch/superjson-decode';
import { toSource, WireSource } from '../../../src-main/services/langwatch/schemas';

/** Dates -> ISO strings, the shape the console keeps. */
const isoOnly = (value: unknown) => JSON.parse(JSON.stringify(value));

const source = (i: number) => ({
  id: `src_${i}`,
  organizationId: 'org_acme',
  teamId: null,
  sourceType: 'claude_compliance' as const,
  name: `Source ${i}`,
  description: i % 2 ? null : 'd',
  parserConfig: { adapter: 'claude_compliance', pollEverySec: 300 },
  status: 'active' as const,
  lastEventAt: i % 3 ? new Date(Date.UTC(2026, 7, 1, 9, i)) : null,
  archivedAt: null,
  createdAt: new Date(Date.UTC(2026, 6, 1)),
  updatedAt: new Date(Date.UTC(2026, 6, 2, 3, 4, 5, 678)),
  createdById: 'user_admin',
});

describe('superjson decoding', () => {
  it('a Date-only answer decodes to the same sources as full superjson revival', () => {
    const list = Array.from({ length: 50 }, (_, i) => source(i));
    const envelope = superjson.serialize(list);
    expect(Object.values(envelope.meta!.values!).every((a) => JSON.stringify(a) === '["Date"]')).toBe(true);
    const fast = WireSource.array().parse(decodeSuperjson(envelope)).map(toSource);
    const full = WireSource.array().parse(superjson.deserialize(envelope)).map(toSource);
    expect(fast).toEqual(full);
    expect(fast[1]!.lastEventAt).toBe('2026-08-01T09:01:00.000Z');
  });

  it('answers without meta are the json itself', () => {
    expect(decodeSuperjson({ json: [{ a: 1 }] })).toEqual([{ a: 1 }]);
  });

  it.each([
    ['undefined', { a: undefined, d: new Date(0) }],
    ['bigint', { a: 1n, d: new Date(0) }],
    ['Map', { a: new Map([['k', 1]]), d: new Date(0) }],
    ['Set', { a: new Set([1]) }],
    ['a root Date', new Date(5)],
    [
      'referential equality',
      (() => {
        const shared = { d: new Date(0) };
        return { p: shared, q: shared };
      })(),
    ],
  ])('anything but plain Dates (%s) goes through superjson itself', (_label, value) => {
    const envelope = superjson.serialize(value);
    expect(decodeSuperjson(envelope)).toEqual(superjson.deserialize(envelope));
  });

  it('a date-annotated field that is not a date is still refused by the wire schema', () => {
    const envelope = superjson.serialize([{ ...source(1), createdAt: new Date(0) }]);
    (envelope.json as Array<Record<string, unknown>>)[0]!.createdAt = 'not a date';
    expect(WireSource.array().safeParse(decodeSuperjson(envelope)).success).toBe(false);
  });

  it('a Date inside parserConfig still leaves as JSON (the slow path copies it)', () => {
    const envelope = superjson.serialize([{ ...source(1), parserConfig: { since: new Date(0) } }]);
    const [dto] = WireSource.array().parse(decodeSuperjson(envelope)).map(toSource);
    expect(isoOnly(dto)).toEqual(dto);
  });
});
