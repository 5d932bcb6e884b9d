// Every source type in the console: composed (offline where a secret goes out), submitted,
// listed and opened (a push type's ingest secret revealed once, then gone); the picker grouped
// as LangWatch's; fields, masking and errors from the catalog; the detail's mode and causes per type.
import type { Page } from '@playwright/test';
import { SOURCE_CATALOG, SOURCE_GROUPS, groupOfMode, secretFields } from '../../src-shared/domain/source-catalog';
import { SEED } from '../../emulator/seed';
import { expect, test } from './fixtures';
import { fillSample, typeSample } from './source-type-samples';

async function openComposer(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 820 });
  await page.getByTestId('nav-compose').click();
  await expect(page.locator('.composer')).toHaveAttribute('data-state', 'ready');
}

test.describe('source types: composer', () => {
  test('the picker groups the eleven types as LangWatch does; each type shows its catalog fields; the plan is stated', async ({
    openHarness,
  }) => {
    const harness = await openHarness();
    await harness.signIn('admin');
    const { page } = harness;
    await openComposer(page);
    // The composer works on one deployment and organisation at a time, and says which.
    const auth = harness.services.auth.state();
    const profile = auth.profiles.find((p) => p.id === auth.activeProfileId)!;
    await expect(page.getByTestId('compose-deployment')).toHaveText(profile.name);
    await expect(page.getByTestId('compose-org')).toHaveText(SEED.orgs.enterprise.name);
    await page.getByTestId('nav-outbox').click();
    await expect(page.getByTestId('outbox-scope')).toContainText(
      `Staging for ${profile.name} — ${SEED.orgs.enterprise.name}`,
    );
    await openComposer(page);
    const groups = page.getByTestId('type-select').locator('optgroup');
    await expect(groups).toHaveCount(2);
    for (const [i, group] of (['realtime', 'scheduled'] as const).entries()) {
      await expect(groups.nth(i)).toHaveAttribute('label', SOURCE_GROUPS[group].title);
      const types = SOURCE_CATALOG.filter((e) => groupOfMode(e.mode) === group).map((e) => e.type);
      await expect(groups.nth(i).locator('option')).toHaveCount(types.length);
    }
    for (const entry of SOURCE_CATALOG.filter((e) => e.type !== 'claude_compliance')) {
      await page.getByTestId('type-select').selectOption(entry.type);
      const fields = page.getByTestId('type-fields');
      await expect(fields).toHaveAttribute('data-type', entry.type);
      await expect(page.getByTestId('type-mode')).toHaveAttribute('data-mode', entry.mode);
      for (const f of entry.fields) {
        const input = page.getByTestId(`sf-${f.key}`);
        await expect(input).toHaveCount(1);
        if (f.secret) await expect(input).toHaveAttribute('type', 'password');
        if (!f.advanced) await expect(page.getByLabel(f.label, { exact: false }).first()).toBeVisible();
      }
      // A schedule only where LangWatch pulls, without the compliance source's Anthropic cost.
      await expect(page.getByTestId('no-schedule')).toHaveCount(entry.scheduled ? 0 : 1);
      if (entry.scheduled) await expect(page.locator('.schedule-summary')).not.toContainText('Anthropic');
    }
  });

  test('a plan without Enterprise: stated up front with the cap and how many are left; other types locked', async ({
    openHarness,
  }) => {
    const harness = await openHarness();
    await harness.signIn('admin');
    const { page } = harness;
    await openComposer(page);
    await expect(page.getByTestId('plan-gate')).toHaveAttribute('data-kind', 'enterprise');
    await page.getByTestId('org-picker').selectOption(SEED.orgs.free.id);
    await expect.poll(() => harness.services.auth.state().activeOrganizationId).toBe(SEED.orgs.free.id);
    await expect(page.getByTestId('plan-gate')).toHaveAttribute('data-kind', 'limited');
    await expect(page.getByTestId('plan-gate')).toContainText(/\d+ of \d+ active sources in use, \d+ left\./);
    await expect(page.getByTestId('type-select').locator('option[value="claude_compliance"]')).toBeDisabled();
    await expect(page.getByTestId('type-select').locator('option[value="otel_generic"]')).toBeEnabled();
    // Nothing picked yet: the composer moves to the one type this plan allows.
    await expect(page.getByTestId('type-select')).toHaveValue('otel_generic');
  });

  test('inline errors name each field; a secret is masked, revealable, never echoed; a switch keeps plain values', async ({
    openHarness,
    secrets,
  }) => {
    const harness = await openHarness();
    await harness.signIn('admin');
    const { page } = harness;
    await openComposer(page);
    const secret = `http-token-${Date.now()}-never-echoed`;
    secrets.register(secret);
    await page.getByTestId('type-select').selectOption('http_custom');
    await page.getByTestId('sf-url').fill('https://api.acme.com/v1/audit-log');
    await page.getByTestId('sf-token').fill(secret);
    await page.getByTestId('compose-submit').click();
    await expect(page.getByTestId('f-name-error')).toHaveText('Give the source a name.');
    await expect(page.getByTestId('sf-eventsJsonPath-error')).toContainText('is required');
    await expect(page.locator('main')).not.toContainText(secret);
    const token = page.getByTestId('sf-token');
    await expect(token).toHaveAttribute('type', 'password');
    await page.getByTestId('sf-token-reveal').click();
    await expect(token).toHaveAttribute('type', 'text');
    // Keyboard: the picker is a native select, reached and changed without a pointer.
    await page.getByTestId('type-select').focus();
    await page.getByTestId('type-select').selectOption('s3_custom');
    await expect(page.getByTestId('secrets-cleared')).toContainText('Bearer token / API key');
    await page.getByTestId('type-select').selectOption('http_custom');
    await expect(page.getByTestId('sf-url')).toHaveValue('https://api.acme.com/v1/audit-log');
    await expect(page.getByTestId('sf-token')).toHaveValue('');
    expect(harness.rendererTrafficText()).not.toContain(secret);
    // The advanced group opens on a click and never closes under the person's hands.
    await page.getByTestId('advanced-fields').locator('summary').click();
    await page.getByTestId('sf-cursorQueryParam').fill('cursor');
    await page.getByTestId('sf-cursorQueryParam').fill('');
    await expect(page.getByTestId('sf-cursorQueryParam')).toBeVisible();
  });
});

