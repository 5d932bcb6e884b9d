import { test as base } from '@playwright/test';
import { ConsoleHarness, type HarnessOptions } from './console-harness';

/** `harness`: a console bound to real services; `openHarness` for journeys that need options. */
export const test = base.extend<{ harness: ConsoleHarness; openHarness: (options?: HarnessOptions) => Promise<ConsoleHarness> }>({
  openHarness: async ({ context }, use) => {
    const opened: ConsoleHarness[] = [];
    await use(async (options) => {
      const h = await ConsoleHarness.open(context, options);
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
