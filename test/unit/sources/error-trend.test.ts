import { describe, expect, it } from 'vitest';
import { createErrorTrend } from '../../../src-main/services/sources/error-trend';
import type { SourceRow } from '../../../src-shared/domain/sources';

const row = (id: string, errorCount: number | undefined) => ({ id, errorCount }) as SourceRow;

describe('error trend as watched by this console', () => {
  it('keeps the first count and time seen and the latest count; a drop starts over; no count, no record', () => {
    const trend = createErrorTrend();
    trend.observe([row('a', 3), row('b', undefined)], 1_000);
    trend.observe([row('a', 5), row('b', undefined)], 61_000);
    expect(trend.get('a')).toEqual({ firstCount: 3, firstAtMs: 1_000, count: 5 });
    expect(trend.get('b')).toBeUndefined();
    trend.observe([row('a', 0)], 121_000);
    expect(trend.get('a')).toEqual({ firstCount: 0, firstAtMs: 121_000, count: 0 });
  });
});
