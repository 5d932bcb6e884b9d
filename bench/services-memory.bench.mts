/**
 * Benchmark: peak memory (RSS) of the main-process services, alone in a child process (the
 * emulator runs in this process, so it is not counted), during (a) monitor ticks over an org of
 * 5,000 sources and (b) the outbox flush of staged keys. Each is a fresh child; the ratio is
 * the peak against the same child's RSS once its services were ready (measured in the run).
 * The child runs its TypeScript through tsx, which adds the same fixed amount to both figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEED, startEmulator } from '../emulator/index';
import { startServicesChild, type ServicesChild } from '../test/integration/fixtures/child-client';
import { round, writeBenchRows, type BenchRow } from './bench-results';

const ACME = SEED.orgs.enterprise.id;
const SOURCES = 5_000;
const TICKS = 5;
const FLUSH_KEYS = Number(process.env.BENCH_FLUSH_KEYS ?? 200);
const BUDGET_MB = 300;
const TARGET_RATIO = 2.5;

interface Memory {
  rss: number;
  peakRss: number;
}
const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

const emu = await startEmulator({ pullerSchedule: false });
const dirs: string[] = [];
async function child(): Promise<ServicesChild> {
  const dir = mkdtempSync(join(tmpdir(), 'lw-mem-'));
  dirs.push(dir);
  const c = await startServicesChild({
    userDataDir: dir,
    langwatchUrl: emu.langwatchUrl,
    anthropicUrl: emu.anthropicUrl,
    secrets: 'memory',
  });
  await c.request({ cmd: 'signIn', who: 'admin' });
  const selected = await c.ipc('auth.selectOrganization', { organizationId: ACME });
  if (!selected.ok) throw new Error(`selectOrganization: ${selected.error.code}`);
  return c;
}

const rows: BenchRow[] = [];
try {
  emu.control.seedSources(ACME, SOURCES);

  const status = await child();
  const monitorIdle = await status.request<Memory>({ cmd: 'memory' });
  let seen = 0;
  for (let i = 0; i < TICKS; i++) seen = (await status.request<{ rows: number }>({ cmd: 'statusRefresh' })).rows;
  const monitorPeak = await status.request<Memory>({ cmd: 'memory' });
  await status.close();
  if (seen < SOURCES) throw new Error(`sources monitor saw ${seen} rows, expected at least ${SOURCES}`);
  process.stdout.write(
    `status: ${TICKS} ticks over ${seen} sources; RSS ready ${mb(monitorIdle.rss)} MB, peak ${mb(monitorPeak.peakRss)} MB\n`,
  );

  const outbox = await child();
  const outboxIdle = await outbox.request<Memory>({ cmd: 'memory' });
  for (let i = 0; i < FLUSH_KEYS; i++) {
    const r = await outbox.ipc('outbox.stage', {
      kind: 'create',
      organizationId: ACME,
      name: `Memory bench ${i}`,
      key: SEED.anthropicKeys.compliance,
      pollEverySec: 900,
    });
    if (!r.ok) throw new Error(`stage ${i}: ${r.error.code} ${r.error.message}`);
  }
  const flushed = await outbox.request<Array<{ state: string }>>({ cmd: 'idle' });
  const outboxPeak = await outbox.request<Memory>({ cmd: 'memory' });
  await outbox.close();
  const open = flushed.filter((e) => e.state !== 'submitted').length;
  if (open > 0) throw new Error(`${open} entries still open after the flush`);
  process.stdout.write(
    `outbox: ${FLUSH_KEYS} keys staged and flushed (none left open); RSS ready ${mb(outboxIdle.rss)} MB, peak ${mb(outboxPeak.peakRss)} MB\n`,
  );

  for (const [what, idle, peak] of [
    [`monitor tick, ${SOURCES} sources`, monitorIdle, monitorPeak],
    [`outbox flush, ${FLUSH_KEYS} keys`, outboxIdle, outboxPeak],
  ] as const) {
    const ratio = round(peak.peakRss / idle.rss);
    rows.push({
      name: `peak RSS of the services: ${what}`,
      value: mb(peak.peakRss),
      unit: 'MB',
      target: `≤ ${BUDGET_MB} MB`,
      pass: mb(peak.peakRss) <= BUDGET_MB,
    });
    rows.push({
      name: `peak RSS vs services ready: ${what}`,
      ratio,
      target: `ratio ≤ ${TARGET_RATIO}`,
      pass: ratio <= TARGET_RATIO,
      baseline: mb(idle.rss),
      measured: mb(peak.peakRss),
      unit: 'MB',
    });
  }
  writeBenchRows('services-memory', rows);
} finally {
  await emu.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
