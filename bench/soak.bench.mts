/**
 * Benchmark: the soak. The main-process services live a simulated day (24 h on a clock 300×
 * faster; BENCH_SOAK_HOURS to change it) over an organisation of 5,000 sources, with keys
 * staged every simulated 20 minutes and a fault window every simulated 2 hours (see
 * bench/soak-run.ts). The emulator runs in its own process, so only the services are measured.
 * Figures: RSS and heap (after a full GC) and open handles at the end of the day against the
 * first sample after a one-hour warm-up; the run fails if any staged key was lost.
 */
import { SEED } from '../emulator/seed';
import { round, writeBenchRows, type BenchRow } from './bench-results';
import { startEmulatorProcess } from './emulator-process';
import { runSoak } from './soak-run';

const ACME = SEED.orgs.enterprise.id;
const HOURS = Number(process.env.BENCH_SOAK_HOURS ?? 24);
const SPEED = Number(process.env.BENCH_SOAK_SPEED ?? 300);
const TARGET_RATIO = 1.25;
const MAX_EXTRA_HANDLES = 5;
const mb = (bytes: number) => round(bytes / 2 ** 20, 1);

const emu = await startEmulatorProcess();
try {
  await emu.control('seedSources', ACME, 5_000);
  const result = await runSoak({
    emulator: {
      langwatchUrl: emu.langwatchUrl,
      anthropicUrl: emu.anthropicUrl,
      addFault: (spec) => emu.control('faults.add', spec),
      clearFaults: () => emu.control('faults.clear'),
      goOffline: (forMs) => emu.control('setOffline', true, { which: 'langwatch', forMs }),
    },
    organizationId: ACME,
    email: SEED.users.admin.email,
    password: SEED.users.admin.password,
    key: SEED.anthropicKeys.compliance,
    hours: HOURS,
    warmupHours: 1,
    speed: SPEED,
    progress: (line) => process.stdout.write(`${line}\n`),
  });
  const { baseline: b, end: e } = result;
  process.stdout.write(
    `soak: ${HOURS} simulated h in ${result.realSeconds} s, ${result.staged} keys staged and submitted, ${result.faultWindows} fault windows, ${result.monitorTicks} monitor ticks\n`,
  );
  const day = `soak ${HOURS} h (5,000 sources, ${result.staged} stagings, ${result.faultWindows} fault windows, ${result.monitorTicks} monitor ticks)`;
  const rssRatio = round(e.rss / b.rss);
  const heapRatio = round(e.heapUsed / b.heapUsed);
  const rows: BenchRow[] = [
    {
      name: `${day}: RSS at the end vs after 1 h warm-up`,
      ratio: rssRatio,
      baseline: mb(b.rss),
      measured: mb(e.rss),
      unit: 'MB',
      target: `ratio ≤ ${TARGET_RATIO}`,
      pass: rssRatio <= TARGET_RATIO,
    },
    {
      name: `${day}: heap used at the end vs after 1 h warm-up`,
      ratio: heapRatio,
      baseline: mb(b.heapUsed),
      measured: mb(e.heapUsed),
      unit: 'MB',
      target: `ratio ≤ ${TARGET_RATIO}`,
      pass: heapRatio <= TARGET_RATIO,
    },
    {
      name: `${day}: open handles at the end vs after 1 h warm-up`,
      ratio: round(e.handles / b.handles),
      baseline: b.handles,
      measured: e.handles,
      target: `≤ +${MAX_EXTRA_HANDLES}`,
      pass: e.handles - b.handles <= MAX_EXTRA_HANDLES,
    },
  ];
  writeBenchRows('soak', rows);
} finally {
  await emu.close();
}
