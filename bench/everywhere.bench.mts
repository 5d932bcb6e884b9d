/**
 * Benchmark of the Everywhere view at 10 deployments × 3 organisations × 500 sources (15,000
 * sources, issue 23), each deployment an emulator in a process of its own:
 *  1. one tick of the whole fleet (every place's list and health read at once through the
 *     bound per deployment → superjson decode + zod → rows → delta pushed on the event bus)
 *     against bare undici GETs of the very same lists and healths + JSON.parse, all at once
 *     (target ≤ 1.3×): the median of the ratios of several rounds of alternating runs;
 *  2. the services' peak RSS during the ticks against their RSS when ready (signed in
 *     everywhere, nothing read yet) (target ≤ 2.5×);
 *  3. the renderer's filter keystroke over the 15,000 rows in Chromium (input → React commit,
 *     target < 16 ms).
 * Writes bench/results/everywhere.json.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { request } from 'undici';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium';
import { SEED } from '../emulator/seed';
import type { ConsoleHarness as Harness } from '../e2e/harness/console-harness';
import { systemClock } from '../src-main/services/clock';
import { createEventBus } from '../src-main/services/events/event-bus';
import { createEverywhere } from '../src-main/services/everywhere/everywhere';
import { createNullLogger } from '../src-main/services/logging/test-loggers';
import { createProfiles, PROFILES_FILE_DEFAULTS, type ProfilesFile } from '../src-main/services/profiles/profiles';
import { createMemorySecretStore } from '../src-main/services/secrets/memory-store';
import { createSessionManager } from '../src-main/services/session/session-manager';
import type * as BenchResults from './bench-results';
import type * as EmulatorProcessModule from './emulator-process';
import type * as TypingScriptModule from './typing-script';

const ROOT = join(import.meta.dirname, '..');
const load = createRequire(import.meta.url);
const { ConsoleHarness } = load('../e2e/harness/console-harness.ts') as { ConsoleHarness: typeof Harness };
const { median, round, writeBenchRows } = load('./bench-results.ts') as typeof BenchResults;
const { startEmulatorProcess } = load('./emulator-process.ts') as typeof EmulatorProcessModule;
const { typingScript } = load('./typing-script.ts') as typeof TypingScriptModule;
type BenchRow = BenchResults.BenchRow;
type EmulatorProcess = EmulatorProcessModule.EmulatorProcess;

const DEPLOYMENTS = Number(process.env.BENCH_EW_DEPLOYMENTS ?? 10);
const PER_ORG = Number(process.env.BENCH_EW_SOURCES ?? 500);
const RUNS = Number(process.env.BENCH_EW_RUNS ?? 7);
const ROUNDS = Number(process.env.BENCH_EW_ROUNDS ?? 3);
const TICK_TARGET = 1.3;
const RSS_TARGET = 2.5;
const rows: BenchRow[] = [];

/** Runs in the page: a keystroke in the search box, timed to the list's commit marker. */
const KEYSTROKE_SCRIPT = typingScript('everywhere-search', '__lwSourcesCommit', 'window.__lwSourcesCommit.at - t0');

/** One deployment: its own process, a third organisation, every organisation topped up to PER_ORG. */
async function startDeployment(i: number): Promise<{ emu: EmulatorProcess; orgs: string[] }> {
  const emu = await startEmulatorProcess();
  const third = `org_d${i + 1}_3`;
  await emu.control('addOrganization', { id: third, name: `Org 3 of deployment ${i + 1}`, slug: `org-${i + 1}-3` });
  const orgs = [SEED.orgs.enterprise.id, SEED.orgs.free.id, third];
  for (const org of orgs) {
    const have = (await emu.control<unknown[]>('sources', org)).length;
    if (have < PER_ORG) await emu.control('seedSources', org, PER_ORG - have);
  }
  return { emu, orgs };
}

