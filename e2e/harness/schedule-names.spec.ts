import { SEED } from '../../emulator/seed';
import { expect, test } from './fixtures';
import { expectKeysGoneAndAccounted, outboxEntry } from './outbox-helpers';

const KEY = SEED.anthropicKeys.compliance;
const ORG = SEED.orgs.enterprise.id;

test.describe('custom schedules (cron) and names LangWatch keeps taken', () => {
  test('a custom cron: refused like LangWatch refuses, next five runs in UTC and the cost, sent exactly as written', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await openHarness();
    await harness.signIn('admin');
    const { page } = harness;
    await page.locator('#nav-compose').click();
    await page.getByTestId('name-input').fill('Weekday mornings');
    await page.getByTestId('key-input').fill(KEY);
    await page.getByTestId('schedule-cron-toggle').check();
    const cron = page.getByTestId('cron-input');
    await cron.fill('0 0 31 2 *');
    await expect(page.getByTestId('cron-error')).toContainText('never runs');
    await page.getByTestId('compose-submit').click();
    expect(harness.services.outbox.list()).toHaveLength(0);
    await cron.fill('0 0 * * *  *');
    await expect(page.getByTestId('cron-error')).toContainText('exactly five fields');

    await cron.fill('0 9 * * 1-5');
    await expect(page.getByTestId('cron-next-runs').locator('li')).toHaveCount(5);
    await expect(page.getByTestId('cron-next-runs').locator('li').first()).toContainText(/^\d{4}-\d\d-\d\d 09:00 UTC$/);
    await expect(page.getByTestId('cron-cost')).toContainText('Anthropic request');
    await page.getByTestId('compose-submit').click();
    const stagedId = (await page.getByTestId('compose-outcome').getAttribute('data-staged-id'))!;
    await expect(await outboxEntry(page, stagedId)).toHaveAttribute('data-state', 'submitted');
    await expect(page.getByTestId('entry-schedule').first()).toContainText('0 9 * * 1-5');
    expect(emulator.control.sources(ORG).find((s) => s.name === 'Weekday mornings')?.pullSchedule).toBe('0 9 * * 1-5');
    await expectKeysGoneAndAccounted(harness, [KEY]);
  });

  test('replacing a key keeps a schedule set elsewhere exactly as written (no pullSchedule sent)', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await openHarness();
    await harness.signIn('admin');
    const { page } = harness;
    // A schedule written by another client, one this console would never write itself
    // (numeric day names: the emulator's own cron reader predates croner).
    const api = harness.services.auth.requireActive().api!;
    await api.updateSource({ organizationId: ORG, id: 'src_cc_revoked', pullSchedule: '7,37 9-17 * * 1-5' });
    await page
      .getByTestId('source-row-src_cc_revoked')
      .getByRole('button', { name: /Research/ })
      .click();
    await expect(page.getByTestId('source-detail')).toHaveAttribute('data-state', 'ready');
    await page.getByTestId('replace-key-input').fill(KEY);
    await page.getByTestId('replace-key').click();
    await expect(page.getByTestId('action-result')).toContainText('Replace key: staged');
    await expect.poll(() => harness.services.outbox.list().map((e) => e.state)).toEqual(['submitted']);
    const after = emulator.control.sources(ORG).find((s) => s.id === 'src_cc_revoked')!;
    expect(after.pullSchedule).toBe('7,37 9-17 * * 1-5');
    expect(emulator.control.credentialMatches('src_cc_revoked', KEY)).toBe(true);
    await expectKeysGoneAndAccounted(harness, [KEY]);
  });

  test('names of archived sources are refused before staging: archived here, or archived elsewhere and gone from the list', async ({
    openHarness,
  }) => {
    const harness = await openHarness();
    await harness.signIn('admin');
    const { page } = harness;
    // Archived through the console.
    await harness.services.sources.archive('src_cc_oldadmin', 'Claude Compliance — Legacy admin key');
    // Archived by someone else: the source just leaves the list LangWatch returns.
    const api = harness.services.auth.requireActive().api!;
    await api.archiveSource(ORG, 'src_cowork');
    await expect
      .poll(
        async () =>
          (await harness.services.sourcesMonitor.refreshNow()) && harness.services.sourcesMonitor.row('src_cowork'),
      )
      .toBeUndefined();

    await page.locator('#nav-compose').click();
    await expect(page.locator('.composer')).toHaveAttribute('data-state', 'ready');
    const nameError = page.getByTestId('f-name-error');
    await page.getByTestId('name-input').fill('Claude Compliance — Legacy admin key');
    await expect(nameError).toContainText('An archived source is named');
    await page.getByTestId('name-input').fill('Claude Cowork');
    await expect(nameError).toContainText('LangWatch keeps archived names taken');
    await page.getByTestId('key-input').fill(KEY);
    await page.getByTestId('compose-submit').click();
    expect(harness.services.outbox.list()).toHaveLength(0);
    await page.getByTestId('name-input').fill('Claude Cowork (new)');
    await expect(nameError).toHaveCount(0);

    // Remembered across a restart (main keeps them on disk, no secret in them).
    await harness.restart();
    await harness.page.locator('#nav-compose').click();
    await harness.page.getByTestId('name-input').fill('Claude Cowork');
    await expect(harness.page.getByTestId('f-name-error')).toContainText('An archived source is named');
    await expectKeysGoneAndAccounted(harness, [KEY]);
  });
});
