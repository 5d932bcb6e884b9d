import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { SCREENS, walkScreens } from './screens';

// Every screen in both themes, into test-results/. With LW_UPDATE_SCREENSHOTS=1 the main four
// (sources list, composer, detail with diagnosis, outbox) go to docs/screenshots/ instead
// (committed, shown in the README), so an ordinary test run leaves the work tree clean.
// No shot shows a key: key fields are empty or masked on every screen the walker visits, and
// the leak scan reads test-results/ after the run.
const DOCS = join(__dirname, '../../docs/screenshots');
const UPDATE_DOCS = process.env.LW_UPDATE_SCREENSHOTS === '1';

test('a screenshot of every screen, light and dark', async ({ openHarness, emulator }, testInfo) => {
  test.setTimeout(180_000);
  if (UPDATE_DOCS) mkdirSync(DOCS, { recursive: true });
  const harness = await openHarness();
  const taken: string[] = [];
  await walkScreens(harness, emulator, async (name, page) => {
    const main = SCREENS.find((s) => s.name === name)!.main;
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      // Screens are static by now; the caret and any transition would make shots differ run to run.
      const path =
        main && UPDATE_DOCS
          ? join(DOCS, `${name}-${colorScheme}.png`)
          : testInfo.outputPath(`${name}-${colorScheme}.png`);
      await page.screenshot({ path, caret: 'hide', animations: 'disabled' });
      taken.push(path);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });
  expect(taken).toHaveLength(SCREENS.length * 2);
});
