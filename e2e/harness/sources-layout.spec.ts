import type { Locator, Page } from '@playwright/test';
import { SEED } from '../../emulator/seed';
import type { ConsoleHarness } from './console-harness';
import { expect, test } from './fixtures';

async function openSignedIn(openHarness: (o?: object) => Promise<ConsoleHarness>, width: number, height: number) {
  const harness = await openHarness({ monitorIntervals: { focusedMs: 1_000, backgroundMs: 1_000 } });
  await harness.page.setViewportSize({ width, height });
  await harness.signIn('admin');
  await harness.page
    .getByRole('button', { name: /Sources/ })
    .first()
    .click();
  await expect(harness.page.getByTestId('sources-view')).toHaveAttribute('data-phase', 'running');
  return harness;
}

/** True when the element shows all of its text (nothing cut by an ellipsis). */
const fits = (l: Locator) => l.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
const inViewport = async (page: Page, l: Locator) => {
  const box = await l.boundingBox();
  const size = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.y + 24 <= size.height && box.x + 24 <= size.width;
};

test.describe('layout: 1280×820 and 1024 wide', () => {
  test('1280×820: type names whole; the detail shows health and events without scrolling; raw parserConfig behind a disclosure; names and local dates with UTC on hover', async ({
    openHarness,
  }) => {
    const harness = await openSignedIn(openHarness, 1280, 820);
    const { page } = harness;
    const types = page.locator('.src-row .c-type');
    await expect(types.first()).toBeVisible();
    for (const cell of await types.all()) expect(await fits(cell)).toBe(true);
    for (const name of await page.locator('.src-row .c-name .link').all()) expect(await fits(name)).toBe(true);

    await page.getByTestId('source-row-src_cc_revoked').getByRole('button').first().click();
    await expect(page.getByTestId('diagnosis')).toHaveAttribute('data-state', 'ready');
    expect(await inViewport(page, page.getByTestId('detail-health'))).toBe(true);
    expect(await inViewport(page, page.getByTestId('events'))).toBe(true);
    // Status once: in the header, nowhere else as a field.
    await expect(page.getByTestId('detail-status')).toHaveCount(1);
    await expect(page.getByTestId('detail-org')).toHaveText(`${SEED.orgs.enterprise.name} / Security`);
    await expect(page.getByTestId('detail-created')).toHaveAttribute('title', /UTC$/);
    await expect(page.getByTestId('detail-meta')).toContainText('by you');
    await expect(page.getByTestId('parser-config')).toBeHidden();
    await page.getByText('Raw parserConfig').click();
    await expect(page.getByTestId('parser-config')).toBeVisible();
    await expect(page.getByTestId('parser-config')).toContainText('"adapter": "claude_compliance"');
  });

  test('1024 wide: the table fits without sideways scrolling, names keep room, and the detail starts with health', async ({
    openHarness,
  }) => {
    const harness = await openSignedIn(openHarness, 1024, 768);
    const { page } = harness;
    const table = page.locator('.src-table');
    expect(await table.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    expect(await page.getByTestId('sources-viewport').evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(
      true,
    );
    const nameWidth = await page
      .locator('.src-row .c-name')
      .first()
      .evaluate((el) => el.getBoundingClientRect().width);
    expect(nameWidth).toBeGreaterThanOrEqual(150);
    for (const cell of await page.locator('.src-row .c-type').all()) expect(await fits(cell)).toBe(true);
    await expect(page.getByTestId('source-row-src_cc_prod').getByTestId('health')).toBeVisible();
    await expect(page.getByTestId('source-row-src_cc_prod').getByTestId('row-menu')).toBeVisible();

    // Names sharing a prefix stay distinguishable: the tail is kept, the full name on hover.
    const research = page.getByTestId('source-row-src_cc_revoked').locator('.c-name .link');
    await expect(research.locator('.mid-tail')).toHaveText(' — Research');
    await expect(research).toHaveAttribute('title', 'Claude Compliance — Research');
    expect(await fits(research.locator('.mid-tail'))).toBe(true);
    // Every cell stays inside its column: nothing overlaps its neighbour.
    const row = page.getByTestId('source-row-src_cc_revoked');
    const typeBox = (await row.locator('.c-type').boundingBox())!;
    const healthBox = (await row.locator('.c-health').boundingBox())!;
    expect(typeBox.x + typeBox.width).toBeLessThanOrEqual(healthBox.x + 0.5);

    await page.getByTestId('source-row-src_cc_prod').getByRole('button').first().click();
    await expect(page.getByTestId('events')).toHaveAttribute('data-state', 'ok');
    expect(await inViewport(page, page.getByTestId('detail-health'))).toBe(true);
  });

  test('1024×768: the device code and "Open approval page" come into view when they appear', async ({
    openHarness,
  }) => {
    const harness = await openHarness();
    const { page } = harness;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByTestId('device-start').click();
    await expect(page.getByTestId('device-user-code')).toBeVisible();
    await expect.poll(() => inViewport(page, page.getByTestId('device-user-code'))).toBe(true);
  });
});
