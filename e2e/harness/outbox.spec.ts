import { systemClock, type Clock } from '../../src-main/services/clock';
import { SEED } from '../../emulator/seed';
import type { ConsoleHarness } from './console-harness';
import { expect, test } from './fixtures';
import { composeSource, expectKeysGoneAndAccounted, outboxEntry } from './outbox-helpers';

const ACME = SEED.orgs.enterprise.id;
const SMALL = SEED.orgs.free.id;
const KEY = SEED.anthropicKeys.compliance;
const ADMIN_KEY = SEED.anthropicKeys.admin;

async function signedIn(openHarness: (o?: object) => Promise<ConsoleHarness>, options: object = {}) {
  const harness = await openHarness(options);
  await harness.signIn('admin');
  return harness;
}

const named = (
  emulator: { control: { sources(org: string): Array<{ name: string; id: string }> } },
  org: string,
  name: string,
) => emulator.control.sources(org).filter((s) => s.name === name);

test.describe('outbox journeys (real keychain, emulator)', () => {
  test('online submit: the source appears awaiting_first_event and the keychain entry is gone', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await signedIn(openHarness);
    const { page } = harness;
    const stagedId = await composeSource(page, { name: 'E2E online', key: KEY, description: 'made by e2e' });
    const row = await outboxEntry(page, stagedId);
    await expect(row).toHaveAttribute('data-state', 'submitted');
    await expect(row.getByTestId('entry-fingerprint')).toContainText('sk-ant-api01-…AAAA');
    await expect(row.getByTestId('entry-key-check')).toContainText('valid');
    const [src] = named(emulator, ACME, 'E2E online');
    expect(src).toMatchObject({ status: 'awaiting_first_event', pullSchedule: '*/5 * * * *', hasCredentials: true });
    expect(emulator.control.credentialMatches(src!.id, KEY)).toBe(true);
    await harness.services.outbox.idle();
    expect(await harness.services.secrets.listAccounts()).not.toContain(`staged:${stagedId}`);
    await expect(page.getByTestId('badge-outbox')).toHaveCount(0);
    expect((await harness.services.outbox.history(src!.id))[0]).toMatchObject({ action: 'created', pollEverySec: 300 });
    await expectKeysGoneAndAccounted(harness, [KEY]);
  });

  test('staged while the emulator is offline, services restarted, back online: created exactly once, notified', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await signedIn(openHarness);
    const { page } = harness;
    await emulator.control.setOffline(true, { which: 'langwatch' });
    const stagedId = await composeSource(page, { name: 'E2E offline', key: KEY });
    const row = await outboxEntry(page, stagedId);
    await expect(row).toHaveAttribute('data-state', 'retrying');
    await expect(row.getByTestId('entry-error')).toContainText(/reach|answer/);
    await expect(page.getByTestId('badge-outbox')).toHaveText('1');
    expect(await harness.services.secrets.listAccounts()).toContain(`staged:${stagedId}`);
    await harness.restart();
    await emulator.control.setOffline(false);
    const after = await outboxEntry(page, stagedId);
    await after
      .getByTestId('entry-retry')
      .click({ timeout: 2_000 })
      .catch(() => undefined); // may already be on its way
    await expect(after).toHaveAttribute('data-state', 'submitted', { timeout: 15_000 });
    expect(named(emulator, ACME, 'E2E offline')).toHaveLength(1);
    await expect
      .poll(() => harness.traffic.some((m) => m.kind === 'event' && m.channel === 'outbox.submitted'))
      .toBe(true);
    await expectKeysGoneAndAccounted(harness, [KEY]);
  });

  test('429 with Retry-After, then 5xx: retried and created once each', async ({ openHarness, emulator }) => {
    const harness = await signedIn(openHarness);
    const { page } = harness;
    emulator.control.faults.add({ route: 'ingestionSources.create', kind: 'rateLimit', retryAfterSec: 2, times: 1 });
    const limited = await composeSource(page, { name: 'E2E 429', key: KEY });
    const row = await outboxEntry(page, limited);
    await expect(row).toHaveAttribute('data-state', 'submitted', { timeout: 10_000 });
    await expect(row.getByTestId('entry-attempts')).toHaveText('2');
    expect(named(emulator, ACME, 'E2E 429')).toHaveLength(1);

    emulator.control.faults.add({ route: 'ingestionSources.create', kind: 'error5xx', times: 1 });
    const failed = await composeSource(page, { name: 'E2E 5xx', key: KEY });
    const row2 = await outboxEntry(page, failed);
    await expect(row2).toHaveAttribute('data-state', 'submitted', { timeout: 10_000 });
    expect(named(emulator, ACME, 'E2E 5xx')).toHaveLength(1);
    await expectKeysGoneAndAccounted(harness, [KEY]);
  });

  test('the auth dropped after the server committed the create: reconciled to one source', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await signedIn(openHarness);
    const { page } = harness;
    emulator.control.faults.add({ route: 'ingestionSources.create', kind: 'resetAfter', times: 1 });
    const stagedId = await composeSource(page, { name: 'E2E reset', key: KEY });
    const row = await outboxEntry(page, stagedId);
    await expect(row).toHaveAttribute('data-state', /retrying|submitted/);
    await row
      .getByTestId('entry-retry')
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    await expect(row).toHaveAttribute('data-state', 'submitted', { timeout: 10_000 });
    await expect(row.getByTestId('entry-source')).toContainText('found on the server');
    expect(named(emulator, ACME, 'E2E reset')).toHaveLength(1);
    await expectKeysGoneAndAccounted(harness, [KEY]);
  });

  test('rejected (cap reached, duplicate name) -> edited and resubmitted', async ({ openHarness, emulator }) => {
    const harness = await signedIn(openHarness);
    const { page } = harness;
    await harness.services.auth.selectOrganization(SMALL);
    // On a plan without Enterprise the composer offers Generic OpenTelemetry only, as LangWatch's
    // does; LangWatch's server still takes any type up to the cap, so these go through the channel.
    const stageSmall = async (name: string) => {
      const r = await page.evaluate(
        ([org, n, key]) =>
          window.lw!.outbox.stage({ kind: 'create', organizationId: org, name: n, key, pollEverySec: 300 }),
        [SMALL, name, KEY] as const,
      );
      expect(r.ok).toBe(true);
      return r.ok ? r.value.stagedId : '';
    };
    const first = await stageSmall('E2E small 3');
    await expect(await outboxEntry(page, first)).toHaveAttribute('data-state', 'submitted');
    const capped = await stageSmall('E2E small 4');
    const row = await outboxEntry(page, capped);
    await expect(row).toHaveAttribute('data-state', 'rejected');
    await expect(row.getByTestId('entry-error')).toContainText('most its plan allows');
    await harness.services.auth.requireActive().api!.archiveSource(SMALL, 'src_small_otel');
    await row.getByTestId('entry-edit').click();
    await row.getByTestId('key-input').fill(ADMIN_KEY); // re-enter a different key
    await row.getByTestId('edit-save').click();
    await expect(row).toHaveAttribute('data-state', 'submitted');
    await expect(row.getByTestId('entry-fingerprint')).toContainText('sk-ant-admin01-…AAAA');
    const [small4] = named(emulator, SMALL, 'E2E small 4');
    expect(emulator.control.credentialMatches(small4!.id, ADMIN_KEY)).toBe(true);

    // Duplicate name: the form refuses it live, so stage it through the renderer API directly.
    await harness.services.auth.selectOrganization(ACME);
    const dup = await page.evaluate(
      ([org, key]) =>
        window.lw!.outbox.stage({
          kind: 'create',
          organizationId: org,
          name: 'Claude Compliance — Production',
          key,
          pollEverySec: 300,
        }),
      [ACME, KEY] as const,
    );
    expect(dup.ok).toBe(true);
    const dupId = dup.ok ? dup.value.stagedId : '';
    const dupRow = await outboxEntry(page, dupId);
    await dupRow
      .getByTestId('entry-retry')
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    await expect(dupRow).toHaveAttribute('data-state', 'rejected', { timeout: 10_000 });
    await expect(dupRow.getByTestId('entry-error')).toContainText('already exists');
    await dupRow.getByTestId('entry-edit').click();
    await dupRow.getByTestId('edit-name').fill('Claude Compliance — Production (EU)');
    await dupRow.getByTestId('edit-save').click();
    await expect(dupRow).toHaveAttribute('data-state', 'submitted');
    expect(named(emulator, ACME, 'Claude Compliance — Production')).toHaveLength(1);
    expect(named(emulator, ACME, 'Claude Compliance — Production (EU)')).toHaveLength(1);
    await expectKeysGoneAndAccounted(harness, [KEY, ADMIN_KEY]);
  });

  test('TTL expiry wipes the key and marks the entry expired; discard wipes it too', async ({
    openHarness,
    emulator,
  }) => {
    let offset = 0;
    const clock: Clock = { ...systemClock, now: () => Date.now() + offset };
    const harness = await signedIn(openHarness, { clock });
    const { page } = harness;
    await emulator.control.setOffline(true, { which: 'langwatch' });
    const expiring = await composeSource(page, { name: 'E2E ttl', key: KEY });
    const discarding = await composeSource(page, { name: 'E2E discard', key: ADMIN_KEY });
    const row = await outboxEntry(page, expiring);
    await expect(row).toHaveAttribute('data-state', 'retrying');
    offset = 25 * 3600_000; // a day later
    // "Retry now" wakes the worker, which finds the key past its lifetime. The worker's own timer
    // may get there first (then the entry is expired and the button gone): both end the same way.
    await expect
      .poll(async () => {
        if ((await row.getAttribute('data-state')) === 'retrying')
          await row
            .getByTestId('entry-retry')
            .click({ timeout: 1000 })
            .catch(() => undefined);
        return row.getAttribute('data-state');
      })
      .toBe('expired');
    await expect(row.getByTestId('entry-fingerprint')).toContainText('wiped');
    const discardRow = page.locator(`[data-testid="outbox-entry"][data-staged-id="${discarding}"]`);
    // it expired too (same day): stage a fresh one to discard
    await expect(discardRow).toHaveAttribute('data-state', 'expired');
    const fresh = await composeSource(page, { name: 'E2E discard 2', key: ADMIN_KEY });
    const freshRow = await outboxEntry(page, fresh);
    // Discard asks, names what is lost, and can be undone for a few seconds.
    await freshRow.getByTestId('entry-discard').click();
    await expect(freshRow.getByTestId('discard-confirm')).toContainText('E2E discard 2');
    await expect(freshRow.getByTestId('discard-confirm')).toContainText('wiped from the keychain');
    await freshRow.getByTestId('discard-confirm-yes').click();
    await freshRow.getByTestId('discard-undo').click();
    await expect(freshRow.getByTestId('entry-discard')).toBeVisible();
    expect(harness.services.outbox.list().find((e) => e.id === fresh)?.state).not.toBe('discarded');
    await freshRow.getByTestId('entry-discard').click();
    await freshRow.getByTestId('discard-confirm-yes').click();
    await expect(freshRow.getByTestId('discard-pending')).toBeVisible();
    await expect(freshRow).toHaveAttribute('data-state', 'discarded', { timeout: 10_000 });
    expect((await harness.services.secrets.listAccounts()).filter((a) => a.startsWith('staged:'))).toEqual([]);
    await emulator.control.setOffline(false);
    expect(named(emulator, ACME, 'E2E ttl')).toHaveLength(0);
    await expectKeysGoneAndAccounted(harness, [KEY, ADMIN_KEY]);
  });

  test('re-key and cadence change of an existing source go through the outbox as updates', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await signedIn(openHarness);
    const { page } = harness;
    const rekey = await page.evaluate(
      ([org, key]) =>
        window.lw!.outbox.stage({
          kind: 'update',
          organizationId: org,
          sourceId: 'src_cc_prod',
          name: 'Claude Compliance — Production',
          key,
          pollEverySec: 3600,
        }),
      [ACME, ADMIN_KEY] as const,
    );
    expect(rekey.ok && rekey.value.fingerprint).toBe('sk-ant-admin01-…AAAA');
    const rekeyRow = await outboxEntry(page, rekey.ok ? rekey.value.stagedId : '');
    await expect(rekeyRow).toHaveAttribute('data-state', 'submitted');
    expect(emulator.control.credentialMatches('src_cc_prod', ADMIN_KEY)).toBe(true);
    expect(emulator.control.sources(ACME).find((s) => s.id === 'src_cc_prod')?.pullSchedule).toBe('0 * * * *');

    const cadence = await page.evaluate(
      ([org]) =>
        window.lw!.outbox.stage({
          kind: 'update',
          organizationId: org,
          sourceId: 'src_cc_prod',
          name: 'Claude Compliance — Production',
          pollEverySec: 1800,
        }),
      [ACME] as const,
    );
    const cadenceRow = await outboxEntry(page, cadence.ok ? cadence.value.stagedId : '');
    await expect(cadenceRow).toHaveAttribute('data-state', 'submitted');
    expect(emulator.control.sources(ACME).find((s) => s.id === 'src_cc_prod')?.pullSchedule).toBe('*/30 * * * *');
    expect(emulator.control.credentialMatches('src_cc_prod', ADMIN_KEY)).toBe(true); // the key was kept
    const history = await harness.services.outbox.history('src_cc_prod');
    expect(history.map((h) => h.action)).toEqual(['cadence_changed', 'rekeyed', 'cadence_changed']);
    await expectKeysGoneAndAccounted(harness, [ADMIN_KEY]);
  });

  test('signed out and another person signed in: the key waits for its owner, shown apart without key facts', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await signedIn(openHarness);
    const { page } = harness;
    await emulator.control.setOffline(true, { which: 'langwatch' });
    const stagedId = await composeSource(page, { name: 'E2E owner bound', key: KEY });
    await expect(await outboxEntry(page, stagedId)).toHaveAttribute('data-state', 'retrying');
    await harness.services.sessions.signOut(harness.services.auth.state().activeProfileId!);
    await emulator.control.setOffline(false);
    await harness.signIn('member');
    await page.locator('#nav-outbox').click();
    // A member is not an organisation admin: they may not act on it, so it is not shown to them at all.
    await expect(page.getByTestId('outbox-entry').or(page.getByTestId('outbox-empty')).first()).toBeVisible();
    await expect(page.locator(`[data-testid="outbox-other-entry"][data-staged-id="${stagedId}"]`)).toHaveCount(0);
    await expect(page.locator(`[data-testid="outbox-entry"][data-staged-id="${stagedId}"]`)).toHaveCount(0);
    await expect(page.getByText('sk-ant-api01-…AAAA')).toHaveCount(0);
    await harness.services.outbox.idle();
    expect(named(emulator, ACME, 'E2E owner bound')).toHaveLength(0);
    await harness.services.sessions.signOut(harness.services.auth.state().activeProfileId!);
    await harness.signIn('admin');
    await expect(await outboxEntry(page, stagedId)).toHaveAttribute('data-state', 'submitted', { timeout: 15_000 });
    expect(named(emulator, ACME, 'E2E owner bound')).toHaveLength(1);
    await expectKeysGoneAndAccounted(harness, [KEY]);
  });

  test('"Forget this deployment profile" says how many staged keys go with it; signed out it refuses and names whose they are; their owner forgets it and they are wiped', async ({
    openHarness,
    emulator,
  }) => {
    const harness = await signedIn(openHarness);
    const { page } = harness;
    await emulator.control.setOffline(true, { which: 'langwatch' });
    const stagedId = await composeSource(page, { name: 'E2E forgotten', key: KEY });
    await expect(await outboxEntry(page, stagedId)).toHaveAttribute('data-state', 'retrying');
    await page.getByTestId('sign-out').click();
    await page.locator('#nav-sources').click(); // signed out: the sign-in view
    await page.getByTestId('profile-forget').click();
    await expect(page.getByTestId('forget-staged-count')).toHaveText('discards 1 staged key');
    const forgotten = harness.services.auth.state().activeProfileId!;
    await page.getByTestId('profile-forget-confirm').click();
    // Signed out, nobody may discard the admin's entry: refused, named, nothing changed.
    await expect(page.getByTestId('forget-refused')).toContainText(SEED.users.admin.email);
    await expect(page.getByTestId('profile-forget-confirm')).toBeVisible();
    expect(harness.services.auth.state().profiles.map((p) => p.id)).toContain(forgotten);
    expect(harness.services.outbox.list().find((e) => e.id === stagedId)).toMatchObject({ keyHeld: true });
    await page.getByRole('button', { name: 'Keep it' }).click();

    // Back online, creates failing (so the entry still waits), the admin signs in and forgets it.
    emulator.control.faults.add({ route: 'ingestionSources.create', kind: 'error5xx', times: 100 });
    await emulator.control.setOffline(false);
    await harness.signIn('admin');
    await page.locator('#nav-deployments').click();
    await page.getByTestId('profile-forget').click();
    await page.getByTestId('profile-forget-confirm').click();
    // (the console adds the default deployment again when none is left: a new profile id)
    await expect.poll(() => harness.services.auth.state().profiles.map((p) => p.id)).not.toContain(forgotten);
    expect(harness.services.outbox.list().find((e) => e.id === stagedId)?.state).toBe('discarded');
    expect((await harness.services.secrets.listAccounts()).filter((a) => a.startsWith('staged:'))).toEqual([]);
    await emulator.control.setOffline(false);
    expect(named(emulator, ACME, 'E2E forgotten')).toHaveLength(0);
    await expectKeysGoneAndAccounted(harness, [KEY]);
  });
});
