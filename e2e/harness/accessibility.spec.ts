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
  if (minor.length > 0)
    console.log(`[axe] ${label}: minor ${minor.map((v) => `${v.id}×${v.nodes.length}`).join(', ')}`);
  return blocking.map(
    (v) =>
      `${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
}

test('WCAG 2.2 AA (axe): no serious or critical violation on any screen, light and dark', async ({
  openHarness,
  emulator,
}) => {
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
  expect(screens).toBe(15);
  expect(found, found.join('\n')).toEqual([]);
});

/**
 * Tabs through the page from the top and checks that every visible, enabled control inside
 * `scope` is reached, each with a focus ring of at least 2 px. Returns the ids not reached.
 */
async function tabWalk(page: Page, scope: string): Promise<string[]> {
  const wanted: string[] = await page.evaluate((sel) => {
    document.querySelectorAll<HTMLElement>('[data-tabwalk]').forEach((el) => delete el.dataset['tabwalk']);
    const root = document.querySelector(sel);
    if (!root) return [];
    const controls = root.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [tabindex="0"]');
    const out: string[] = [];
    controls.forEach((el, i) => {
      const visible = el.offsetParent !== null && !(el as HTMLButtonElement).disabled;
      // One stop per radio group (arrow keys move inside it), as browsers do.
      const radio = el instanceof HTMLInputElement && el.type === 'radio' && !el.checked;
      if (visible && !radio) {
        el.dataset['tabwalk'] =
          `${i}:${el.dataset['testid'] ?? el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? el.tagName}`;
        out.push(el.dataset['tabwalk']);
      }
    });
    return out;
  }, scope);
  expect(wanted.length, `controls in ${scope}`).toBeGreaterThan(1);
  await page.locator('body').focus();
  const reached = new Set<string>();
  for (let i = 0; i < wanted.length + 25 && reached.size < wanted.length; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el?.dataset['tabwalk']) return null;
      const style = getComputedStyle(el);
      const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      return { id: el.dataset['tabwalk'], ring, name: el.dataset['testid'] ?? el.textContent?.trim() ?? el.tagName };
    });
    if (!info) continue;
    expect(info.ring, `focus ring on ${info.name}`).toBe(true);
    reached.add(info.id);
  }
  return wanted.filter((id) => !reached.has(id));
}

test('every action is reachable by Tab with a visible focus ring (sign-in, composer, deployments, settings)', async ({
  openHarness,
}) => {
  const harness = await openHarness();
  const { page } = harness;
  await expect(page.getByTestId('sign-in-methods')).toBeVisible();
  expect(await tabWalk(page, 'main'), 'sign-in screen').toEqual([]);
  expect(await tabWalk(page, 'nav'), 'navigation').toEqual([]);

  await harness.signIn('admin');
  await page.getByTestId('nav-compose').click();
  await expect(page.locator('.composer')).toHaveAttribute('data-state', 'ready');
  expect(await tabWalk(page, 'main'), 'composer').toEqual([]);
  await page.getByTestId('schedule-cron-toggle').check();
  expect(await tabWalk(page, '.schedule-field'), 'custom schedule').toEqual([]);

  await page.getByTestId('nav-deployments').click();
  await expect(page.getByTestId('signed-in-card')).toBeVisible();
  expect(await tabWalk(page, 'main'), 'deployments').toEqual([]);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  expect(await tabWalk(page, 'main'), 'settings').toEqual([]);
});