/** The waiting ingest secret of a push source, revealed once through its banner; a second reveal is refused. */
async function revealOnce(page: Page, sourceId: string, minted: string): Promise<void> {
  await page.getByTestId(`reveal-open-${sourceId}`).click();
  await page.getByTestId('reveal-secret').click();
  await expect(page.getByTestId('reveal-panel')).toHaveAttribute('data-state', 'revealed');
  await expect(page.getByTestId('ingest-secret-value')).toHaveText(minted);
  await page.getByTestId('stored-it').check();
  await page.getByTestId('reveal-done').click();
  await expect(page.getByTestId('reveal-panel')).toHaveCount(0);
  const again = await page.evaluate((id) => window.lw!.ingestSecrets.reveal({ sourceId: id }), sourceId);
  expect(again).toMatchObject({ ok: false, error: { code: 'ingestSecret.already_revealed' } });
}

test.describe('source types: composed, submitted, listed, opened', () => {
  for (const entry of SOURCE_CATALOG.filter((e) => e.type !== 'claude_compliance')) {
    test(`${entry.type}: staged (offline when a secret goes out), submitted, listed, opened`, async ({
      openHarness,
      emulator,
      secrets,
    }) => {
      const harness = await openHarness();
      await harness.signIn('admin');
      const { page } = harness;
      await openComposer(page);
      await page.getByTestId('type-select').selectOption(entry.type);
      const sample = typeSample(entry.type, String(Date.now()));
      Object.values(sample.secrets).forEach((s) => secrets.register(s));
      const name = `E2E ${entry.label}`.slice(0, 100);
      await fillSample(page, name, sample);
      const offline = Object.keys(sample.secrets).length > 0;
      if (offline) await emulator.control.setOffline(true, { which: 'langwatch' });
      await page.getByTestId('compose-submit').click();
      const outcome = page.getByTestId('compose-outcome');
      await expect(outcome).toHaveAttribute('data-state', 'staged');
      for (const key of Object.keys(sample.secrets)) await expect(page.getByTestId(`sf-${key}`)).toHaveValue('');
      const stagedId = (await outcome.getAttribute('data-staged-id'))!;
      if (offline) {
        await expect.poll(() => harness.services.outbox.list().find((e) => e.id === stagedId)?.state).toBe('retrying');
        await emulator.control.setOffline(false, { which: 'langwatch' });
      }
      await expect.poll(() => harness.services.outbox.list().find((e) => e.id === stagedId)?.state).toBe('submitted');
      const created = emulator.control.sources(SEED.orgs.enterprise.id).find((s) => s.name === name)!;
      expect(created.sourceType).toBe(entry.type);
      const ingestAccounts = async () =>
        (await harness.services.secrets.listAccounts()).filter((a) => a.startsWith('ingest:'));
      if (entry.mode === 'push') await revealOnce(page, created.id, emulator.control.mintedIngestSecrets().at(-1)!);
      // A push type's secret is gone once revealed; a pulled type's is never kept at all.
      expect(await ingestAccounts()).toEqual([]);

      await page.getByTestId('nav-sources').click();
      const row = page.getByTestId(`source-row-${created.id}`);
      await expect(row).toBeVisible();
      await row.getByRole('button').first().click();
      await expect(page.getByTestId('source-detail')).toHaveAttribute('data-state', 'ready');
      await expect(page.getByTestId('detail-type')).toHaveAttribute('data-mode', entry.mode);
      if (entry.mode === 'push') await expect(page.getByTestId('type-diagnosis')).toContainText('Nothing was sent');
      for (const s of Object.values(sample.secrets)) expect(harness.rendererTrafficText()).not.toContain(s);
    });
  }
});

