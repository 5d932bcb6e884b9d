/**
 * The one Retry-After reading: delta-seconds as given, an HTTP date only against the same
 * answer's Date header (the server's clock, never this machine's), anything else ignored.
 */
import { describe, expect, it } from 'vitest';
import { retryAfterOf, retryAfterSeconds } from '../../../src-main/services/http/retry-after';

const SERVER_NOW = 'Sat, 28 Nov 2026 12:00:00 GMT';

describe('retryAfterSeconds', () => {
  it.each([
    ['30', 30],
    [' 7 ', 7],
    ['0', 0],
    ['2.1', 3],
    ['100000000000000000000', 1e20],
    ['Sat, 28 Nov 2026 12:01:00 GMT', 60],
    ['Sat, 28 Nov 2026 11:00:00 GMT', 0],
    ['-5', undefined],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j (server Date 12:00:00) -> %j', (value, seconds) => {
    expect(retryAfterSeconds(value, SERVER_NOW)).toBe(seconds);
  });

  it('measures a date against the server clock, whatever this machine says', () => {
    // Both a year ahead of any local clock: the wait is still the 90 s between them.
    expect(retryAfterSeconds('Sun, 28 Nov 2027 12:01:30 GMT', 'Sun, 28 Nov 2027 12:00:00 GMT')).toBe(90);
  });

  it('ignores a date when the answer has no readable Date header', () => {
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    expect(retryAfterSeconds(inAMinute, undefined)).toBeUndefined();
    expect(retryAfterSeconds(inAMinute, 'yesterday-ish')).toBeUndefined();
    expect(retryAfterSeconds('12', undefined)).toBe(12);
  });
});

describe('retryAfterOf', () => {
  it('reads the first header present, with the Date of the same answer', () => {
    const headers = { 'x-retry-after': '42', 'retry-after': '7', date: SERVER_NOW };
    expect(retryAfterOf(headers, 'x-retry-after', 'retry-after')).toBe(42);
    expect(retryAfterOf({ 'retry-after': ['9', '1'] }, 'x-retry-after', 'retry-after')).toBe(9);
    expect(retryAfterOf({ 'retry-after': 'Sat, 28 Nov 2026 12:00:20 GMT', date: SERVER_NOW }, 'retry-after')).toBe(20);
    expect(retryAfterOf({}, 'retry-after')).toBeUndefined();
  });
});
