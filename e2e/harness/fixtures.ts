import { test as base } from '@playwright/test';
import { startEmulator } from '../../emulator';
import { ConsoleHarness, type HarnessOptions } from './console-harness';

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
}>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  emulator: async ({}, use) => {
    const emulator = await startEmulator({ pullerSchedule: false });
    await use(emulator);
    await emulator.close();
  },
  openHarness: async ({ context, emulator }, use) => {
    const opened: ConsoleHarness[] = [];
    await use(async (options) => {
      const h = await ConsoleHarness.open(context, { langwatchUrl: emulator.langwatchUrl, anthropicUrl: emulator.anthropicUrl, ...options });
      opened.push(h);
      return h;
    });
    for (const h of opened) await h.close();
  },
  harness: async ({ openHarness }, use) => {
    await use(await openHarness());
  },
});

export { expect } from '@playwright/test';
