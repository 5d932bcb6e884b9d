import { expect, type Page } from '@playwright/test';
import type { ConsoleHarness } from './console-harness';
import { expectNoLeaks } from './leak-check';

/** Opens the composer, fills it and submits; resolves with the staged id shown. */
export async function composeSource(
  page: Page,
  fields: { name: string; key: string; description?: string; cadence?: number },
): Promise<string> {
  await page.locator('#nav-compose').click();
  await page.getByTestId('name-input').fill(fields.name);
  if (fields.description) await page.getByTestId('description-input').fill(fields.description);
  await page.getByTestId('key-input').fill(fields.key);
  if (fields.cadence) {
    // The custom interval is typed in minutes (or hours); `cadence` is in seconds.
    await page.getByTestId('cadence-custom-toggle').check();
    await page.getByTestId('cadence-custom').fill(String(fields.cadence / 60));
  }
  await page.getByTestId('compose-submit').click();
  const outcome = page.getByTestId('compose-outcome');
  await expect(outcome).toHaveAttribute('data-state', 'staged');
  // The key left the field with the submit.
  await expect(page.getByTestId('key-input')).toHaveValue('');
  return (await outcome.getAttribute('data-staged-id'))!;
}

/** The outbox row of one staged entry (opens the Outbox view). */
export async function outboxEntry(page: Page, stagedId: string) {
  await page.locator('#nav-outbox').click();
  return page.locator(`[data-testid="outbox-entry"][data-staged-id="${stagedId}"]`);
}

/**
 * After every journey: the raw keys are nowhere (user data, logs, renderer traffic,
 * test-results), and every `staged:` keychain entry is accounted for by an entry holding a key.
 */
export async function expectKeysGoneAndAccounted(harness: ConsoleHarness, keys: string[]): Promise<void> {
  await harness.services.outbox.idle(); // wipes run just after an entry shows `submitted`
  await expectNoLeaks(harness, keys);
  const held = new Set(
    harness.services.outbox
      .list()
      .filter((e) => e.keyHeld)
      .map((e) => `staged:${e.id}`),
  );
  const staged = (await harness.services.secrets.listAccounts()).filter((a) => a.startsWith('staged:'));
  expect(
    staged.filter((a) => !held.has(a)),
    'keychain entries the outbox does not account for',
  ).toEqual([]);
}
