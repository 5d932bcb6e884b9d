import { describe, expect, it } from 'vitest';
import { createNetwork } from '../../../src-main/services/network/network';
import { createNullLogger } from '../../../src-main/services/logging/logger';
import { AppError } from '../../../src-shared/errors';
import { createFakeClock } from '../../support/fake-clock';

function setup(probeResults: Array<'ok' | 'fail'>) {
  const clock = createFakeClock();
  const probes: number[] = [];
  const network = createNetwork({
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
  network.onChange((online) => changes.push(online));
  return { clock, network, probes, changes };
}

describe('network', () => {
  it('starts online and ignores failures that are not network failures', () => {
    const { network, changes } = setup([]);
    expect(network.isOnline()).toBe(true);
    network.reportNetworkFailure(new AppError('langwatch.server_error', '500'));
    network.reportNetworkFailure(new Error('boom'));
    expect(network.isOnline()).toBe(true);
    expect(changes).toEqual([]);
  });

  it('goes offline on network.offline, probes 1 s doubling to 30 s, back online on first success', async () => {
    const { clock, network, changes, probes } = setup(['fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'ok']);
    const start = clock.now();
    network.reportNetworkFailure(new AppError('network.timeout', 'timeout'));
    expect(network.isOnline()).toBe(false);
    expect(changes).toEqual([false]);
    await clock.advance(200_000);
    expect(probes.map((t) => t - start)).toEqual([1000, 3000, 7000, 15_000, 31_000, 61_000, 91_000]);
    expect(network.isOnline()).toBe(true);
    expect(changes).toEqual([false, true]);
    expect(clock.pending()).toBe(0);
  });

  it('jitter keeps delays within [base/2, base]', async () => {
    const clock = createFakeClock();
    const network = createNetwork({
      clock,
      log: createNullLogger(),
      random: () => 0,
      probe: async () => {
        throw new AppError('network.offline', 'x');
      },
    });
    network.reportNetworkFailure(new AppError('network.offline', 'x'));
    await clock.advance(10_000);
    expect(clock.delays.filter((d) => d !== 10_000).slice(0, 3)).toEqual([500, 1000, 2000]);
    network.close();
    expect(clock.pending()).toBe(0);
  });

  it('reportSuccess flips back online at once and stops probing', async () => {
    const { clock, network, changes } = setup([]);
    network.reportNetworkFailure(new AppError('network.offline', 'x'));
    network.reportSuccess();
    expect(network.isOnline()).toBe(true);
    expect(changes).toEqual([false, true]);
    expect(clock.pending()).toBe(0);
    // repeated failures while offline do not stack probes
    network.reportNetworkFailure(new AppError('network.offline', 'x'));
    network.reportNetworkFailure(new AppError('network.offline', 'x'));
    expect(clock.pending()).toBe(1);
  });

  it('unsubscribe and close stop notifications', () => {
    const { network, changes } = setup([]);
    network.close();
    network.reportNetworkFailure(new AppError('network.offline', 'x'));
    expect(changes).toEqual([]);
  });
});
