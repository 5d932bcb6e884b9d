import { SEED } from '../../emulator/seed';
import { expect, test } from './fixtures';
import { outboxEntry } from './outbox-helpers';

const SMALL = SEED.orgs.free.id;
const KEY = SEED.anthropicKeys.compliance;

test.describe('outbox view: each state its own look, expected queuing calm, a rejection once, the source one click away', () => {
  test('offline queuing is a calm note, not a red error; once submitted the source id opens the source', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await openHarness();
    await harness.signIn('admin');
    const { page } = harness;
    await emulator.control.setOffline(true, { which: 'langwatch' });
    const staged = await page.evaluate((input) => window.lw!.outbox.stage(input), {
      kind: 'update' as const,
      organizationId: SEED.orgs.enterprise.id,
      sourceId: 'src_cc_prod',
      name: 'Claude Compliance — Production',
      pollEverySec: 1800,
    });
    expect(staged.ok).toBe(true);
    const stagedId = staged.ok ? staged.value.stagedId : '';
    const row = await outboxEntry(page, stagedId);
    await expect(row).toHaveAttribute('data-state', 'retrying');
    await expect(row.getByTestId('entry-state')).toHaveAttribute('data-tone', 'warn');
    await expect(row.getByTestId('entry-state')).toContainText('Waiting to retry');
    const error = row.getByTestId('entry-error');
    await expect(error).toHaveAttribute('data-kind', 'expected');
    await expect(error).toContainText('expected offline');
    await expect(row.locator('[role="alert"]')).toHaveCount(0);

    await emulator.control.setOffline(false, { which: 'langwatch' });
    await row
      .getByTestId('entry-retry')
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    await expect(row).toHaveAttribute('data-state', 'submitted', { timeout: 15_000 });
    await expect(row.getByTestId('entry-state')).toHaveAttribute('data-tone', 'ok');
    await row.getByTestId('entry-source-link').click();
    await expect(page.getByTestId('source-detail')).toHaveAttribute('data-source-id', 'src_cc_prod');
  });

  test('a rejection is stated once, as the one alert, with what to do', async ({ openHarness }) => {
    const harness = await openHarness();
    await harness.signIn('admin');
    const { page } = harness;
    await harness.services.auth.selectOrganization(SMALL);
    // The small organisation allows 3 sources and has 2: the third goes through, the fourth is refused.
    const stage = (name: string) =>
      page.evaluate(
        ([org, key, n]) =>
          window.lw!.outbox.stage({ kind: 'create', organizationId: org, name: n, key, pollEverySec: 300 }),
        [SMALL, KEY, name] as const,
      );
    const third = await stage('E2E small third');
    expect(third.ok).toBe(true);
    await expect(await outboxEntry(page, third.ok ? third.value.stagedId : '')).toHaveAttribute(
      'data-state',
      'submitted',
      { timeout: 15_000 },
    );
    const fourth = await stage('E2E over the cap');
    expect(fourth.ok).toBe(true);
    const row = await outboxEntry(page, fourth.ok ? fourth.value.stagedId : '');
    await expect(row).toHaveAttribute('data-state', 'rejected', { timeout: 15_000 });
    await expect(row.getByTestId('entry-state')).toHaveAttribute('data-tone', 'bad');
    const alerts = row.locator('[role="alert"]');
    await expect(alerts).toHaveCount(1);
    const message = (await alerts.first().textContent())!.trim();
    const entryText = (await row.textContent())!;
    expect(entryText.split(message).length - 1).toBe(1);
    expect(harness.rendererTrafficText()).not.toContain(KEY);
  });
});
