import type { Page } from '@playwright/test';
import { SEED } from '../../emulator/seed';
import type { ConsoleHarness } from './console-harness';
import { expect, test } from './fixtures';

const TICK_MS = 1_000;
const ACME = SEED.orgs.enterprise.id;

async function openSignedIn(openHarness: (o?: object) => Promise<ConsoleHarness>) {
  const harness = await openHarness({ monitorIntervals: { focusedMs: TICK_MS, backgroundMs: TICK_MS } });
  await harness.signIn('admin');
  await harness.page
    .getByRole('button', { name: /Sources/ })
    .first()
    .click();
  await expect(harness.page.getByTestId('sources-view')).toHaveAttribute('data-phase', 'running');
  return harness;
}

/** Changes the cadence of a source from this console and waits until LangWatch has it. */
async function setCadence(harness: ConsoleHarness, sourceId: string, name: string, pollEverySec: number) {
  const staged = await harness.page.evaluate((input) => window.lw!.outbox.stage(input), {
    kind: 'update' as const,
    organizationId: ACME,
    sourceId,
    name,
    pollEverySec,
  });
  expect(staged.ok).toBe(true);
  await expect
    .poll(() => harness.services.outbox.list().find((e) => e.sourceId === sourceId)?.state, { timeout: 15_000 })
    .toBe('submitted');
}

/** Remembers a failed key check for a source, as an automatic check or "Test key" would. */
async function recordRejectedKey(harness: ConsoleHarness, sourceId: string) {
  const profileId = harness.services.auth.state().activeProfileId!;
  await harness.services.keyChecks.recordVerdict({
    verdict: {
      verdict: 'invalid_key',
      httpStatus: 401,
      requestId: 'req_e2e_rejected',
      checkedAt: new Date().toISOString(),
      message: 'Anthropic rejected the key.',
      nextStep: 'Replace the key.',
      attempts: 1,
      errorType: 'authentication_error',
      serverMessage: null,
    },
    fingerprint: 'sk-ant-api01-…AAAA',
    stagedId: null,
    sourceId,
    profileId,
    anthropicBaseUrl: 'http://emulated',
  });
}

const health = (page: Page, id: string) => page.getByTestId(`source-row-${id}`).getByTestId('health');

