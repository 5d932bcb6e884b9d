import type { Page } from '@playwright/test';
import { SEED } from '../../emulator/seed';
import { expect, test } from './fixtures';
import { expectKeysGoneAndAccounted, outboxEntry } from './outbox-helpers';

const KEY = SEED.anthropicKeys.compliance;
const FAILING = SEED.anthropicKeys.adminNoFeed; // a real key without the activity feed scope

async function openComposer(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 820 });
  await page.locator('#nav-compose').click();
  await expect(page.locator('.composer')).toHaveAttribute('data-state', 'ready');
}

/** True when the element is wholly inside the window. */
async function inViewport(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).boundingBox();
  const size = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width;
}

test.describe('composer: one screen, one key, one verdict', () => {
  test('fits 1280×820 without scrolling; the preview opens in a drawer and the button stays in sight', async ({
    openHarness,
  }) => {
    const harness = await openHarness();
    await harness.signIn('admin');
    const { page } = harness;
    await openComposer(page);
    const main = page.locator('main');
    expect(await main.evaluate((m) => m.scrollHeight <= m.clientHeight)).toBe(true);
    expect(await inViewport(page, 'compose-submit')).toBe(true);
    await expect(page.getByTestId('compose-submit')).toHaveText('Stage and submit');
    await expect(page.getByLabel('Compliance key')).toBeVisible();

    await page.getByTestId('key-input').fill(KEY);
    await page.getByTestId('test-key').click();
    await expect(page.getByTestId('key-check-result').getByTestId('key-verdict')).toHaveAttribute(
      'data-verdict',
      'valid',
    );
    await page.getByTestId('preview-events').click();
    const drawer = page.getByTestId('preview-drawer');
    await expect(drawer.getByTestId('key-preview')).toBeVisible();
    expect(await inViewport(page, 'compose-submit')).toBe(true);
    // Escape closes the drawer and focus goes back to the button that opened it.
    await page.keyboard.press('Escape');
    await expect(drawer).toHaveCount(0);
    await expect(page.getByTestId('preview-events')).toBeFocused();
    expect(harness.rendererTrafficText()).not.toContain(KEY);
  });

  test('editing the key clears its verdict; Reset clears verdict, preview and fields', async ({ openHarness }) => {
    const harness = await openHarness();
    await harness.signIn('admin');
    const { page } = harness;
    await openComposer(page);
    const verdict = page.getByTestId('key-check-result').getByTestId('key-verdict');
    await page.getByTestId('key-input').fill(FAILING);
    await page.getByTestId('test-key').click();
    await expect(verdict).toHaveAttribute('data-verdict', 'missing_scope');
    await page.getByTestId('key-input').press('End');
    await page.getByTestId('key-input').press('Backspace');
    await expect(verdict).toHaveCount(0);

    await page.getByTestId('key-input').fill(KEY);
    await page.getByTestId('name-input').fill('Reset me');
    await page.getByTestId('test-key').click();
    await expect(verdict).toHaveAttribute('data-verdict', 'valid');
    await page.getByTestId('preview-events').click();
    await expect(page.getByTestId('key-preview')).toBeVisible();
    await page.getByTestId('compose-reset').click();
    await expect(verdict).toHaveCount(0);
    await expect(page.getByTestId('preview-drawer')).toHaveCount(0);
    await expect(page.getByTestId('key-input')).toHaveValue('');
    await expect(page.getByTestId('name-input')).toHaveValue('');
    await expectKeysGoneAndAccounted(harness, [KEY, FAILING]);
  });

  test('staging a key that just failed its check asks first; going back stages nothing', async ({ openHarness }) => {
    const harness = await openHarness();
    await harness.signIn('admin');
    const { page } = harness;
    await openComposer(page);
    await page.getByTestId('name-input').fill('Unverified key source');
    await page.getByTestId('key-input').fill(FAILING);
    await page.getByTestId('test-key').click();
    await expect(page.getByTestId('key-check-result').getByTestId('key-verdict')).toHaveAttribute(
      'data-verdict',
      'missing_scope',
    );

    await page.getByTestId('compose-submit').click();
    const dialog = page.getByTestId('confirm-unverified-key');
    await expect(dialog).toContainText('Key lacks the activity feed scope');
    await expect(page.getByTestId('confirm-key-cancel')).toBeFocused();
    await page.getByTestId('confirm-key-cancel').click();
    await expect(dialog).toHaveCount(0);
    // A real modal: Escape cancels it too.
    await page.getByTestId('compose-submit').click();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    expect(harness.services.outbox.list()).toHaveLength(0);
    await expect(page.getByTestId('key-input')).toHaveValue(FAILING);

    // Staging before the key works stays allowed, after saying so (the outbox's own key check
    // then holds the entry for the admin instead of creating a source that cannot pull).
    await page.getByTestId('compose-submit').click();
    await page.getByTestId('confirm-key-stage').click();
    await expect(page.getByTestId('compose-outcome')).toHaveAttribute('data-state', 'staged');
    expect(harness.services.outbox.list().map((e) => e.name)).toEqual(['Unverified key source']);
    await expectKeysGoneAndAccounted(harness, [FAILING]);
  });

  test('a key that passed its check stages without a question', async ({ openHarness }) => {
    const harness = await openHarness();
    await harness.signIn('admin');
    const { page } = harness;
    await openComposer(page);
    await page.getByTestId('name-input').fill('Verified key source');
    await page.getByTestId('key-input').fill(KEY);
    await page.getByTestId('test-key').click();
    await expect(page.getByTestId('key-check-result').getByTestId('key-verdict')).toHaveAttribute(
      'data-verdict',
      'valid',
    );
    await page.getByTestId('compose-submit').click();
    await expect(page.getByTestId('compose-outcome')).toHaveAttribute('data-state', 'staged');
    await expect(page.getByTestId('confirm-unverified-key')).toHaveCount(0);
    await expectKeysGoneAndAccounted(harness, [KEY]);
  });

  test('custom interval in hours; the schedule line reads as a sentence', async ({ openHarness, emulator }) => {
    const harness = await openHarness();
    await harness.signIn('admin');
    const { page } = harness;
    await openComposer(page);
    await page.getByTestId('name-input').fill('Every six hours');
    await page.getByTestId('key-input').fill(KEY);
    await page.getByTestId('cadence-custom-toggle').check();
    await page.getByTestId('cadence-unit').selectOption('hours');
    await page.getByTestId('cadence-custom').fill('5');
    await expect(page.getByTestId('cadence-error')).toContainText('cannot be scheduled exactly');
    await page.getByTestId('cadence-nearest-21600').click();
    await expect(page.getByTestId('cadence-custom')).toHaveValue('6');
    await expect(page.getByTestId('cadence-cron')).toContainText(
      'LangWatch will pull this source every 6 hours (cron 0 */6 * * *, UTC).',
    );
    await page.getByTestId('compose-submit').click();
    const stagedId = (await page.getByTestId('compose-outcome').getAttribute('data-staged-id'))!;
    await expect(await outboxEntry(page, stagedId)).toHaveAttribute('data-state', 'submitted');
    expect(
      emulator.control.sources(SEED.orgs.enterprise.id).find((s) => s.name === 'Every six hours')?.pullSchedule,
    ).toBe('0 */6 * * *');
    await expectKeysGoneAndAccounted(harness, [KEY]);
  });
});
