/**
 * The short soak (the full simulated day is bench/soak.bench.mts): 1.5 simulated hours over
 * 5,000 sources with stagings and fault windows; nothing lost, and memory and open handles end
 * where they started after the warm-up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED, startEmulator, type RunningEmulator } from '../../emulator/index';
import type { FaultSpec } from '../../emulator/index';
import { runSoak } from '../../bench/soak-run';

const ACME = SEED.orgs.enterprise.id;
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ pullerSchedule: false });
  emu.control.seedSources(ACME, 5_000);
});
afterAll(async () => {
  await emu?.close();
});

describe('soak (short)', () => {
  it(
    '1.5 simulated hours, 5,000 sources, stagings and faults: nothing lost, RSS, heap and handles flat',
    // ~25 s of simulated time on a quiet machine, plus up to 60 s of drain after the faults.
    { timeout: 120_000 },
    async () => {
      const result = await runSoak({
        emulator: {
          langwatchUrl: emu.langwatchUrl,
          anthropicUrl: emu.anthropicUrl,
          addFault: async (spec) => emu.control.faults.add(spec as unknown as FaultSpec),
          clearFaults: async () => emu.control.faults.clear(),
          goOffline: (forMs) => emu.control.setOffline(true, { which: 'langwatch', forMs }),
        },
        organizationId: ACME,
        email: SEED.users.admin.email,
        password: SEED.users.admin.password,
        key: SEED.anthropicKeys.compliance,
        hours: 1.6,
        warmupHours: 0.5,
        sampleEveryHours: 0.5,
        speed: 300,
        progress: process.env.SOAK_DEBUG ? (line) => console.log(line) : undefined,
      });
      expect(result.staged).toBeGreaterThanOrEqual(8);
      expect(result.faultWindows).toBeGreaterThanOrEqual(1);
      expect(result.monitorTicks).toBeGreaterThan(10);
      expect(result.stagedKeysLeft).toBe(0);
      console.log(
        `soak: ${result.realSeconds} s, ${result.staged} staged, ${result.monitorTicks} ticks, samples ${JSON.stringify(result.samples.map((s) => [s.hour, Math.round(s.rss / 2 ** 20), Math.round(s.heapUsed / 2 ** 20), s.handles]))}`,
      );
      // The emulator lives in this process too (its request log is bounded), so the bounds are loose.
      expect(result.end.heapUsed / result.baseline.heapUsed, JSON.stringify(result.samples)).toBeLessThan(1.3);
      expect(result.end.rss / result.baseline.rss, JSON.stringify(result.samples)).toBeLessThan(1.3);
      expect(result.end.handles - result.baseline.handles, JSON.stringify(result.samples)).toBeLessThanOrEqual(5);
    },
  );
});
