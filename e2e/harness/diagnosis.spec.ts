import { SEED } from '../../emulator/seed';
import type { ConsoleHarness } from './console-harness';
import { expect, test } from './fixtures';

const TICK_MS = 1_000;
const ACME = SEED.orgs.enterprise.id;

async function openSignedIn(
  openHarness: (o?: object) => Promise<ConsoleHarness>,
  who: keyof typeof SEED.users = 'admin',
) {
  const harness = await openHarness({ monitorIntervals: { focusedMs: TICK_MS, backgroundMs: TICK_MS } });
  await harness.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await harness.signIn(who);
  await harness.page
    .getByRole('button', { name: /Sources/ })
    .first()
    .click();
  await expect(harness.page.getByTestId('sources-view')).toHaveAttribute('data-phase', 'running');
  return harness;
}

async function openDetail(harness: ConsoleHarness, id: string) {
  await harness.page.getByTestId(`source-row-${id}`).getByRole('button').first().click();
  await expect(harness.page.getByTestId('diagnosis')).toHaveAttribute('data-state', 'ready');
}

test.describe('diagnosis: a cause per evidence, the fix one click away, a report for support', () => {
  test('key, schedule and feed fine but nothing arrives: the puller is failing server-side; the report says so without a secret', async ({
    openHarness,
  }) => {
    const harness = await openSignedIn(openHarness);
    const { page } = harness;
    // Re-key an old stuck source from this console with a working key and an hourly schedule.
    const staged = await page.evaluate((input) => window.lw!.outbox.stage(input), {
      kind: 'update' as const,
      organizationId: ACME,
      sourceId: 'src_cc_revoked',
      name: 'Claude Compliance — Research',
      pollEverySec: 3600,
      key: SEED.anthropicKeys.compliance,
    });
    expect(staged.ok).toBe(true);
    await expect
      .poll(() => harness.services.outbox.list().find((e) => e.sourceId === 'src_cc_revoked')?.state, {
        timeout: 15_000,
      })
      .toBe('submitted');
    await openDetail(harness, 'src_cc_revoked');
    const facts = page.getByTestId('diagnosis-facts');
    await expect(facts).toContainText('hourly (set by this console');
    await expect(facts).toContainText(/Age\s*\d+ d/);

    // Key, schedule and age known; whether the feed has activity is not: "Test key again" previews it.
    await page.getByTestId('diagnosis-test-key').click();
    await page.getByTestId('key-recheck-input').fill(SEED.anthropicKeys.compliance);
    await page.getByTestId('key-recheck-run').click();
    await expect(page.getByTestId('key-recheck-input')).toHaveValue('');
    await expect(page.getByTestId('cause-puller_failing')).toHaveAttribute('data-strength', 'likely');
    await expect(facts).toContainText(/\d+\+? activities at/);
    await expect(facts).toContainText(/valid at .*request-id/);
    await expect(page.getByTestId('cause-puller_failing')).toHaveAttribute('data-action', 'ask_operator');
    await expect(page.getByTestId('cause-puller_failing')).toContainText('LangWatch exposes no puller errors');

    await page.getByTestId('copy-report').click();
    await expect(page.getByTestId('copy-report')).toHaveText('Report copied');
    const report = await page.evaluate(() => navigator.clipboard.readText());
    expect(report).toContain('## Ingestion source diagnosis: Claude Compliance — Research');
    expect(report).toContain('`src\\_cc\\_revoked`');
    expect(report).toContain("LangWatch's puller is failing server-side");
    expect(report).toContain('/v1/organizations/audit_log');
    for (const key of Object.values(SEED.anthropicKeys)) expect(report).not.toContain(key);
    expect(harness.rendererTrafficText()).not.toContain(SEED.anthropicKeys.compliance);
  });

  test('"Test key again" with a revoked key: the cause is "key rejected" with its request-id, never "no key stored"', async ({
    openHarness,
  }) => {
    const harness = await openSignedIn(openHarness);
    const { page } = harness;
    await openDetail(harness, 'src_cc_composer');
    await expect(page.getByTestId('cause-key_unchecked')).toHaveAttribute('data-strength', 'possible');
    await page.getByTestId('cause-action-test_key').click();
    await page.getByTestId('key-recheck-input').fill(SEED.anthropicKeys.revoked);
    await page.getByTestId('key-recheck-run').click();
    await expect(page.getByTestId('key-recheck-input')).toHaveValue('');
    const rejected = page.getByTestId('cause-key_rejected');
    await expect(rejected).toHaveAttribute('data-strength', 'confirmed');
    await expect(rejected).toContainText('request-id');
    await expect(rejected).toHaveAttribute('data-action', 'replace_key');
    await expect(page.getByTestId('cause-key_unchecked')).toHaveCount(0);
    // The first cause is the strongest.
    await expect(page.locator('[data-testid^="cause-"][data-strength]').first()).toHaveAttribute(
      'data-testid',
      'cause-key_rejected',
    );
    // Its action takes the admin to the control that fixes it.
    await page.getByTestId('cause-action-replace_key').click();
    await expect(page.getByTestId('replace-key-input')).toBeFocused();
    // The confirmed verdict reaches the list: the row is a key problem, counted in the strip.
    await page.getByTestId('detail-back').click();
    const health = page.getByTestId('source-row-src_cc_composer').getByTestId('health');
    await expect(health).toHaveAttribute('data-health', 'key_problem');
    await expect(page.locator('.src-row').first()).toHaveAttribute('data-testid', 'source-row-src_cc_composer');
    await expect(page.getByTestId('summary-key_problem')).toContainText('1 key problem');
    await expect(page.getByTestId('summary-attention')).toHaveAttribute('data-verdict', 'attention');
    expect(harness.rendererTrafficText()).not.toContain(SEED.anthropicKeys.revoked);
  });

  test('an archived source is "archived", not "no activity yet"; it stays findable under Archived', async ({
    openHarness,
  }) => {
    const harness = await openSignedIn(openHarness);
    const { page } = harness;
    const api = harness.services.auth.requireActive().api!;
    const { source: created } = await api.createSource({
      organizationId: ACME,
      sourceType: 'claude_compliance',
      name: 'E2E to archive',
      parserConfig: { adapter: 'claude_compliance' },
    });
    await expect(page.getByTestId(`source-row-${created.id}`)).toBeVisible();
    await openDetail(harness, created.id);
    await page.getByTestId('archive-open').click();
    await page.getByTestId('archive-confirm').fill('E2E to archive');
    await page.getByTestId('archive-source').click();
    await expect(page.getByTestId('cause-archived')).toHaveAttribute('data-strength', 'confirmed');
    await expect(page.locator('[data-testid^="cause-"][data-strength]')).toHaveCount(1);
    await page.getByTestId('detail-back').click();
    await page.getByTestId('filter-status').selectOption('archived');
    await expect(page.getByTestId(`source-row-${created.id}`).getByTestId('health')).toHaveAttribute(
      'data-health',
      'archived',
    );
  });

  test('a read-only session sees the fixes as text, not as buttons that would change the source', async ({
    openHarness,
  }) => {
    const harness = await openSignedIn(openHarness, 'support');
    const { page } = harness;
    await openDetail(harness, 'src_cc_composer');
    await expect(page.getByTestId('cause-key_never_sent_here')).toContainText('An admin can fix this');
    await expect(page.getByTestId('cause-action-replace_key')).toHaveCount(0);
    await expect(page.getByTestId('copy-report')).toBeEnabled();
  });
});
