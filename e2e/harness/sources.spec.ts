import { SEED } from '../../emulator/seed';
import type { ConsoleHarness } from './console-harness';
import { expect, test } from './fixtures';

const TICK_MS = 1_000;
const ACME = SEED.orgs.enterprise.id;
const SMALL = SEED.orgs.free.id;

async function openSignedIn(
  openHarness: (o?: object) => Promise<ConsoleHarness>,
  who: keyof typeof SEED.users = 'admin',
) {
  const harness = await openHarness({ monitorIntervals: { focusedMs: TICK_MS, backgroundMs: TICK_MS } });
  await harness.signIn(who);
  await harness.page
    .getByRole('button', { name: /Sources/ })
    .first()
    .click();
  await expect(harness.page.getByTestId('sources-view')).toHaveAttribute('data-phase', 'running');
  return harness;
}

function adminApi(harness: ConsoleHarness) {
  const api = harness.services.auth.requireActive().api;
  if (!api) throw new Error('no cookie api');
  return api;
}

test.describe('sources: live status, detail, diagnosis, actions', () => {
  test('a pulled source turns active by itself within two ticks, highlighted; table filters, sorts and stays virtualised', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await openSignedIn(openHarness);
    const { page } = harness;
    await expect(page.getByTestId('source-row-src_cc_prod')).toHaveAttribute('data-status', 'active');
    const { source: created } = await adminApi(harness).createSource({
      organizationId: ACME,
      sourceType: 'claude_compliance',
      name: 'E2E live source',
      parserConfig: {
        adapter: 'claude_compliance',
        pollEverySec: 900,
        credentials: { token: SEED.anthropicKeys.compliance },
      },
      pullSchedule: '*/15 * * * *',
    });
    const row = page.getByTestId(`source-row-${created.id}`);
    await expect(row).toHaveAttribute('data-status', 'awaiting_first_event');
    const [pull] = await emulator.control.pullNow(created.id);
    expect(pull?.outcome).toBe('ok');
    // No click, no reload: the monitor's next tick (or the one after) brings the change.
    await expect(row).toHaveAttribute('data-status', 'active', { timeout: 2 * TICK_MS + 1_500 });
    await expect(row).toHaveClass(/flash/);
    expect(harness.traffic.some((m) => m.kind === 'event' && m.channel === 'sources.becameActive')).toBe(true);
    await expect(page.getByTestId('updated-ago')).toHaveText(/Updated \d+ s ago/);

    // Search, status and type filters, sort by a header.
    await page.getByTestId('sources-search').fill('research');
    await expect(page.locator('[data-testid^="source-row-"]')).toHaveCount(1);
    await page.getByTestId('sources-search').fill('');
    await page.getByTestId('filter-status').selectOption('disabled');
    await expect(page.locator('[data-testid^="source-row-"]')).toHaveCount(1);
    await expect(page.getByTestId('source-row-src_workato')).toBeVisible();
    await page.getByTestId('filter-status').selectOption('all');
    await page.getByTestId('filter-type').selectOption('claude_compliance');
    await expect(page.locator('[data-testid^="source-row-"]')).toHaveCount(5);
    await page.getByTestId('filter-type').selectOption('all');
    // Most urgent first by default; a header sorts by its column.
    await expect(page.getByRole('columnheader', { name: /Health/ })).toHaveAttribute('aria-sort', 'ascending');
    await page.getByTestId('sort-name').click();
    await expect(page.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'ascending');
  });

  test('5,000 sources: at most 100 rows in the DOM, keyboard moves the selection and Enter opens the detail', async ({
    openHarness,
    emulator,
  }) => {
    emulator.control.seedSources(ACME, 5_000);
    const harness = await openSignedIn(openHarness);
    const { page } = harness;
    await expect(page.getByTestId('sources-count')).toHaveText(/^50\d\d shown$/);
    expect(await page.locator('.src-row').count()).toBeLessThanOrEqual(100);
    await page.getByTestId('sources-grid').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    const last = page.locator('.src-row.selected');
    await expect(last).toHaveCount(1);
    expect(await page.locator('.src-row').count()).toBeLessThanOrEqual(100);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('source-detail')).toHaveAttribute('data-state', 'ready');
  });

  test('detail: fields, health, paged events with raw payload, and every action reports its result', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await openSignedIn(openHarness);
    const { page } = harness;
    await page
      .getByTestId('source-row-src_cc_prod')
      .getByRole('button', { name: /Production/ })
      .click();
    const detail = page.getByTestId('source-detail');
    await expect(detail).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('detail-fields')).toContainText('src_cc_prod');
    await expect(page.getByTestId('health-metrics')).toContainText('events 30 d');
    await expect(page.getByTestId('events')).toHaveAttribute('data-state', 'ok');
    await expect(page.getByTestId('event-row')).toHaveCount(25);
    await page.getByTestId('events-more').click();
    await expect(page.getByTestId('event-row')).toHaveCount(40);
    await page.getByTestId('event-raw-toggle').first().click();
    await expect(page.getByTestId('event-raw')).toContainText('{');

    // Change cadence and replace key go through the outbox staging path.
    await page.getByTestId('cadence-select').selectOption('3600');
    await page.getByTestId('change-cadence').click();
    await expect(page.getByTestId('action-result')).toContainText('Change cadence: staged');
    await page.getByTestId('replace-key-input').fill(SEED.anthropicKeys.admin);
    await page.getByTestId('replace-key').click();
    await expect(page.getByTestId('action-result')).toContainText(/Replace key: staged with key sk-ant-admin01-…/);
    await expect(page.getByTestId('replace-key-input')).toHaveValue('');

    await page.getByTestId('disable-source').click();
    await expect(page.getByTestId('action-result')).toContainText('status is now disabled');
    await expect(page.getByTestId('detail-status')).toContainText('Disabled');
    await page.getByTestId('enable-source').click();
    await expect(page.getByTestId('action-result')).toContainText('status is now active');

    // Archive: the button stays off until the exact name is typed; main checks it again.
    const { source: victim } = await adminApi(harness).createSource({
      organizationId: ACME,
      sourceType: 'otel_generic',
      name: 'E2E archive me',
    });
    await page.getByTestId('detail-back').click();
    await page.getByTestId(`source-row-${victim.id}`).getByRole('button', { name: 'E2E archive me' }).click();
    // Archiving lives in the danger zone and asks in a modal that shows the whole name.
    await page.getByTestId('archive-open').click();
    await expect(page.getByTestId('archive-dialog')).toBeVisible();
    await expect(page.getByTestId('archive-name')).toHaveText('E2E archive me');
    await page.getByTestId('archive-confirm').fill('E2E archive');
    await expect(page.getByTestId('archive-source')).toBeDisabled();
    const mismatch = await page.evaluate(
      (id) => window.lw!.sources.archive({ id, confirmName: 'wrong name' }),
      victim.id,
    );
    expect(mismatch).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    await page.getByTestId('archive-confirm').fill('E2E archive me');
    await page.getByTestId('archive-source').click();
    await expect(page.getByTestId('detail-notice')).toContainText('Archived');
    await expect(page.getByTestId('detail-status')).toHaveText('Archived');
    expect(emulator.control.sources(ACME).find((s) => s.id === victim.id)?.archivedAt).not.toBeNull();
    await page.getByTestId('detail-back').click();
    await expect(page.getByTestId(`source-row-${victim.id}`)).toHaveCount(0);
    // LangWatch lists no archived source; the console remembers the ones it archived.
    await page.getByTestId('filter-status').selectOption('archived');
    await expect(page.getByTestId(`source-row-${victim.id}`)).toBeVisible();
    await expect(page.getByTestId(`source-row-${victim.id}`).getByTestId('health')).toHaveAttribute(
      'data-health',
      'archived',
    );
    expect(harness.rendererTrafficText()).not.toContain(SEED.anthropicKeys.admin);
  });

  test('diagnosis of a compliance source stuck in awaiting_first_event (web composer: no schedule, no key)', async ({
    openHarness,
  }) => {
    const harness = await openSignedIn(openHarness);
    const { page } = harness;
    await page.getByTestId('source-row-src_cc_composer').getByRole('button').first().click();
    await expect(page.getByTestId('diagnosis')).toHaveAttribute('data-state', 'ready');
    // Nothing is known about key or schedule: said as unknown, never as a fact.
    await expect(page.getByTestId('cause-key_never_sent_here')).toHaveAttribute('data-strength', 'possible');
    await expect(page.getByTestId('cause-schedule_unknown')).toHaveAttribute('data-action', 'set_schedule');
    await expect(
      page.getByTestId('diagnosis-facts').locator('[data-unknown="true"]').filter({ hasText: 'Pull schedule' }),
    ).toHaveCount(1);
  });

  test('a view-only user sees the sources and no actions', async ({ openHarness }) => {
    const harness = await openSignedIn(openHarness, 'support');
    const { page } = harness;
    await page.getByTestId('source-row-src_cc_revoked').getByRole('button').first().click();
    await expect(page.getByTestId('source-detail')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('diagnosis')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('source-actions')).toHaveCount(0);
    const refused = await page.evaluate(() =>
      window.lw!.sources.setStatus({ id: 'src_cc_revoked', status: 'disabled' }),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'langwatch.forbidden' } });
  });

  test('a non-enterprise organisation: health says it needs an Enterprise plan, not an error', async ({
    openHarness,
  }) => {
    const harness = await openSignedIn(openHarness);
    const { page } = harness;
    await harness.services.auth.selectOrganization(SMALL);
    await expect(page.getByTestId('source-row-src_small_cc')).toBeVisible();
    await expect(page.getByTestId('health-enterprise')).toBeVisible();
    await page.getByTestId('source-row-src_small_cc').getByRole('button').first().click();
    await expect(page.getByTestId('health-enterprise-required')).toHaveText('Health needs an Enterprise plan.');
    await expect(page.getByTestId('events-enterprise-required')).toBeVisible();
    await expect(page.locator('[role="alert"]')).toHaveCount(0);
  });

  test('offline: refresh pauses, then resumes by itself when the deployment answers again', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await openSignedIn(openHarness);
    const { page } = harness;
    await emulator.control.setOffline(true);
    await expect(page.getByTestId('updated-ago')).toHaveAttribute('data-phase', 'paused_offline', {
      timeout: 2 * TICK_MS + 3_000,
    });
    await expect(page.getByTestId('updated-ago')).toContainText('offline, paused');
    await emulator.control.setOffline(false);
    await expect(page.getByTestId('updated-ago')).toHaveAttribute('data-phase', 'running', { timeout: 10_000 });
    await expect(page.getByTestId('source-row-src_cc_prod')).toBeVisible();
  });

  test('export of the current table as JSON and CSV, never a secret', async ({ openHarness }) => {
    const harness = await openSignedIn(openHarness);
    const { page } = harness;
    await page.getByTestId('filter-type').selectOption('claude_compliance');
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    const rows = JSON.parse(await streamText(await json.createReadStream())) as { id: string; sourceType: string }[];
    expect(rows.length).toBe(4);
    expect(rows.every((r) => r.sourceType === 'claude_compliance')).toBe(true);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const text = await streamText(await csv.createReadStream());
    expect(text.split('\r\n')[0]).toMatch(/^id,name,sourceType,status/);
    for (const key of Object.values(SEED.anthropicKeys)) expect(text + JSON.stringify(rows)).not.toContain(key);
    expect(text).not.toContain('credentials');
  });

  test('support mode (device flow): the same list and detail, read-only, through the CLI REST', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await openHarness({ monitorIntervals: { focusedMs: TICK_MS, backgroundMs: TICK_MS } });
    const { page } = harness;
    const profileId = harness.services.auth.state().activeProfileId!;
    const started = await harness.services.sessions.startDeviceSignIn(profileId);
    emulator.control.approveDevice(started.userCode, 'support', ACME);
    await started.completion;
    await expect.poll(() => harness.services.auth.state().readOnly, { timeout: 15_000 }).toBe(true);
    await page
      .getByRole('button', { name: /Sources/ })
      .first()
      .click();
    await expect(page.getByTestId('support-mode')).toBeVisible();
    await expect(page.getByTestId('source-row-src_cc_prod')).toBeVisible();
    await page.getByTestId('source-row-src_cc_prod').getByRole('button').first().click();
    await expect(page.getByTestId('health-metrics')).toBeVisible();
    await expect(page.getByTestId('event-row').first()).toBeVisible();
    await expect(page.getByTestId('source-actions')).toHaveCount(0);
  });
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
