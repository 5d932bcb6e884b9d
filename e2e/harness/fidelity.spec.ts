/**
 * The console against what a real LangWatch answers and our emulator does not (issue 15):
 * values from a newer server, a deployment without its analytics store, and a device
 * sign-in whose approval page is on the deployment's configured public address. A small
 * proxy in front of the emulator plays those parts (see langwatch-proxy.ts).
 */
import { SEED } from '../../emulator/seed';
import type { ConsoleHarness } from './console-harness';
import { expect, test } from './fixtures';
import { startLangwatchProxy, type LangwatchProxy } from './langwatch-proxy';

const TICK_MS = 1_000;
const ACME = SEED.orgs.enterprise.id;
const INTERVALS = { monitorIntervals: { focusedMs: TICK_MS, backgroundMs: TICK_MS } };

let proxy: LangwatchProxy | null = null;
test.afterEach(async () => {
  await proxy?.close();
  proxy = null;
});

async function openSources(harness: ConsoleHarness) {
  await harness.page
    .getByRole('button', { name: /Sources/ })
    .first()
    .click();
  await expect(harness.page.getByTestId('sources-view')).toHaveAttribute('data-phase', 'running');
}

test.describe('against the real LangWatch', () => {
  test('a source type and status only a newer server knows are shown raw, marked unknown, and filterable', async ({
    openHarness,
    emulator,
  }) => {
    proxy = await startLangwatchProxy(emulator.langwatchUrl, {
      // What a newer LangWatch could store for the Workato source (plain strings in its database).
      rewrite: (text, path) =>
        path.startsWith('/api/trpc/')
          ? text
              .replace(/"sourceType":"workato"/g, '"sourceType":"zapier_audit"')
              .replace(/"status":"disabled"/g, '"status":"paused_by_policy"')
              .replace(/"status":"awaiting_first_event"/g, '"status":"backfilling"')
          : text,
    });
    const harness = await openHarness({ langwatchUrl: proxy.url, ...INTERVALS });
    await harness.signIn('admin');
    await openSources(harness);
    const { page } = harness;
    const row = page.getByTestId('source-row-src_workato');
    await expect(row.getByTestId('unknown-type')).toHaveText('zapier_audit (unknown type)');
    // Cut inside its own column, never drawn over the health signal next to it.
    const typeRight = await row.getByTestId('unknown-type').evaluate((el) => el.getBoundingClientRect().right);
    const healthLeft = await row.getByTestId('health').evaluate((el) => el.getBoundingClientRect().left);
    expect(typeRight).toBeLessThanOrEqual(healthLeft + 0.5);
    await expect(row.getByTestId('status')).toHaveText('paused_by_policy (unknown status)');
    await expect(row.getByTestId('status')).toHaveAttribute('data-unknown', 'true');
    // The rest of the list is intact.
    await expect(page.getByTestId('source-row-src_cc_prod').getByTestId('status')).toHaveText('Active');
    await page.getByTestId('filter-status').selectOption('paused_by_policy');
    await expect(page.locator('[data-testid^="source-row-"]')).toHaveCount(1);
    await page.getByTestId('filter-status').selectOption('all');
    await page.getByTestId('filter-type').selectOption('zapier_audit');
    await expect(page.locator('[data-testid^="source-row-"]')).toHaveCount(1);
    await page.getByTestId('filter-type').selectOption('all');
    await row.getByRole('button', { name: /Workato/ }).click();
    await expect(page.getByTestId('source-detail')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('detail-status')).toHaveText('paused_by_policy (unknown status)');
    await expect(page.getByTestId('detail-meta')).toContainText('zapier_audit (unknown type)');
    await expect(page.getByTestId('detail-health')).toHaveAttribute('data-kind', 'ok');

    // A compliance source in an unknown status gets no stuck-source diagnosis guessed for it.
    await page.getByTestId('detail-back').click();
    await page
      .getByTestId('source-row-src_cc_composer')
      .getByRole('button', { name: /Web composer/ })
      .click();
    await expect(page.getByTestId('detail-status')).toHaveText('backfilling (unknown status)');
    await expect(page.getByTestId('detail-health')).toHaveAttribute('data-kind', 'ok');
    await expect(page.getByTestId('diagnosis')).toHaveCount(0);
  });

  test('health answered 500 clickhouse_unavailable: list and detail say so with the reason; the rest keeps working', async ({
    openHarness,
    emulator,
  }) => {
    proxy = await startLangwatchProxy(emulator.langwatchUrl, {
      failTrpc: {
        route: 'activityMonitor.*',
        httpStatus: 500,
        code: 'clickhouse_unavailable',
        message: 'ClickHouse is not available',
      },
    });
    const harness = await openHarness({ langwatchUrl: proxy.url, ...INTERVALS });
    await harness.signIn('admin');
    await openSources(harness);
    const { page } = harness;
    await expect(page.getByTestId('list-health-unavailable')).toContainText(
      'unavailable (server error 500: clickhouse_unavailable)',
    );
    const prod = page.getByTestId('source-row-src_cc_prod');
    await expect(prod.getByTestId('events-unavailable')).toHaveText(
      'unavailable (server error 500: clickhouse_unavailable)',
    );
    await expect(page.getByTestId('source-row-src_workato')).toBeVisible();

    await prod.getByRole('button', { name: /Production/ }).click();
    await expect(page.getByTestId('detail-health')).toHaveAttribute('data-kind', 'unavailable');
    await expect(page.getByTestId('health-unavailable')).toContainText(
      'Health unavailable (server error 500: clickhouse_unavailable)',
    );
    await expect(page.getByTestId('events-unavailable-note')).toContainText(
      'Events unavailable (server error 500: clickhouse_unavailable)',
    );
    await expect(page.getByTestId('detail-fields')).toContainText('src_cc_prod');

    // Other views and the list itself keep working; health comes back by itself.
    await page.getByTestId('detail-back').click();
    await page
      .getByRole('button', { name: /Outbox/ })
      .first()
      .click();
    await expect(page.getByTestId('outbox-empty')).toBeVisible();
    proxy.rules.failTrpc = null;
    await page
      .getByRole('button', { name: /Sources/ })
      .first()
      .click();
    await expect(page.getByTestId('list-health-unavailable')).toHaveCount(0, { timeout: 3 * TICK_MS + 2_000 });
    await expect(page.getByTestId('source-row-src_cc_prod').locator('.c-events')).toHaveText(/^\d+$/);
  });

  test('device sign-in: what it creates is said first; an approval page on another origin is shown and opened on confirmation', async ({
    openHarness,
    emulator,
  }) => {
    test.setTimeout(60_000);
    // The profile uses an alias; LangWatch builds the approval link from its own public address.
    proxy = await startLangwatchProxy(emulator.langwatchUrl);
    const harness = await openHarness({ langwatchUrl: proxy.url, ...INTERVALS });
    const { page } = harness;
    await expect(page.getByTestId('device-effects')).toContainText('personal workspace');
    await expect(page.getByTestId('device-effects')).toContainText('CLI API key');
    await expect(page.getByTestId('device-effects')).toContainText('Signing out here revokes');
    await page.getByTestId('device-start').click();
    const code = (await page.getByTestId('device-user-code').textContent())!.trim();
    const emulatorOrigin = new URL(emulator.langwatchUrl).origin;
    const notice = page.getByTestId('device-other-origin');
    await expect(notice).toHaveAttribute('data-origin', emulatorOrigin);
    await expect(notice).toContainText(`not on ${new URL(proxy.url).origin}`);
    await expect(page.getByTestId('device-open')).toHaveCount(0);
    expect(harness.openedUrls).toEqual([]);
    await page.getByTestId('device-open-confirm').click();
    await expect.poll(() => harness.openedUrls).toEqual([`${emulator.langwatchUrl}/cli/auth?user_code=${code}`]);
    emulator.control.approveDevice(code, 'support', ACME);
    await expect(page.getByTestId('auth-bar')).toHaveAttribute('data-session', 'device', { timeout: 20_000 });

    // A 402 on the list of a support session: the plan is missing, not the health.
    emulator.control.setEnterprise(ACME, false);
    await openSources(harness).catch(() => undefined);
    await expect(page.getByTestId('support-needs-enterprise')).toContainText(
      'needs the Enterprise plan for read-only',
      { timeout: 3 * TICK_MS + 5_000 },
    );
    await expect(page.getByTestId('updated-ago')).not.toContainText('health');
  });
});
