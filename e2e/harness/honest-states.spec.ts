// Journeys of issue 18: what the console does not know is never shown as fine, and another
// person's staged entry is theirs.
import AxeBuilder from '@axe-core/playwright';
import { SEED } from '../../emulator/seed';
import type { ConsoleHarness } from './console-harness';
import { expect, test } from './fixtures';
import { composeSource, outboxEntry } from './outbox-helpers';

type EmulatorFixture = { control: { setOffline(on: boolean, o?: { which: 'langwatch' }): unknown } };
const KEY = SEED.anthropicKeys.compliance;
const TICK = { monitorIntervals: { focusedMs: 1_000, backgroundMs: 1_000 } };

/** The admin stages a source while LangWatch is unreachable, then signs out: the entry waits. */
async function adminStagesThenSignsOut(harness: ConsoleHarness, emulator: EmulatorFixture) {
  await harness.signIn('admin');
  await emulator.control.setOffline(true, { which: 'langwatch' });
  const stagedId = await composeSource(harness.page, { name: 'E2E admin staged', key: KEY });
  await expect(await outboxEntry(harness.page, stagedId)).toHaveAttribute('data-state', 'retrying');
  await harness.services.sessions.signOut(harness.services.auth.state().activeProfileId!);
  await emulator.control.setOffline(false);
  await expect.poll(() => harness.services.network.isOnline(), { timeout: 15_000 }).toBe(true);
  return stagedId;
}

test.describe('honest states: no access, and entries that belong to someone', () => {
  test('a member without ingestionSources:view sees one clear screen: no retry loop, no all-clear, nobody else’s entries', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await openHarness(TICK);
    const { page } = harness;
    await adminStagesThenSignsOut(harness, emulator);
    await harness.signIn('member');
    await page.locator('#nav-sources').click();
    const screen = page.getByTestId('sources-no-access');
    await expect(screen).toBeVisible();
    await expect(screen.getByRole('heading', { level: 1 })).toHaveText(
      'You cannot view ingestion sources in Acme Corp',
    );
    await expect(screen).toContainText('ingestionSources:view');
    await expect(screen).toContainText('An admin of Acme Corp');
    await expect(screen.getByTestId('no-access-deployments')).toBeVisible();
    // Nothing that reads as an answer: no strip, no rows, no "tries again by itself".
    await expect(page.getByText('Nothing needs attention')).toHaveCount(0);
    await expect(page.getByTestId('summary-strip')).toHaveCount(0);
    await expect(page.locator('[data-testid^="staged-row-"], [data-testid^="source-row-"]')).toHaveCount(0);
    await expect(page.getByText(/tries again/i)).toHaveCount(0);
    await expect(page.getByTestId('badge-outbox')).toHaveCount(0);
    // WCAG 2.2 AA in both themes on this screen too (it is not on the tour).
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const { violations } = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    }
    // The monitor asks LangWatch nothing while the permission is missing: two ticks, no request.
    emulator.control.clearRequestLog();
    await harness.services.sourcesMonitor.refreshNow();
    const state = await harness.services.sourcesMonitor.refreshNow();
    expect(state).toMatchObject({ phase: 'idle', lastError: { code: 'langwatch.forbidden' } });
    expect(emulator.control.requestLog().filter((r) => r.path.includes('ingestionSources'))).toEqual([]);
  });

  test('signed out, your own entries stay yours: filed under you, waiting for sign-in, across a restart', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await openHarness(TICK);
    const { page } = harness;
    const stagedId = await adminStagesThenSignsOut(harness, emulator);
    const mine = async () => {
      const row = await outboxEntry(page, stagedId);
      await expect(row).toBeVisible();
      await expect(row.getByTestId('entry-waiting-sign-in')).toContainText(SEED.users.admin.email);
      await expect(page.getByTestId('outbox-empty')).toHaveCount(0);
      await expect(page.getByTestId('outbox-other-entry')).toHaveCount(0);
    };
    await mine();
    await harness.restart();
    await mine();
  });

  test('a support session (device code, read-only) sees nobody else’s entries: no row, no badge, no section', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await openHarness(TICK);
    const { page } = harness;
    const stagedId = await adminStagesThenSignsOut(harness, emulator);
    const profileId = harness.services.auth.state().activeProfileId!;
    const started = await harness.services.sessions.startDeviceSignIn(profileId);
    emulator.control.approveDevice(started.userCode, 'support', SEED.orgs.enterprise.id);
    await started.completion;
    await expect.poll(() => harness.services.auth.state().readOnly, { timeout: 15_000 }).toBe(true);
    await page.locator('#nav-sources').click();
    await expect(page.getByTestId('source-row-src_cc_prod')).toBeVisible();
    await expect(page.getByTestId(`staged-row-${stagedId}`)).toHaveCount(0);
    await expect(page.getByTestId('badge-outbox')).toHaveCount(0);
    // The same facts as an admin: the server clock read from the CLI's first answer, so ages are
    // relative and judged, never a cut ISO string or "server clock not read yet".
    await expect(page.getByTestId('source-row-src_cc_prod').locator('.c-last')).toHaveText(/ ago$/);
    await expect(page.getByTestId('source-row-src_cc_composer').getByTestId('health')).toHaveAttribute(
      'data-health',
      'waiting_too_long',
    );
    await expect(page.getByTestId('summary-attention')).toHaveText(/need attention/);
    await page.getByTestId('source-row-src_cc_composer').getByRole('button').first().click();
    await expect(page.getByTestId('diagnosis')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('diagnosis')).toContainText(/\d+ days \(server clock\)/);
    await expect(page.getByTestId('diagnosis')).not.toContainText('server clock was not read');
    await page.getByTestId('detail-back').click();
    await page.locator('#nav-outbox').click();
    await expect(page.getByTestId('outbox-empty')).toBeVisible();
    await expect(page.getByTestId('outbox-others')).toHaveCount(0);
    await expect(page.getByText('E2E admin staged')).toHaveCount(0);
  });

  test('a rejected entry (name taken): no "Retry now", and a working key is no green all-clear', async ({
    openHarness,
  }) => {
    const harness = await openHarness(TICK);
    const { page } = harness;
    await harness.signIn('admin');
    const staged = await page.evaluate((input) => window.lw!.outbox.stage(input), {
      kind: 'create' as const,
      organizationId: SEED.orgs.enterprise.id,
      name: 'Claude Compliance — Production',
      pollEverySec: 3600,
      key: KEY,
    });
    expect(staged.ok).toBe(true);
    const row = await outboxEntry(page, staged.ok ? staged.value.stagedId : '');
    await expect(row).toHaveAttribute('data-state', 'rejected', { timeout: 15_000 });
    await expect(row.getByTestId('entry-retry')).toHaveCount(0);
    await expect(row.getByTestId('entry-retry-futile')).toContainText('the name is taken');
    await row.getByTestId('test-key').click();
    const card = row.getByTestId('key-verdict');
    await expect(card).toHaveAttribute('data-verdict', 'valid');
    await expect(card).not.toHaveClass(/tone-ok/);
    await expect(card).not.toContainText('Nothing to fix');
    await expect(card).toContainText('The key is not the problem');
  });
});
