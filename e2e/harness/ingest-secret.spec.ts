/**
 * A push source's ingest secret, from LangWatch to its owner: kept in the keychain when the
 * create answers, revealed once in the reveal panel (endpoint, snippet, copy that clears
 * itself, "I have stored it"), then gone: a second reveal is refused and the keychain holds
 * nothing. Rotation on the source's detail leads to the same panel. The automatic leak scan
 * checks that each minted secret crossed to the renderer once, in the reveal answer only.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { SEED } from '../../emulator/seed';
import type { ConsoleHarness } from './console-harness';
import { expect, test } from './fixtures';

const ACME = SEED.orgs.enterprise.id;

async function openSignedIn(openHarness: (o?: object) => Promise<ConsoleHarness>): Promise<ConsoleHarness> {
  const harness = await openHarness({ monitorIntervals: { focusedMs: 1_000, backgroundMs: 1_000 } });
  await harness.signIn('admin');
  await harness.page
    .getByRole('button', { name: /Sources/ })
    .first()
    .click();
  await expect(harness.page.getByTestId('sources-view')).toHaveAttribute('data-phase', 'running');
  return harness;
}

/** Creates an OpenTelemetry source as the console does, handing the answer to the keeper like the outbox step. */
async function createPushSource(harness: ConsoleHarness, name: string): Promise<string> {
  const active = harness.services.auth.requireActive();
  const answer = await active.api!.createSource({ organizationId: ACME, sourceType: 'otel_generic', name });
  const outcome = await harness.services.ingestSecrets.keep({
    answer,
    owner: { profileId: active.profile.id, deploymentUrl: active.profile.baseUrl, userId: SEED.users.admin.id },
    origin: 'created',
  });
  expect(outcome).toBe('kept');
  return answer.source.id;
}

/** Serious or critical WCAG 2.2 AA violations inside the reveal panel, light and dark (targets only, never text). */
async function panelViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const result = await new AxeBuilder({ page })
      .include('[data-testid="reveal-panel"]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    for (const v of result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical'))
      found.push(`${colorScheme}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

const ingestAccounts = async (harness: ConsoleHarness) =>
  (await harness.services.secrets.listAccounts()).filter((a) => a.startsWith('ingest:'));

test.describe('ingest secret: shown once, then gone', () => {
  test('a push source’s secret waits for its owner, is revealed once with its endpoint and snippet, copied, stored; a second reveal is refused and the keychain is empty', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await openSignedIn(openHarness);
    const { page } = harness;
    const id = await createPushSource(harness, 'E2E OTel push');
    const secret = emulator.control.mintedIngestSecrets().at(-1)!;
    expect(await ingestAccounts(harness)).toHaveLength(1);

    // The banner says a secret waits; revealing is an explicit step (it wipes the console's copy).
    await page.getByTestId(`reveal-open-${id}`).click();
    const panel = page.getByTestId('reveal-panel');
    await expect(panel).toHaveAttribute('data-state', 'asking');
    await page.getByTestId('reveal-secret').click();
    await expect(panel).toHaveAttribute('data-state', 'revealed');
    await expect(page.getByTestId('ingest-secret-value')).toHaveText(secret);
    const endpoint = `${emulator.langwatchUrl.replace(/\/$/, '')}/api/ingest/otel/${id}`;
    await expect(page.getByTestId('ingest-endpoint')).toHaveText(endpoint);
    await expect(page.getByTestId('snippet-otel-env')).toContainText(`Authorization=Bearer ${secret}`);
    await expect(page.getByTestId('snippet-test-curl')).toContainText(endpoint);
    // Revealed means wiped: the keychain no longer holds it, before the panel even closes.
    expect(await ingestAccounts(harness)).toEqual([]);
    expect(await panelViolations(page)).toEqual([]);

    // Copy goes through main, which clears the clipboard after the stated 60 s.
    await page.getByTestId('copy-ingest-secret').click();
    await expect(page.getByTestId('copy-ingest-secret-status')).toHaveText(/cleared in 60 seconds/);
    expect(harness.clipboard.text).toBe(secret);

    // Escape before "I have stored it" keeps the panel open and asks for the step; keyboard only.
    await page.keyboard.press('Escape');
    await expect(panel).toHaveAttribute('data-state', 'revealed');
    await expect(page.getByTestId('stored-it')).toBeFocused();
    await expect(page.getByTestId('reveal-done')).toBeDisabled();
    await page.keyboard.press('Space');
    await page.getByTestId('reveal-done').focus();
    await page.keyboard.press('Enter');
    await expect(panel).toHaveCount(0);
    await expect(page.getByTestId('waiting-secrets')).toHaveCount(0);

    // A second reveal is refused by name, with the way out.
    const again = await page.evaluate((sourceId) => window.lw!.ingestSecrets.reveal({ sourceId }), id);
    expect(again).toMatchObject({ ok: false, error: { code: 'ingestSecret.already_revealed' } });
    expect(JSON.stringify(again)).toMatch(/Rotate the secret/);
    expect(await ingestAccounts(harness)).toEqual([]);
  });

  test('rotating on the source’s detail explains the 24 h grace and leads to the same reveal panel', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await openSignedIn(openHarness);
    const { page } = harness;
    const { source } = await harness.services.auth
      .requireActive()
      .api!.createSource({ organizationId: ACME, sourceType: 'otel_generic', name: 'E2E rotate me' });
    await page.getByTestId(`source-row-${source.id}`).getByRole('button', { name: 'E2E rotate me' }).click();
    const card = page.getByTestId('ingest-secret-card');
    await expect(card).toBeVisible();
    await card.getByTestId('rotate-open').click();
    await expect(page.getByTestId('rotate-dialog')).toContainText('keeps working for 24 hours');
    await page.getByTestId('rotate-secret').click();
    await page.getByTestId('reveal-secret').click();
    const rotated = emulator.control.mintedIngestSecrets().at(-1)!;
    await expect(page.getByTestId('ingest-secret-value')).toHaveText(rotated);
    await expect(page.getByTestId('revealed-secret')).toContainText('previous one for 24 hours');
    expect(await ingestAccounts(harness)).toEqual([]);
    await page.getByTestId('stored-it').check();
    await page.getByTestId('reveal-done').click();
    await expect(page.getByTestId('reveal-panel')).toHaveCount(0);
  });
});
