/**
 * Benchmark: the renderer bundle size (gzip) as built by `electron-vite build`, with a budget,
 * and as a ratio against a baseline bundle of react + react-dom alone (a root rendering one
 * element), built with esbuild in the same run (minified, production).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { round, writeBenchRows } from './bench-results';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, '.tmp', 'bench');
const ASSETS = join(ROOT, 'out', 'renderer', 'assets');
const BUDGET_KB = 300;
const TARGET_RATIO = 4;

const gz = (buf: Buffer | string) => gzipSync(buf, { level: 9 }).length;

if (process.env.BENCH_SKIP_BUILD !== '1') {
  const r = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('electron-vite build failed');
}
const files = readdirSync(ASSETS).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
const sizes = files.map((f) => {
  const buf = readFileSync(join(ASSETS, f));
  return { f, raw: buf.length, gzip: gz(buf) };
});
const appGzip = sizes.reduce((a, s) => a + s.gzip, 0);
const appRaw = sizes.reduce((a, s) => a + s.raw, 0);

mkdirSync(OUT, { recursive: true });
const entry = join(OUT, 'react-baseline.tsx');
writeFileSync(
  entry,
  "import { createElement } from 'react';\nimport { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')!).render(createElement('div', null, 'hello'));\n",
);
const baselineBuild = await build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  write: false,
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  nodePaths: [join(ROOT, 'node_modules')],
});
const baselineGzip = gz(Buffer.from(baselineBuild.outputFiles[0]!.contents));

for (const s of sizes)
  process.stdout.write(`  ${s.f}: ${(s.raw / 1024).toFixed(1)} kB raw, ${(s.gzip / 1024).toFixed(1)} kB gzip\n`);
process.stdout.write(
  `renderer ${(appGzip / 1024).toFixed(1)} kB gzip (${(appRaw / 1024).toFixed(1)} kB raw); baseline react + react-dom ${(baselineGzip / 1024).toFixed(1)} kB gzip\n`,
);
const kb = round(appGzip / 1024, 1);
const ratio = round(appGzip / baselineGzip);
writeBenchRows('bundle-size', [
  {
    name: 'renderer bundle (js + css, gzip)',
    value: kb,
    unit: 'kB',
    target: `≤ ${BUDGET_KB} kB gzip`,
    pass: kb <= BUDGET_KB,
  },
  {
    name: 'renderer bundle vs react + react-dom alone (gzip)',
    ratio,
    target: `ratio ≤ ${TARGET_RATIO}`,
    pass: ratio <= TARGET_RATIO,
    baseline: round(baselineGzip / 1024, 1),
    measured: kb,
    unit: 'kB',
  },
  // The per-file sizes printed above: parts of the total, whose goal is the first row.
  ...sizes.map((s) => ({
    name: `context: ${s.f} (gzip; ${round(s.raw / 1024, 1)} kB raw)`,
    value: round(s.gzip / 1024, 1),
    unit: 'kB',
    target: 'context',
    floor: `its share of the renderer bundle, whose goal is ≤ ${BUDGET_KB} kB gzip`,
    pass: true,
  })),
]);
