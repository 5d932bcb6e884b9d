// `npm run demo`: the console against the bundled emulator.
// 1. starts two emulated deployments (LangWatch + Anthropic each) on loopback (5560-5563, vendors
//    5564-5565, or free ports), three organisations each; the console gets a profile for both;
// 2. builds the console and launches it in Electron, in demo mode, pointed at the emulator;
// 3. where the Electron binary is missing, says so and opens the same renderer and
//    main-process services in Chromium instead (a window if there is a display; otherwise a
//    headless run that signs in as the demo admin and saves a screenshot).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { PULLER_MODES, type PullerMode } from '../emulator';
import { startFleet, type FleetDeployment } from '../emulator/fleet';
import { SEED } from '../emulator/seed';
import { ConsoleHarness } from '../e2e/harness/console-harness';
import { electronBinary, ELECTRON_MISSING_HELP } from './electron-binary';

const root = join(__dirname, '..');
const userDataDir = process.env.LW_DEMO_USER_DATA ?? join(homedir(), '.config', 'langwatch-ingestion-console-demo');
mkdirSync(userDataDir, { recursive: true });

/** `--puller documented|langwatch` (default documented): which puller the emulated deployment runs. */
function pullerMode(): PullerMode {
  const i = process.argv.indexOf('--puller');
  const raw =
    i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith('--puller='))?.slice('--puller='.length);
  if (raw === undefined) return 'documented';
  if (!(PULLER_MODES as readonly string[]).includes(raw)) {
    console.error(`--puller must be one of: ${PULLER_MODES.join(', ')}`);
    process.exit(2);
  }
  return raw as PullerMode;
}
const puller = pullerMode();

/** Two deployments side by side: the Everywhere view has more than one place to show. */
async function startDemoFleet() {
  const options = { deployments: 2, organizations: 3, controlHttp: true, liveActivityEveryMs: 20_000, puller };
  try {
    return await startFleet({ ...options, basePort: 5560 });
  } catch {
    return startFleet(options); // ports taken: any free ones
  }
}

/** What the person running the demo needs: where things are, how to sign in, a key to paste. */
function printBanner(emulator: FleetDeployment, second: FleetDeployment): void {
  console.log(`
  LangWatch emulator   ${emulator.langwatchUrl}   (${second.name}: ${second.langwatchUrl})
  Anthropic emulator   ${emulator.anthropicUrl}   (${second.name}: ${second.anthropicUrl})
  Vendors emulator     ${emulator.vendorsUrl}   (Databricks workspace, audit-log API /audit/v1/events: VENDOR_SEED in emulator/vendors/seed.ts)
  Sign in as           ${SEED.users.admin.email} / ${SEED.users.admin.password}   (admin)
                       ${SEED.users.support.email} / ${SEED.users.support.password}   (view-only support)
  A compliance key     ${SEED.anthropicKeys.compliance}
  Demo data folder     ${userDataDir}
  Puller               ${
    puller === 'langwatch'
      ? 'langwatch: like LangWatch today (GET /v1/organizations/audit_log → 404); compliance sources never get events'
      : 'documented: pulls the Compliance API'
  }   (switch: npm run demo -- --puller ${puller === 'langwatch' ? 'documented' : 'langwatch'})
  `);
}

// CommonJS (tsx loads .ts files imported from here as CJS, where __dirname is right).
async function main(): Promise<void> {
  const fleet = await startDemoFleet();
  const emulator = fleet.deployments[0]!;
  const second = fleet.deployments[1]!;
  const demoDeployments = [{ name: second.name, baseUrl: second.langwatchUrl, anthropicBaseUrl: second.anthropicUrl }];
  printBanner(emulator, second);

  const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    await fleet.close();
    process.exit(build.status ?? 1);
  }

  const env = {
    ...process.env,
    LW_DEMO: '1',
    LW_USER_DATA_DIR: userDataDir,
    LW_LANGWATCH_URL: emulator.langwatchUrl,
    LW_ANTHROPIC_URL: emulator.anthropicUrl,
    LW_DEMO_DEPLOYMENTS: JSON.stringify(demoDeployments),
  };
  const exe = electronBinary();
  if (exe) {
    const args = ['out/main/index.js', '--demo'];
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    const child = spawn(exe, args, { cwd: root, stdio: 'inherit', env });
    child.on('exit', (code) => {
      void fleet.close().finally(() => process.exit(code ?? 0));
    });
  } else {
    console.log(
      `${ELECTRON_MISSING_HELP}\n\nOpening the console in Chromium instead (same renderer, same main-process services, no Electron window chrome).`,
    );
    const headless = !process.env.DISPLAY;
    const browser = await chromium.launch({
      headless,
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    const harness = await ConsoleHarness.open(context, {
      langwatchUrl: emulator.langwatchUrl,
      anthropicUrl: emulator.anthropicUrl,
      userDataDir,
      mode: 'demo',
      demoDeployments,
    });
    const shutdown = async (code: number) => {
      await harness.close();
      await browser.close();
      await fleet.close();
      process.exit(code);
    };
    process.on('SIGINT', () => void shutdown(0));
    if (headless) {
      await harness.signIn('admin');
      await signInEverywhere(harness);
      await harness.page.waitForTimeout(1500); // let the first monitor tick render (a demo, not a test)
      const shot = join(root, '.tmp', 'demo.png');
      mkdirSync(join(root, '.tmp'), { recursive: true });
      await harness.page.screenshot({ path: shot });
      await harness.page.getByTestId('nav-everywhere').click();
      await harness.page.getByTestId('everywhere-place').first().waitFor();
      const everywhereShot = join(root, '.tmp', 'demo-everywhere.png');
      await harness.page.screenshot({ path: everywhereShot });
      console.log(
        `No display: signed in as the demo admin headlessly and saved screenshots: ${shot}, ${everywhereShot}`,
      );
      await shutdown(0);
    } else {
      console.log('Close the browser window (or press Ctrl-C) to stop the demo.');
      harness.page.on('close', () => void shutdown(0));
    }
  }
}

/** Signs the demo admin in to every further deployment too (each profile keeps its own session). */
async function signInEverywhere(harness: ConsoleHarness): Promise<void> {
  const { auth, sessions } = harness.services;
  for (const profile of auth.state().profiles)
    if (profile.id !== auth.state().activeProfileId) await sessions.signInWithEmail(profile.id, SEED.users.admin);
}

void main();
