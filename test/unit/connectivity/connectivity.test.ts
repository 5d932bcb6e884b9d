import { describe, expect, it } from 'vitest';
import { createConnectivity } from '../../../src-main/services/connectivity/connectivity';
import { createNullLogger } from '../../../src-main/services/logging/logger';
import { AppError } from '../../../src-shared/errors';
import { createFakeClock } from '../../support/fake-clock';

function setup(probeResults: Array<'ok' | 'fail'>) {
  const clock = createFakeClock();
  const probes: number[] = [];
  const connectivity = createConnectivity({
    clock,
    log: createNullLogger(),
    random: () => 1, // the top of the jitter range: delays are exactly base
    probe: async () => {
      probes.push(clock.now());
      const next = probeResults.shift() ?? 'fail';
      if (next === 'fail') throw new AppError('network.offline', 'offline');
    },
  });
  const changes: boolean[] = [];
  connectivity.onChange((online) => changes.push(online));
  return { clock, connectivity, probes, changes };
}

describe('connectivity', () => {
  it('starts online and ignores failures that are not network failures', () => {
    const { connectivity, changes } = setup([]);
    expect(connectivity.isOnline()).toBe(true);
    connectivity.reportNetworkFailure(new AppError('langwatch.server_error', '500'));
    connectivity.reportNetworkFailure(new Error('boom'));
    expect(connectivity.isOnline()).toBe(true);
    expect(changes).toEqual([]);
  });

  it('goes offline on network.offline, probes 1 s doubling to 30 s, back online on first success', async () => {
    const { clock, connectivity, changes, probes } = setup(['fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'ok']);
    const start = clock.now();
    connectivity.reportNetworkFailure(new AppError('network.timeout', 'timeout'));
    expect(connectivity.isOnline()).toBe(false);
    expect(changes).toEqual([false]);
    await clock.advance(200_000);
    expect(probes.map((t) => t - start)).toEqual([1000, 3000, 7000, 15_000, 31_000, 61_000, 91_000]);
    expect(connectivity.isOnline()).toBe(true);
    expect(changes).toEqual([false, true]);
    expect(clock.pending()).toBe(0);
  });

  it('jitter keeps delays within [base/2, base]', async () => {
    const clock = createFakeClock();
    const connectivity = createConnectivity({
      clock,
      log: createNullLogger(),
      random: () => 0,
      probe: async () => {
        throw new AppError('network.offline', 'x');
      },
    });
    connectivity.reportNetworkFailure(new AppError('network.offline', 'x'));
    await clock.advance(10_000);
    expect(clock.delays.filter((d) => d !== 10_000).slice(0, 3)).toEqual([500, 1000, 2000]);
    connectivity.close();
    expect(clock.pending()).toBe(0);
  });

  it('reportSuccess flips back online at once and stops probing', async () => {
    const { clock, connectivity, changes } = setup([]);
    connectivity.reportNetworkFailure(new AppError('network.offline', 'x'));
    connectivity.reportSuccess();
    expect(connectivity.isOnline()).toBe(true);
    expect(changes).toEqual([false, true]);
    expect(clock.pending()).toBe(0);
    // repeated failures while offline do not stack probes
    connectivity.reportNetworkFailure(new AppError('network.offline', 'x'));
    connectivity.reportNetworkFailure(new AppError('network.offline', 'x'));
    expect(clock.pending()).toBe(1);
  });

  it('unsubscribe and close stop notifications', () => {
    const { connectivity, changes } = setup([]);
    connectivity.close();
    connectivity.reportNetworkFailure(new AppError('network.offline', 'x'));
    expect(changes).toEqual([]);
  });
});