test.describe('source types: detail', () => {
  test('each seeded type opens with its mode; a quiet push source says where to send; causes fit the mode', async ({
    openHarness,
  }) => {
    const harness = await openHarness();
    await harness.signIn('admin');
    const { page } = harness;
    await page.getByTestId('nav-sources').click();
    const open = async (id: string, name: RegExp) => {
      // The detail lives inside the sources view: its back button returns to the list.
      if ((await page.getByTestId('detail-back').count()) > 0) await page.getByTestId('detail-back').click();
      await page.getByTestId(`source-row-${id}`).getByRole('button', { name }).first().click();
      await expect(page.getByTestId('source-detail')).toHaveAttribute('data-source-id', id);
    };
    await open('src_cowork', /Cowork/);
    await expect(page.getByTestId('detail-type')).toHaveAttribute('data-mode', 'push');
    await expect(page.getByTestId('detail-schedule')).toHaveText('No schedule: events are pushed');
    await expect(page.getByTestId('type-diagnosis')).toContainText('Nothing was sent to this source yet.');
    await expect(page.getByTestId('push-target-url')).toHaveText(/\/api\/ingest\/otel\/src_cowork$/);
    await expect(page.getByTestId('type-cause-cowork_telemetry')).toBeVisible();
    await open('src_openai', /OpenAI/);
    await expect(page.getByTestId('detail-type')).toHaveAttribute('data-mode', 's3');
    await expect(page.getByTestId('type-cause-role_trust')).toBeVisible();
    await expect(page.getByTestId('push-target')).toHaveCount(0);
    await open('src_workato', /Workato/);
    await expect(page.getByTestId('type-cause-disabled')).toBeVisible();
    // The list says a push source is real-time instead of showing a schedule it cannot have.
    await page.getByTestId('detail-back').click();
    await expect(page.getByTestId('source-row-src_otel').getByTestId('cadence')).toHaveText('Real-time');
  });

  test('the edit form of any type: nothing changed is said, a status change is set at once', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await openHarness();
    await harness.signIn('admin');
    const { page } = harness;
    await page.getByTestId('nav-sources').click();
    await page
      .getByTestId('source-row-src_workato')
      .getByRole('button', { name: /Workato/ })
      .first()
      .click();
    await page.getByTestId('edit-source').locator('summary').click();
    // A push source has no schedule to edit.
    await expect(page.getByTestId('edit-source').locator('.schedule-field')).toHaveCount(0);
    await page.getByTestId('edit-submit').click();
    await expect(page.getByTestId('edit-error')).toHaveText('Nothing changed: edit a field first.');
    await page.getByTestId('edit-status').selectOption('active');
    await page.getByTestId('edit-submit').click();
    await expect(page.getByTestId('edit-result')).toContainText('Status is now');
    const workato = emulator.control.sources(SEED.orgs.enterprise.id).find((s) => s.id === 'src_workato');
    expect(workato?.status).not.toBe('disabled');
  });

  test('the edit form of any type stages only what changed, with a re-key of its secrets', async ({
    openHarness,
    secrets,
  }) => {
    const harness = await openHarness();
    await harness.signIn('admin');
    const { page } = harness;
    // A re-key is the type's whole secret unit: every secret field of Copilot Studio.
    const unit = secretFields('copilot_studio').map((f) => ({ key: f.key, value: `copilot-${f.key}-${Date.now()}` }));
    unit.forEach((u) => secrets.register(u.value));
    await page.getByTestId('nav-sources').click();
    await page
      .getByTestId('source-row-src_copilot')
      .getByRole('button', { name: /Copilot/ })
      .first()
      .click();
    await page.getByTestId('edit-source').locator('summary').click();
    await page.getByTestId('edit-description').fill('Purview audit, re-keyed');
    for (const u of unit) await page.getByTestId(`edit-${u.key}`).fill(u.value);
    await page.getByTestId('edit-submit').click();
    await expect(page.getByTestId('edit-result')).toHaveAttribute('data-ok', 'true');
    for (const u of unit) {
      await expect(page.getByTestId(`edit-${u.key}`)).toHaveValue('');
      expect(harness.rendererTrafficText()).not.toContain(u.value);
    }
  });
});