test.describe('sources list: a health signal per row, read at a glance', () => {
  test('signals from what is known; the summary strip filters on click; cadence in words; sort and filter by health', async ({
    openHarness,
  }) => {
    const harness = await openSignedIn(openHarness);
    const { page } = harness;
    // First view, nothing set or remembered here: the seeded compliance sources that waited months
    // for their first event need attention (the stated 24 h default, as LangWatch does not report
    // their schedule), say how long, and lead the list.
    for (const id of ['src_cc_composer', 'src_cc_revoked', 'src_cc_oldadmin', 'src_cowork', 'src_openai']) {
      await expect(health(page, id)).toHaveAttribute('data-health', 'waiting_too_long');
      await expect(health(page, id)).toContainText(/No event in \d+ days/);
    }
    await expect(page.getByTestId('source-row-src_cc_composer').getByTestId('cadence')).toHaveText('unknown');
    await expect(page.getByTestId('summary-attention')).toHaveText(/^\W*5 need attention$/);
    await expect(page.getByTestId('summary-attention')).toHaveAttribute('data-verdict', 'attention');
    await expect(page.locator('.src-row').first().getByTestId('health')).toHaveAttribute(
      'data-health',
      'waiting_too_long',
    );
    await expect(health(page, 'src_workato')).toHaveAttribute('data-health', 'disabled');
    await expect(health(page, 'src_cc_prod')).toHaveAttribute('data-health', 'healthy');
    await expect(health(page, 'src_cc_prod')).toContainText('Receiving events');

    // An hourly schedule set here: still waiting too long, now measured in pulls.
    await setCadence(harness, 'src_cc_revoked', 'Claude Compliance — Research', 3600);
    await expect(page.getByTestId('source-row-src_cc_revoked').getByTestId('cadence')).toHaveText('hourly');
    await expect(health(page, 'src_cc_revoked')).toHaveAttribute('title', /more than 4 pulls/);
    // A remembered rejected key: key problem (stronger than waiting), ranked first.
    await recordRejectedKey(harness, 'src_cc_oldadmin');
    await expect(health(page, 'src_cc_oldadmin')).toHaveAttribute('data-health', 'key_problem');
    await expect(health(page, 'src_cc_oldadmin')).toContainText('Key problem');
    await expect(page.locator('.src-row').first()).toHaveAttribute('data-testid', 'source-row-src_cc_oldadmin');

    await expect(page.getByTestId('summary-attention')).toHaveText(/5 need attention/);
    await page.getByTestId('summary-attention').click();
    await expect(page.getByTestId('summary-attention')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('[data-testid^="source-row-"]')).toHaveCount(5);
    await page.getByTestId('summary-attention').click();
    await expect(page.locator('[data-testid^="source-row-"]')).not.toHaveCount(5);
    await page.getByTestId('summary-disabled').click();
    await expect(page.locator('[data-testid^="source-row-"]')).toHaveCount(1);
    await page.getByTestId('summary-clear').click();

    await page.getByTestId('filter-health').selectOption('waiting_too_long');
    await expect(page.locator('[data-testid^="source-row-"]')).toHaveCount(4);
    await expect(page.getByTestId('source-row-src_cc_revoked')).toBeVisible();
  });

  test("ages come from the deployment's clock, never this machine's: a new source stays new with the local clock years ahead", async ({
    openHarness,
  }) => {
    const harness = await openSignedIn(openHarness);
    const { page } = harness;
    // This machine's clock says 2031; LangWatch's says today.
    await page.clock.setFixedTime(new Date('2031-06-01T00:00:00Z'));
    const staged = await page.evaluate((input) => window.lw!.outbox.stage(input), {
      kind: 'create' as const,
      organizationId: ACME,
      name: 'E2E brand new',
      pollEverySec: 300,
      key: SEED.anthropicKeys.compliance,
    });
    expect(staged.ok).toBe(true);
    await expect
      .poll(() => harness.services.outbox.list().find((e) => e.name === 'E2E brand new')?.sourceId ?? null, {
        timeout: 15_000,
      })
      .not.toBeNull();
    const id = harness.services.outbox.list().find((e) => e.name === 'E2E brand new')!.sourceId!;
    await expect(page.getByTestId(`source-row-${id}`).getByTestId('cadence')).toHaveText('every 5 minutes');
    await expect(health(page, id)).toHaveAttribute('data-health', 'new');
    await expect(health(page, id)).toHaveAttribute('title', /Created \d+ s ago/);
    expect(harness.rendererTrafficText()).not.toContain(SEED.anthropicKeys.compliance);
  });

  test('no all-clear when the list fails to load: the strip says health is unknown', async ({
    openHarness,
    emulator,
  }) => {
    emulator.control.faults.add({ route: 'ingestionSources.list', side: 'langwatch', kind: 'error5xx', status: 500 });
    const harness = await openHarness({ monitorIntervals: { focusedMs: TICK_MS, backgroundMs: TICK_MS } });
    await harness.signIn('admin');
    const { page } = harness;
    await page
      .getByRole('button', { name: /Sources/ })
      .first()
      .click();
    await expect(page.getByTestId('sources-view')).toHaveAttribute('data-phase', 'error');
    const strip = page.getByTestId('summary-attention');
    await expect(strip).toHaveAttribute('data-verdict', 'unsure');
    await expect(strip).toContainText('The list did not load');
    await expect(page.getByText('Nothing needs attention')).toHaveCount(0);
  });

  test('keyboard: Enter opens the detail with the focus on its heading; Escape and Back return it to the row', async ({
    openHarness,
  }) => {
    const harness = await openSignedIn(openHarness);
    const { page } = harness;
    const grid = page.getByTestId('sources-grid');
    await grid.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    const active = await grid.getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('detail-heading')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(grid).toBeFocused();
    await expect(grid).toHaveAttribute('aria-activedescendant', active!);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('detail-heading')).toBeFocused();
    await page.getByTestId('detail-back').click();
    await expect(grid).toBeFocused();
    await expect(grid).toHaveAttribute('aria-activedescendant', active!);
    // The row menu sits outside the grid (no menu inside a grid's required children).
    await page.keyboard.press('Shift+F10');
    await expect(page.getByTestId('row-menu-popup')).toBeVisible();
    await expect(grid.getByTestId('row-menu-popup')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(grid).toBeFocused();
  });

  test('a slow refresh says it is still running; one that hangs is cut and said so', async ({
    openHarness,
    emulator,
  }) => {
    test.setTimeout(90_000);
    const harness = await openHarness({ monitorIntervals: { focusedMs: 600_000, backgroundMs: 600_000 } });
    await harness.signIn('admin');
    const { page } = harness;
    await page.locator('#nav-sources').click();
    await expect(page.getByTestId('source-row-src_cc_prod')).toBeVisible();
    const button = page.getByTestId('refresh-now');
    const note = page.getByTestId('refresh-note');

    emulator.control.faults.add({
      route: 'ingestionSources.list',
      side: 'langwatch',
      kind: 'latency',
      ms: 6_000,
      times: 1,
    });
    await button.click();
    await expect(button).toHaveText('Refreshing…');
    await expect(note).toHaveText('Still refreshing: LangWatch is slow to answer.', { timeout: 5_000 });
    await expect(button).toHaveText(/^Refreshing… \d+ s$/);
    await expect(button).toHaveText('Refresh now', { timeout: 15_000 });
    await expect(note).toHaveText('');

    // Hangs past the 20 s request deadline: cut, and said so; the button works again.
    emulator.control.faults.add({
      route: 'ingestionSources.list',
      side: 'langwatch',
      kind: 'latency',
      ms: 60_000,
      times: 1,
    });
    await button.click();
    await expect(note).toContainText('The refresh was cut', { timeout: 35_000 });
    await expect(button).toHaveText('Refresh now');
    await expect(button).toBeEnabled();
  });

  test('row actions live in a menu: open, copy id; Escape closes it and gives the focus back', async ({
    openHarness,
  }) => {
    const harness = await openSignedIn(openHarness);
    const { page } = harness;
    await page.getByTestId('source-row-src_cc_prod').hover();
    await page.getByTestId('source-row-src_cc_prod').getByTestId('row-menu').click();
    const menu = page.getByTestId('row-menu-popup');
    await expect(menu).toBeVisible();
    await expect(page.getByTestId('menu-open')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('menu-copy-id')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    // From the keyboard: select the row, Shift+F10 opens its menu.
    await page.getByTestId('sources-grid').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+F10');
    await expect(menu).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('sources-grid')).toBeFocused();
    await page.getByTestId('source-row-src_cc_prod').getByTestId('row-menu').click();
    await page.getByTestId('menu-open').click();
    await expect(page.getByTestId('source-detail')).toHaveAttribute('data-source-id', 'src_cc_prod');
  });

  test('offline is unmistakable: a banner says the list is paused, what is queued and when it retries', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await openSignedIn(openHarness);
    const { page } = harness;
    await emulator.control.setOffline(true);
    const banner = page.getByTestId('network-banner');
    await expect(banner).toHaveAttribute('data-phase', 'paused_offline', { timeout: 2 * TICK_MS + 3_000 });
    await expect(banner).toContainText('Offline');
    await expect(banner).toContainText('Nothing waits in the outbox');
    // What the list showed is out of date: the strip says so, never an all-clear.
    await expect(page.getByTestId('summary-attention')).toContainText('List out of date');
    await expect(page.getByTestId('summary-attention')).toHaveAttribute('data-verdict', 'attention');
    await page.evaluate((input) => window.lw!.outbox.stage(input), {
      kind: 'update' as const,
      organizationId: ACME,
      sourceId: 'src_cc_prod',
      name: 'Claude Compliance — Production',
      pollEverySec: 1800,
    });
    await expect(banner.getByTestId('banner-queued')).toContainText(/1 change waits in the outbox/, {
      timeout: 10_000,
    });
    await emulator.control.setOffline(false);
    await expect(banner).toHaveCount(0, { timeout: 10_000 });
  });

  test('a screen reader hears row status changes through a polite live region', async ({ openHarness, emulator }) => {
    const harness = await openSignedIn(openHarness);
    const { page } = harness;
    const region = page.getByTestId('status-announcer');
    await expect(region).toHaveAttribute('aria-live', 'polite');
    await expect(region).toHaveText('');
    const api = harness.services.auth.requireActive().api!;
    await api.updateSource({ organizationId: ACME, id: 'src_cowork', status: 'disabled' });
    await expect(region).toHaveText('Claude Cowork is now Disabled.', { timeout: 2 * TICK_MS + 6_000 });
    // Throttled: changes right after an announcement are gathered and spoken together, later.
    await api.updateSource({ organizationId: ACME, id: 'src_openai', status: 'disabled' });
    await api.updateSource({ organizationId: ACME, id: 'src_s3', status: 'disabled' });
    await expect(region).toHaveText(
      /OpenAI Compliance is now Disabled\. S3 Audit Bucket is now Disabled\.|S3 Audit Bucket is now Disabled\. OpenAI Compliance is now Disabled\./,
      { timeout: 12_000 },
    );
    expect(emulator).toBeTruthy();
  });
});
