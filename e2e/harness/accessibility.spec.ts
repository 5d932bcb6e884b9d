import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { walkScreens } from './screens';

// WCAG 2.2 AA, both themes, every screen of the harness. Serious and critical violations fail;
// color-contrast is one of them (4.5:1 text, 3:1 large text), so contrast is checked on every
// text the screen shows. Minor/moderate ones are reported in the test output.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function audit(page: Page, label: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const blocking = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = result.violations.filter((v) => !blocking.includes(v));
  if (minor.length > 0) console.log(`[axe] ${label}: minor ${minor.map((v) => `${v.id}×${v.nodes.length}`).join(', ')}`);
  return blocking.map((v) => `${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('WCAG 2.2 AA (axe): no serious or critical violation on any screen, light and dark', async ({ openHarness, emulator }) => {
  test.setTimeout(180_000);
  const harness = await openHarness();
  const found: string[] = [];
  let screens = 0;
  await walkScreens(harness, emulator, async (name, page) => {
    screens += 1;
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      found.push(...(await audit(page, `${name} (${colorScheme})`)));
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });
  expect(screens).toBe(11);
  expect(found, found.join('\n')).toEqual([]);
});

test('every control of the composer is reachable by Tab and shows a focus ring', async ({ openHarness }) => {
  const harness = await openHarness();
  await harness.signIn('admin');
  const { page } = harness;
  await page.getByTestId('nav-compose').click();
  await expect(page.locator('.composer')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('name-input').focus();
  const reached = new Set<string>();
  for (let i = 0; i < 40; i++) {
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return null;
      const style = getComputedStyle(el);
      return { id: el.dataset['testid'] ?? el.id ?? el.tagName, outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2, inComposer: !!el.closest('.composer') };
    });
    if (info?.inComposer) {
      expect(info.outline, `focus ring on ${info.id}`).toBe(true);
      reached.add(info.id);
    }
    await page.keyboard.press('Tab');
  }
  for (const id of ['name-input', 'team-select', 'description-input', 'key-input', 'key-reveal', 'key-paste', 'test-key', 'preview-events', 'compose-submit', 'compose-reset']) {
    expect(reached, `${id} reachable by Tab`).toContain(id);
  }
});
