// The whole test suite behind `npm test`: static checks, unit tests, keyring integration
// tests, the e2e harness in Chromium and the Electron specs. Every step runs even when an
// earlier one failed, so one run shows everything; the last line sums all runners as
// `N passed, N failed, N skipped` for CI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url)); // a URL's pathname is no path on Windows
const tmp = join(root, '.tmp');
mkdirSync(tmp, { recursive: true });

/** @type {{name:string, passed:number, failed:number, skipped:number, seconds:number}[]} */
const results = [];

function run(name, cmd, args, { env = {}, count } = {}) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  // npx is npx.cmd on Windows, which only a shell finds (the release workflow runs there).
  const proc = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
    shell: process.platform === 'win32',
  });
  const seconds = (Date.now() - started) / 1000;
  let counts = proc.status === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 };
  if (count) {
    const counted = count();
    // A runner that crashed before writing its report still counts as one failure.
    counts = counted ?? counts;
    if (proc.status !== 0 && counts.failed === 0) counts = { ...counts, failed: 1 };
  }
  results.push({ name, ...counts, seconds });
  console.log(
    `=== ${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds.toFixed(1)} s)`,
  );
}

function vitestCounts(file) {
  return () => {
    if (!existsSync(file)) return null;
    const r = JSON.parse(readFileSync(file, 'utf8'));
    // A file that failed to load has no test results but must still count as a failure.
    const brokenFiles = (r.testResults ?? []).filter(
      (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
    ).length;
    return {
      passed: r.numPassedTests,
      failed: r.numFailedTests + brokenFiles,
      skipped: r.numPendingTests + r.numTodoTests,
    };
  };
}

function playwrightCounts(file) {
  return () => {
    if (!existsSync(file)) return null;
    const s = JSON.parse(readFileSync(file, 'utf8')).stats;
    return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
  };
}

const withKeyring = (args) => ['scripts/with-keyring.sh', ...args];
const fresh = (f) => {
  rmSync(f, { force: true });
  return f;
};

run('typecheck', 'npx', ['tsc', '-b', '--pretty', 'false']);
run('lint', 'npx', ['eslint', '--max-warnings=0', '.']);
run('format', 'npx', ['prettier', '--check', '--log-level=warn', '.']);
run('build', 'npx', ['electron-vite', 'build', '--logLevel', 'warn']);
run('security', 'node', ['scripts/security-scan.mjs', 'src-main', 'src-preload']);
const unitJson = fresh(join(tmp, 'vitest-unit.json'));
run('unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`], {
  count: vitestCounts(unitJson),
});
// The console's emulator-backed unit tests again against a deployment running LangWatch's own
// puller (audit_log, answered 404): what a user of a real deployment at this version gets.
const langwatchJson = fresh(join(tmp, 'vitest-unit-langwatch.json'));
run(
  'unit-lw-puller',
  'npx',
  ['vitest', 'run', '.emulator.test.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${langwatchJson}`],
  { env: { LW_EMULATOR_PULLER: 'langwatch' }, count: vitestCounts(langwatchJson) },
);
const keyringJson = fresh(join(tmp, 'vitest-keyring.json'));
run(
  'keyring',
  'bash',
  withKeyring([
    'npx',
    'vitest',
    'run',
    '-c',
    'vitest.keyring.config.mts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${keyringJson}`,
  ]),
  { count: vitestCounts(keyringJson) },
);
const e2eJson = fresh(join(tmp, 'playwright.json'));
run('e2e', 'bash', withKeyring(['npx', 'playwright', 'test']), {
  env: { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson },
  count: playwrightCounts(e2eJson),
});
// Every runner's report: a secret in a test name or a failure message is a leak too.
run('leak-scan', 'npx', ['tsx', 'scripts/leak-scan.ts', e2eJson, unitJson, langwatchJson, keyringJson]);

const total = results.reduce(
  (a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log('\n=== summary');
for (const r of results)
  console.log(
    `  ${r.name.padEnd(10)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed ${String(r.skipped).padStart(3)} skipped  ${r.seconds.toFixed(1)} s`,
  );
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
