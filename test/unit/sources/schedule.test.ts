import { describe, expect, it } from 'vitest';
import { DEFAULT_INTERVALS, intervalFor, nextDelay } from '../../../src-main/services/sources/schedule';

const T0 = 1_000_000;

describe('status schedule (pure)', () => {
  it.each([
    // focused, visible, online, lastTickAt, now, expected
    [true, true, true, null, T0, 0],
    [true, true, true, T0, T0, 5_000],
    [true, true, true, T0, T0 + 2_000, 3_000],
    [true, true, true, T0, T0 + 9_000, 0],
    [false, true, true, T0, T0, 60_000],
    [true, false, true, T0, T0, 60_000],
    [false, false, true, T0, T0 + 10_000, 50_000],
    [true, true, false, T0, T0, null],
    [false, false, false, null, T0, null],
  ] as const)(
    'focused=%s visible=%s online=%s last=%s now=%s -> %s',
    (focused, visible, online, lastTickAt, now, expected) => {
      expect(nextDelay({ focused, visible, online, lastTickAt, now })).toBe(expected);
    },
  );

  it('regaining focus after a minute hidden ticks at once', () => {
    expect(nextDelay({ focused: true, visible: true, online: true, lastTickAt: T0, now: T0 + 30_000 })).toBe(0);
  });

  it('a clock that went backwards never gives more than one interval', () => {
    expect(nextDelay({ focused: true, visible: true, online: true, lastTickAt: T0, now: T0 - 50_000 })).toBe(5_000);
  });

  it('honours injected intervals', () => {
    const fast = { focusedMs: 50, backgroundMs: 200 };
    expect(nextDelay({ focused: true, visible: true, online: true, lastTickAt: T0, now: T0 + 10 }, fast)).toBe(40);
    expect(intervalFor({ focused: false, visible: true }, fast)).toBe(200);
    expect(DEFAULT_INTERVALS).toEqual({ focusedMs: 5_000, backgroundMs: 60_000 });
  });
});
