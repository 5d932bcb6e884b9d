/**
 * Walks every screen of the console once, in a fixed order, and calls `visit` on each with the
 * screen ready (waited on facts, never on sleeps). The accessibility check and the screenshots
 * share it, so both cover the same screens. No key is ever visible: key fields are empty or
 * masked (password fields) when a screen is visited.
 */
import { expect, type Page } from '@playwright/test';
import type { RunningEmulator } from '../../emulator/index';
import { SEED } from '../../emulator/seed';
import type { ConsoleHarness } from './console-harness';

/** The screens, in walking order. `main` ones go into the README. */
export const SCREENS = [
  { name: 'signed-out', main: false },
  { name: 'forget-deployment-dialog', main: false },
  { name: 'sources-list', main: true },
  { name: 'sources-list-selected-row', main: false },
  { name: 'source-detail-diagnosis', main: true },
  { name: 'source-detail-push-quiet', main: false },
  { name: 'composer', main: true },
  { name: 'composer-custom-schedule', main: false },
  { name: 'composer-preview-drawer', main: false },
  { name: 'composer-confirm-failed-key', main: false },
  { name: 'composer-source-type', main: false },
  { name: 'outbox', main: true },
  { name: 'settings', main: false },
  { name: 'deployments', main: false },
  { name: 'everywhere', main: false },
] as const;
export type ScreenName = (typeof SCREENS)[number]['name'];

/** Visits every screen of {@link SCREENS}; `visit` may switch themes and must leave the page as it found it. */
export async function walkScreens(
  h: ConsoleHarness,
  emulator: RunningEmulator,
  visit: (name: ScreenName, page: Page) => Promise<void>,
): Promise<void> {
  const { page } = h;
  await page.setViewportSize({ width: 1280, height: 820 });

  await expect(page.getByTestId('sign-in-methods')).toBeVisible();
  await visit('signed-out', page);
  await page.getByTestId('profile-forget').click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await visit('forget-deployment-dialog', page);
  await page.getByRole('button', { name: 'Keep it' }).click();

  await h.signIn('admin');
  await expect(page.getByTestId('sources-view')).toHaveAttribute('data-phase', 'running');
  await expect(page.getByTestId('source-row-src_cc_prod')).toBeVisible();
  await visit('sources-list', page);
  // The keyboard's view of the list: the grid focused, a row active (aria-activedescendant).
  await page.getByTestId('sources-grid').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.src-row[aria-selected="true"]')).toHaveCount(1);
  await visit('sources-list-selected-row', page);

  await page
    .getByTestId('source-row-src_cc_revoked')
    .getByRole('button', { name: /Research/ })
    .click();
  await expect(page.getByTestId('source-detail')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('diagnosis')).toHaveAttribute('data-state', 'ready');
  await visit('source-detail-diagnosis', page);
  // A push source nothing was sent to: the causes of its type and where to send.
  await page.getByTestId('detail-back').click();
  await page
    .getByTestId('source-row-src_cowork')
    .getByRole('button', { name: /Cowork/ })
    .click();
  await expect(page.getByTestId('type-diagnosis')).toHaveAttribute('data-type', 'claude_cowork');
  await visit('source-detail-push-quiet', page);

  await page.getByTestId('nav-compose').click();
  await expect(page.locator('.composer')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('name-input').fill('Claude Compliance — EU workspace');
  await page.getByTestId('team-select').selectOption({ label: 'Security' });
  await visit('composer', page);
  await page.getByTestId('schedule-cron-toggle').check();
  await page.getByTestId('cron-input').fill('0 9 * * MON-FRI');
  await expect(page.getByTestId('cron-next-runs').locator('li')).toHaveCount(5);
  await visit('composer-custom-schedule', page);

  // The key field is a password field: the screenshot shows dots, never the key.
  await page.getByTestId('key-input').fill(SEED.anthropicKeys.compliance);
  await page.getByTestId('preview-events').click();
  await expect(page.getByTestId('preview-drawer').getByTestId('key-preview')).toBeVisible();
  await visit('composer-preview-drawer', page);
  await page.getByTestId('preview-close').click();
  await page.getByTestId('key-input').fill(SEED.anthropicKeys.adminNoFeed);
  await page.getByTestId('test-key').click();
  await expect(page.getByTestId('key-check-result').getByTestId('key-verdict')).toHaveAttribute(
    'data-verdict',
    'missing_scope',
  );
  await page.getByTestId('compose-submit').click();
  await expect(page.getByTestId('confirm-unverified-key')).toBeVisible();
  await visit('composer-confirm-failed-key', page);
  await page.getByTestId('confirm-key-cancel').click();
  await page.getByTestId('compose-reset').click();
  await expect(page.getByTestId('key-input')).toHaveValue('');
  // Another type: its fields from the catalog, a secret masked, the advanced group open, errors inline.
  await page.getByTestId('type-select').selectOption('databricks_genie');
  await expect(page.getByTestId('type-fields')).toHaveAttribute('data-type', 'databricks_genie');
  await page.getByTestId('sf-clientSecret').fill('dose-screens-walk-masked');
  await page.getByTestId('advanced-fields').locator('summary').click();
  await page.getByTestId('compose-submit').click();
  await expect(page.getByTestId('sf-workspaceUrl-error')).toBeVisible();
  await visit('composer-source-type', page);
  await page.getByTestId('compose-reset').click();

  // Outbox: one entry submitted, one waiting for the network (LangWatch offline).
  const org = SEED.orgs.enterprise.id;
  const first = await h.services.outbox.stage({
    kind: 'create',
    organizationId: org,
    name: 'Claude Compliance — Staging',
    key: SEED.anthropicKeys.compliance,
    pollEverySec: 900,
  });
  await expect.poll(() => h.services.outbox.list().find((e) => e.id === first.stagedId)?.state).toBe('submitted');
  await emulator.control.setOffline(true, { which: 'langwatch' });
  const second = await h.services.outbox.stage({
    kind: 'create',
    organizationId: org,
    name: 'Claude Compliance — Offline laptop',
    key: SEED.anthropicKeys.admin,
    pullSchedule: '0 */6 * * *',
  });
  await expect.poll(() => h.services.outbox.list().find((e) => e.id === second.stagedId)?.state).toBe('retrying');
  await page.getByTestId('nav-outbox').click();
  await expect(page.getByTestId('outbox-entry')).toHaveCount(2);
  await visit('outbox', page);
  // Discard while still offline: once LangWatch is back the entry may be mid-submission, and a
  // submitting entry rightly refuses a discard. A retry can still be in flight for a moment while
  // offline (it fails fast on the closed port), so the discard is retried until it lands.
  await expect
    .poll(() =>
      h.services.outbox.discard(second.stagedId).then(
        () => 'discarded',
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      ),
    )
    .toBe('discarded');
  await emulator.control.setOffline(false, { which: 'langwatch' });

  await page.getByTestId('nav-settings').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await visit('settings', page);

  await page.getByTestId('nav-deployments').click();
  await expect(page.getByTestId('signed-in-card')).toBeVisible();
  await visit('deployments', page);

  await page.getByTestId('nav-everywhere').click();
  await expect(page.getByTestId('everywhere-place').first()).toBeVisible();
  await visit('everywhere', page);
}
