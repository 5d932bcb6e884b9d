import { afterEach, describe, expect, it, vi } from 'vitest';
import { seededRandom, seedFromEnv } from '../../support/seeded-random';

// The crash test replays a failing run from its printed seed: that only works if the same seed
// gives the same choices and the env variable wins over a fresh seed.
describe('seeded random', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('gives the same sequence for the same seed, another for another seed, within [0, 1)', () => {
    const take = (seed: number) => Array.from({ length: 20 }, seededRandom(seed));
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
    expect(take(7).every((n) => n >= 0 && n < 1)).toBe(true);
  });

  it('takes the seed from the env variable and prints how to replay it', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.stubEnv('LW_TEST_SEED', '12345');
    expect(seedFromEnv('LW_TEST_SEED', 'probe')).toBe(12345);
    expect(log).toHaveBeenCalledWith('probe: random seed 12345 (replay with LW_TEST_SEED=12345)');
  });
});
