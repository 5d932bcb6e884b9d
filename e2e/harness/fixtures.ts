import { test as base } from '@playwright/test';
import { startEmulator } from '../../emulator';
import { ConsoleHarness, type HarnessOptions } from './console-harness';
import { keychainSecrets, scanForSecrets, SEED_SECRETS } from './leak-scan';
import { trafficForLeakScan } from './revealed-traffic';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/**
 * `emulator`: a fresh LangWatch + Anthropic emulator per test (cron puller off: tests call
 * `control.pullNow()`); `harness`: the console bound to real services and pointed at it;
 * `openHarness` for journeys that need options (restarts, a shared user-data folder).
 */
export const test = base.extend<{
  emulator: Emulator;
  harness: ConsoleHarness;
  openHarness: (options?: HarnessOptions) => Promise<ConsoleHarness>;
  /** Extra secret values of this test (typed keys, tokens) for the automatic leak scan. */
  secrets: { register(value: string | null | undefined): void; values(): string[] };
  /** Every harness this test opened (the leak scan reads their keychain, folders and traffic). */
  openedHarnesses: ConsoleHarness[];
  /** Automatic: after every test, searches the run's secrets everywhere they must never be. */
  leakScan: void;
}>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  secrets: async ({}, use) => {
    const values: string[] = [];
    await use({ register: (value) => void (value && values.push(value)), values: () => [...values] });
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  openedHarnesses: async ({}, use) => {
    await use([]);
  },
  // Depends on openHarness so that it is torn down first: services still open, folders still there.
  leakScan: [
    async ({ openHarness, openedHarnesses, secrets, emulator }, use, testInfo) => {
      void openHarness;
      await use();
      // Device sign-ins hand out a CLI key and a project key the console must never keep.
      // Ingest secrets LangWatch minted (create, rotateSecret) may cross to the renderer once, in a reveal.
      const minted = emulator.control.mintedIngestSecrets();
      const values = [...SEED_SECRETS, ...secrets.values(), ...emulator.control.issuedSecrets(), ...minted];
      const problems: string[] = [];
      const dirs = [testInfo.outputDir];
      const texts: Array<{ where: string; text: string }> = [];
      for (const h of openedHarnesses) {
        values.push(...(await keychainSecrets(h)));
        await h.services.log.flush().catch(() => undefined);
        dirs.push(h.userDataDir, h.services.paths.logsDir);
        const traffic = trafficForLeakScan(h.traffic);
        problems.push(...traffic.problems);
        texts.push({ where: `renderer-bound IPC traffic of ${h.rendererUrl}`, text: traffic.text });
      }
      const hits = [...problems, ...scanForSecrets(values, { dirs, texts })];
      if (hits.length > 0)
        throw new Error(`secret leak scan: ${hits.length} hit(s) (values not shown):\n  ${hits.join('\n  ')}`);
    },
    { auto: true },
  ],
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  emulator: async ({}, use) => {
    const emulator = await startEmulator({ pullerSchedule: false });
    await use(emulator);
    await emulator.close();
  },
  openHarness: async ({ context, emulator, openedHarnesses }, use) => {
    const opened: ConsoleHarness[] = [];
    await use(async (options) => {
      const h = await ConsoleHarness.open(context, {
        langwatchUrl: emulator.langwatchUrl,
        anthropicUrl: emulator.anthropicUrl,
        ...options,
      });
      opened.push(h);
      openedHarnesses.push(h);
      return h;
    });
    for (const h of opened) await h.close();
  },
  harness: async ({ openHarness }, use) => {
    await use(await openHarness());
  },
});

export { expect } from '@playwright/test';
