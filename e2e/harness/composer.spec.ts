import { SEED } from '../../emulator/seed';
import { expect, test } from './fixtures';
import { expectKeysGoneAndAccounted, outboxEntry } from './outbox-helpers';

const KEY = SEED.anthropicKeys.compliance;

test.describe('composer', () => {
  test('signed out: "sign in first"; view-only member: a clear view-only state', async ({ openHarness }) => {
    const harness = await openHarness();
    const { page } = harness;
    await page.locator('#nav-compose').click();
    await expect(page.locator('.composer')).toHaveAttribute('data-state', 'signed-out');
    await expect(page.getByText('Sign in first')).toBeVisible();
    await harness.signIn('member');
    await expect(page.locator('.composer')).toHaveAttribute('data-state', 'view-only');
    await expect(page.getByText("You can't create sources here: view-only")).toBeVisible();
  });

  test('"Test key" in the composer reads the typed key at click time and keeps it in the field', async ({
    openHarness,
  }) => {
    const harness = await openHarness();
    await harness.signIn('admin');
    const { page } = harness;
    await page.locator('#nav-compose').click();
    await expect(page.locator('.composer')).toHaveAttribute('data-state', 'ready');
    await page.getByTestId('key-input').fill(SEED.anthropicKeys.adminNoFeed);
    await page.getByTestId('test-key').click();
    const card = page.getByTestId('key-check-result').getByTestId('key-verdict');
    await expect(card).toHaveAttribute('data-verdict', 'missing_scope');
    await page.getByTestId('key-input').fill(KEY);
    await page.getByTestId('test-key').click();
    await expect(card).toHaveAttribute('data-verdict', 'valid');
    // Testing does not consume the key: it is still in the field, ready to stage.
    await expect(page.getByTestId('key-input')).toHaveValue(KEY);
    expect(harness.rendererTrafficText()).not.toContain(KEY);
    expect(harness.rendererTrafficText()).not.toContain(SEED.anthropicKeys.adminNoFeed);
  });

  test('inline validation with the shared schema; key masked, revealable, cleared on submit; cron and cost shown', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await openHarness();
    await harness.signIn('admin');
    const { page } = harness;
    await page.locator('#nav-compose').click();
    await expect(page.locator('.composer')).toHaveAttribute('data-state', 'ready');

    // Empty submit: every required field says what is missing, nothing is staged.
    await page.getByTestId('compose-submit').click();
    await expect(page.getByTestId('f-name-error')).toHaveText('Give the source a name.');
    await expect(page.getByTestId('key-error')).toHaveText('Paste the compliance key.');
    expect(harness.services.outbox.list()).toHaveLength(0);

    // Live uniqueness against the current source list.
    await page.getByTestId('name-input').fill('Claude Compliance — Production');
    await expect(page.getByTestId('f-name-error')).toContainText('already exists');
    await page.getByTestId('name-input').fill('E2E composer');
    await expect(page.getByTestId('f-name-error')).toHaveCount(0);

    // Key rules: a Claude API key is refused with the why; an unknown prefix only warns.
    const key = page.getByTestId('key-input');
    await expect(key).toHaveAttribute('type', 'password');
    await key.fill('sk-ant-api03-abcdefghijklmnopqrstuvwxyz');
    await expect(page.getByTestId('key-error')).toContainText('Claude API key');
    await key.fill('sk-ant-api01-abc def');
    await expect(page.getByTestId('key-error')).toContainText('space or line break');
    await key.fill('xyz-unknown-prefix-1234567890');
    await expect(page.getByTestId('key-warning')).toContainText('does not look like');
    await page.getByTestId('key-reveal').click();
    await expect(key).toHaveAttribute('type', 'text');
    await page.getByTestId('key-reveal').click();
    await key.fill(`  ${KEY}  `);
    await expect(page.getByTestId('key-error')).toHaveCount(0);
    await expect(page.getByTestId('key-fingerprint')).toHaveText('Key sk-ant-api01-…AAAA');

    // Cadence: default every 5 minutes -> */5, as a sentence; a custom 7 minutes is refused with the
    // nearest values as buttons (the custom interval is in minutes or hours, never seconds).
    await expect(page.getByTestId('cadence-cron')).toContainText(
      'LangWatch will pull this source every 5 minutes (cron */5 * * * *, UTC).',
    );
    await expect(page.getByTestId('cadence-cron')).toContainText('600 requests/minute');
    await page.getByTestId('cadence-custom-toggle').check();
    await page.getByTestId('cadence-custom').fill('7');
    await expect(page.getByTestId('cadence-error')).toContainText('cannot be scheduled exactly');
    await page.getByTestId('cadence-nearest-360').click();
    await expect(page.getByTestId('cadence-cron')).toContainText('*/6 * * * *');

    await page.getByTestId('compose-submit').click();
    const outcome = page.getByTestId('compose-outcome');
    await expect(outcome).toHaveAttribute('data-state', 'staged');
    await expect(key).toHaveValue('');
    const stagedId = (await outcome.getAttribute('data-staged-id'))!;
    const row = await outboxEntry(page, stagedId);
    await expect(row).toHaveAttribute('data-state', 'submitted');
    const created = emulator.control.sources(SEED.orgs.enterprise.id).find((s) => s.name === 'E2E composer');
    expect(created?.pullSchedule).toBe('*/6 * * * *');

    // The IPC answer carried the fingerprint, never the key; the key field is gone after navigation.
    const stageResult = harness.traffic.find((m) => m.kind === 'result' && m.channel === 'outbox.stage');
    expect(JSON.stringify(stageResult)).toContain('sk-ant-api01-…AAAA');
    await page.locator('#nav-compose').click();
    await expect(page.getByTestId('key-input')).toHaveValue('');
    await expectKeysGoneAndAccounted(harness, [
      KEY,
      'xyz-unknown-prefix-1234567890',
      'sk-ant-api03-abcdefghijklmnopqrstuvwxyz',
    ]);
  });

  test('main enforces the schema again: a bad key sent straight over IPC is refused without echoing it', async ({
    openHarness,
  }) => {
    const harness = await openHarness();
    await harness.signIn('admin');
    const bad = 'sk-ant-api03-directlysentoveripc1234567890';
    const result = await harness.page.evaluate(
      ([org, key]) =>
        window.lw!.outbox.stage({ kind: 'create', organizationId: org, name: 'Direct', key, pollEverySec: 300 }),
      [SEED.orgs.enterprise.id, bad] as const,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('invalid_argument');
    expect(harness.services.outbox.list()).toHaveLength(0);
    await expectKeysGoneAndAccounted(harness, [bad]);
  });
});
