/**
 * `npm run bench`: every `bench/*.bench.mts` / `bench/*.bench.ts` in its own child process
 * (inside scripts/with-keyring.sh, since keytar benches need a Secret Service), then one table
 * of all figures and `bench/results/summary.json`. Each bench writes `bench/results/<name>.json`
 * (rows, see bench/bench-results.ts); a bench that only prints a JSON line (the emulator's) is
 * read from its last JSON line. Every figure is recorded with its goal, or as context with the
 * physical floor that bounds it (`floor`). Exit code 1 when a bench crashed, a figure missed its
 * target, or a context figure names no floor.
 *
 *   npm run bench [-- <name filter>]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow } from '../bench/bench-results';

const ROOT = join(__dirname, '..');
const BENCH = join(ROOT, 'bench');
const RESULTS = join(BENCH, 'results');
const filter = process.argv[2];

interface BenchRun {
  file: string;
  seconds: number;
  exitCode: number;
  rows: BenchRow[];
}

/** Runs one bench, streaming its output; resolves with its exit code and captured stdout. */
function runBench(file: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['scripts/with-keyring.sh', 'npx', 'tsx', join('bench', file)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      process.stdout.write(d);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

/** Rows of a bench that printed a JSON summary line instead of writing rows. */
function rowsFromJsonLine(stdout: string): BenchRow[] {
  const line = stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.trim().startsWith('{'));
  if (!line) return [];
  const r = JSON.parse(line) as Record<string, unknown>;
  const rows: BenchRow[] = [];
  const name = String(r.benchmark ?? 'benchmark');
  type Stats = { p50Ms?: number; p95Ms?: number } | undefined;
  const base = r.baseline as Stats;
  const measured = (r.emulator ?? r.measured) as Stats;
  const sameBody = 'the baseline: bare node:http sending the same body';
  if (typeof r.ratioP50 === 'number') {
    rows.push({
      name: `${name} (p50 vs baseline)`,
      ratio: r.ratioP50,
      target: r.targetP50Ms !== undefined ? `p50 < ${String(r.targetP50Ms)} ms` : 'context',
      ...(r.targetP50Ms === undefined ? { floor: sameBody } : {}),
      pass: r.pass !== false,
      baseline: base?.p50Ms,
      measured: measured?.p50Ms,
      unit: 'ms',
    });
  }
  // Every other figure the bench prints, as context with what bounds it.
  if (typeof r.ratioP95 === 'number') {
    rows.push({
      name: `context: ${name} (p95 vs baseline)`,
      ratio: r.ratioP95,
      target: 'context',
      floor: sameBody,
      pass: true,
      baseline: base?.p95Ms,
      measured: measured?.p95Ms,
      unit: 'ms',
    });
  }
  const uncached = r.emulatorAfterEachChange as Stats;
  if (uncached?.p50Ms !== undefined) {
    rows.push({
      name: `context: ${name}, list changed before each request (p50; p95 ${String(uncached.p95Ms)} ms)`,
      value: uncached.p50Ms,
      target: 'context',
      floor: 'serialising the whole list again after every change (nothing cached)',
      pass: true,
      measured: uncached.p95Ms,
      unit: 'ms',
    });
  }
  return rows;
}

function fmt(n: number | undefined, digits = 2): string {
  return n === undefined ? '' : Number.isInteger(n) ? String(n) : n.toFixed(digits);
}

async function main(): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  const files = readdirSync(BENCH)
    .filter((f) => /\.bench\.m?ts$/.test(f))
    .filter((f) => !filter || f.includes(filter))
    .sort();
  const runs: BenchRun[] = [];
  for (const file of files) {
    const name = file.replace(/\.bench\.m?ts$/, '');
    const resultFile = join(RESULTS, `${name}.json`);
    rmSync(resultFile, { force: true });
    console.log(`\n=== bench ${name}`);
    const started = Date.now();
    const { code, stdout } = await runBench(file);
    let rows: BenchRow[];
    if (existsSync(resultFile)) rows = JSON.parse(readFileSync(resultFile, 'utf8')) as BenchRow[];
    else {
      try {
        rows = rowsFromJsonLine(stdout);
      } catch {
        rows = [];
      }
    }
    runs.push({ file, seconds: (Date.now() - started) / 1000, exitCode: code, rows });
  }

  const table = runs.flatMap((r) =>
    r.rows.length > 0
      ? r.rows.map((row) => ({ bench: r.file, ...row }))
      : [
          { bench: r.file, name: `(no figures; exit ${r.exitCode})`, target: 'runs', pass: false } as BenchRow & {
            bench: string;
          },
        ],
  );
  const header = ['', 'figure', 'ratio', 'value', 'baseline', 'measured', 'target'];
  // A figure is recorded with its goal, or as context with the floor that bounds it.
  const incomplete = table.filter((t) => t.target === 'context' && !t.floor);
  const lines = table.map((t) => [
    t.target === 'context' ? (t.floor ? 'CTX' : 'NO FLOOR') : t.pass ? 'PASS' : 'FAIL',
    t.name,
    fmt(t.ratio),
    t.value !== undefined ? `${fmt(t.value, 1)} ${t.unit ?? ''}`.trim() : '',
    t.baseline !== undefined ? `${fmt(t.baseline, 1)} ${t.unit ?? ''}`.trim() : '',
    t.measured !== undefined ? `${fmt(t.measured, 1)} ${t.unit ?? ''}`.trim() : '',
    t.floor ? `context (bounded by ${t.floor})` : t.target,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log('\n=== benchmarks (ratio = measured / baseline in the same run)');
  console.log(row(header));
  for (const l of lines) console.log(row(l));
  for (const r of runs) console.log(`  ${r.file}: ${r.seconds.toFixed(1)} s, exit ${r.exitCode}`);

  const summary = {
    at: new Date().toISOString(),
    node: process.version,
    cpus: (await import('node:os')).cpus().length,
    benches: runs.map((r) => ({ file: r.file, seconds: r.seconds, exitCode: r.exitCode })),
    rows: table,
  };
  writeFileSync(join(RESULTS, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const failed =
    runs.some((r) => r.exitCode !== 0 || r.rows.length === 0) || table.some((t) => !t.pass) || incomplete.length > 0;
  console.log(
    `\nwrote bench/results/summary.json; ${failed ? 'some figures missed their target or a bench failed' : 'all figures within target'}`,
  );
  process.exit(failed ? 1 : 0);
}

void main();
