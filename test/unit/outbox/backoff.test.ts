import { describe, expect, it } from 'vitest';
import { retryDelayMs, DEFAULT_BACKOFF_CAP_MS } from '../../../src-main/services/outbox/backoff';

describe('retry backoff', () => {
  it('grows exponentially (full jitter: the top of the range with random = 1)', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, { random: () => 1 }))).toEqual([2000, 4000, 8000, 16000, 32000]);
  });
  it('is capped', () => {
    expect(retryDelayMs(40, { random: () => 1 })).toBe(DEFAULT_BACKOFF_CAP_MS);
    expect(retryDelayMs(10, { random: () => 1, capMs: 5000 })).toBe(5000);
  });
  it('jitters within [floor, ceiling] and never returns a tight 0', () => {
    expect(retryDelayMs(3, { random: () => 0 })).toBe(250);
    for (let i = 0; i < 200; i++) {
      const d = retryDelayMs(3);
      expect(d).toBeGreaterThanOrEqual(250);
      expect(d).toBeLessThanOrEqual(8000);
    }
  });
  it('Retry-After wins, never shortened (up to 10% jitter on top)', () => {
    expect(retryDelayMs(1, { retryAfterSec: 7, random: () => 0 })).toBe(7000);
    expect(retryDelayMs(9, { retryAfterSec: 7, random: () => 1 })).toBe(7700);
    expect(retryDelayMs(1, { retryAfterSec: 0, random: () => 0 })).toBe(0);
  });
});
