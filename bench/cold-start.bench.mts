/**
 * Benchmark: cold start of the main-process services to "ready" in plain Node — a fresh process
 * creates the services, handler table and dispatcher and answers `auth.get` — against a
 * baseline fresh process that only loads the same third-party modules. Both are esbuild bundles
 * like the app's main (node_modules external). Medians of alternating runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { median, round, writeBenchRows } from './bench-results';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, '.tmp', 'bench');
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 9);
const TARGET_RATIO = 2;

mkdirSync(OUT, { recursive: true });
const bundle = join(OUT, 'cold-start.cjs');
const result = await build({
  entryPoints: [join(ROOT, 'bench/fixtures/cold-start-child.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  outfile: bundle,
  metafile: true,
  logLevel: 'warning',
});
// The third-party packages the services import; keytar is only loaded with the keychain backend.
const packages = [
  ...new Set(
    Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)),
  ),
].filter((p) => !p.startsWith('node:') && !builtinModules.includes(p) && !['keytar', 'electron'].includes(p));
const baselineFile = join(OUT, 'cold-start-baseline.cjs');
writeFileSync(
  baselineFile,
  `${packages.map((p) => `require(${JSON.stringify(p)});`).join('\n')}\nprocess.stdout.write('ready ' + process.uptime() * 1000 + '\\n');\nprocess.exit(0);\n`,
);

function once(file: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0 || !r.stdout.startsWith('ready')) throw new Error(`${file} failed: ${r.stderr}`);
  return ms;
}

once(bundle);
once(baselineFile);
const services: number[] = [];
const baseline: number[] = [];
for (let i = 0; i < RUNS; i++) {
  baseline.push(once(baselineFile));
  services.push(once(bundle));
}
const s = median(services);
const b = median(baseline);
const ratio = round(s / b);
process.stdout.write(
  `cold start (${RUNS} runs each, medians): services ready + auth.get ${round(s, 1)} ms; baseline (node + ${packages.join(', ')}) ${round(b, 1)} ms\n`,
);
writeBenchRows('cold-start', [
  {
    name: 'cold start: services ready + auth.get (Node)',
    ratio,
    target: `ratio ≤ ${TARGET_RATIO}`,
    pass: ratio <= TARGET_RATIO,
    baseline: round(b, 1),
    measured: round(s, 1),
    unit: 'ms',
  },
]);