const deployments: Array<{ emu: EmulatorProcess; orgs: string[] }> = [];
try {
  for (let i = 0; i < DEPLOYMENTS; i++) deployments.push(await startDeployment(i));
  const log = createNullLogger();
  let file: ProfilesFile = structuredClone(PROFILES_FILE_DEFAULTS);
  const profiles = createProfiles({
    file: { read: async () => structuredClone(file), write: async (v) => void (file = structuredClone(v)) },
    log,
  });
  const sessions = createSessionManager({ profiles, secrets: createMemorySecretStore(), log });
  const ids: string[] = [];
  for (const [i, d] of deployments.entries()) {
    const p = await profiles.add({ name: `Deployment ${i + 1}`, baseUrl: d.emu.langwatchUrl });
    await sessions.signInWithEmail(p.id, SEED.users.admin);
    ids.push(p.id);
  }
  const events = createEventBus(log);
  let pushedRows = 0;
  events.addSink((name, payload) => {
    if (name === 'everywhere.changed') pushedRows += payload.upserts.length;
  });
  const everywhere = createEverywhere({ profiles, sessions, events, clock: systemClock, log });
  globalThis.gc?.();
  const readyRss = process.memoryUsage().rss;
  let peakRss = readyRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);

  // The requests a tick makes, by bare undici: every place's list, and its health where the
  // organisation has one (enterprise), all at once.
  const cookies = await Promise.all(ids.map((id) => sessions.getCookie(id)));
  const enc = (org: string) => encodeURIComponent(JSON.stringify({ json: { organizationId: org } }));
  const gets = deployments.flatMap((d, i) =>
    d.orgs.flatMap((org) => {
      const list = `${d.emu.langwatchUrl}/api/trpc/ingestionSources.list?input=${enc(org)}`;
      const health = `${d.emu.langwatchUrl}/api/trpc/activityMonitor.ingestionSourcesHealth?input=${enc(org)}`;
      return org === SEED.orgs.free.id
        ? [{ url: list, i }]
        : [
            { url: list, i },
            { url: health, i },
          ];
    }),
  );
  async function bare(): Promise<number> {
    const t0 = performance.now();
    await Promise.all(
      gets.map(async ({ url, i }) => {
        const res = await request(url, { headers: { cookie: cookies[i]! } });
        const parsed = JSON.parse(await res.body.text()) as { result?: unknown };
        if (res.statusCode !== 200 || !parsed.result) throw new Error(`baseline got ${res.statusCode}`);
      }),
    );
    return performance.now() - t0;
  }
  async function tick(): Promise<number> {
    const t0 = performance.now();
    await everywhere.refreshNow();
    await everywhere.settled();
    return performance.now() - t0;
  }
  await tick(); // organisations, permissions and the first 15,000 rows: not measured
  const total = everywhere.snapshot().rows.length;
  const places = everywhere.snapshot().places;
  if (places.length !== DEPLOYMENTS * 3 || places.some((p) => p.state !== 'fresh'))
    throw new Error(`places not all fresh: ${places.map((p) => p.state).join(', ')}`);
  for (let i = 0; i < 2; i++) {
    await bare();
    await tick();
  }
  const rounds: Array<{ ratio: number; bare: number; tick: number }> = [];
  for (let r = 0; r < ROUNDS; r++) {
    const bareMs: number[] = [];
    const tickMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      if (i % 2) bareMs.push(await bare());
      tickMs.push(await tick());
      if (!(i % 2)) bareMs.push(await bare());
    }
    rounds.push({ ratio: median(tickMs) / median(bareMs), bare: median(bareMs), tick: median(tickMs) });
  }
  clearInterval(sampler);
  everywhere.close();
  sessions.dispose();
  const ratio = median(rounds.map((r) => r.ratio));
  rows.push({
    name: `everywhere tick of ${DEPLOYMENTS} deployments × 3 organisations (${total} sources; lists + healths at once → decode → rows → delta) vs bare undici + JSON.parse of the same ${gets.length} GETs (median of ${ROUNDS} rounds × ${RUNS}: ${rounds.map((r) => round(r.ratio)).join(', ')})`,
    ratio: round(ratio),
    target: `ratio ≤ ${TICK_TARGET}`,
    pass: ratio <= TICK_TARGET,
    baseline: round(median(rounds.map((r) => r.bare))),
    measured: round(median(rounds.map((r) => r.tick))),
    unit: 'ms',
  });
  const rssRatio = peakRss / readyRss;
  rows.push({
    name: `services peak RSS over the ticks vs ready (signed in to ${DEPLOYMENTS} deployments; ${round(readyRss / 1e6, 0)} → ${round(peakRss / 1e6, 0)} MB; ${pushedRows} rows pushed)`,
    ratio: round(rssRatio),
    target: `ratio ≤ ${RSS_TARGET}`,
    pass: rssRatio <= RSS_TARGET,
    baseline: round(readyRss / 1e6, 1),
    measured: round(peakRss / 1e6, 1),
    unit: 'MB',
  });
  rows.push(await keystroke(total));
} finally {
  await Promise.all(deployments.map((d) => d.emu.close()));
}

writeBenchRows('everywhere', rows);

/** The Everywhere view over every deployment in Chromium: typing a name and erasing it. */
async function keystroke(total: number): Promise<BenchRow> {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html')))
    throw new Error('No built renderer: run `npm run build` first.');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const [first, ...rest] = deployments;
    const harness = await ConsoleHarness.open(context, {
      langwatchUrl: first!.emu.langwatchUrl,
      anthropicUrl: first!.emu.anthropicUrl,
      secrets: createMemorySecretStore(),
      demoDeployments: rest.map((d, i) => ({
        name: `Deployment ${i + 2}`,
        baseUrl: d.emu.langwatchUrl,
        anthropicBaseUrl: d.emu.anthropicUrl,
      })),
    });
    try {
      await harness.signIn('admin');
      for (const p of harness.services.auth.state().profiles)
        await harness.services.sessions.signInWithEmail(p.id, SEED.users.admin);
      await harness.page.getByTestId('nav-everywhere').click();
      await harness.page
        .getByTestId('everywhere-summary')
        .getByText(`${total} sources in ${DEPLOYMENTS * 3} places`)
        .waitFor({ timeout: 120_000 });
      const word = 'bulk source 0012';
      const typed = Array.from({ length: word.length }, (_, i) => word.slice(0, i + 1));
      const queries = [...typed, ...typed.slice(0, -1).reverse(), ''];
      const ms = (await harness.page.evaluate(`(${KEYSTROKE_SCRIPT})(${JSON.stringify(queries)})`)) as number[];
      const p95 = [...ms].sort((a, b) => a - b)[Math.floor(ms.length * 0.95)]!;
      return {
        name: `Everywhere filter keystroke over ${total} rows of ${DEPLOYMENTS * 3} places, input event → React commit, Chromium (median of ${ms.length}; p95 ${round(p95)} ms)`,
        value: round(median(ms)),
        unit: 'ms',
        target: '< 16 ms',
        pass: median(ms) < 16,
        measured: round(p95),
      };
    } finally {
      await harness.close();
    }
  } finally {
    await browser.close();
  }
}
