import { join } from 'node:path';
import { startFleet, type RunningFleet } from '../../emulator/fleet';
import { SEED } from '../../emulator/seed';
import type { ConsoleHarness } from './console-harness';
import { expect, test } from './fixtures';

/** Live sources of an organisation of a deployment (the emulator lists archived ones too). */
const live = (fleet: RunningFleet, i: number, org: string) =>
  fleet.deployments[i]!.control.sources(org).filter((s) => s.archivedAt === null).length;

/** Two deployments, three organisations each; the admin signed in to both. */
async function openFleet(openHarness: (o?: object) => Promise<ConsoleHarness>, fleet: RunningFleet) {
  const [one, two] = fleet.deployments;
  const harness = await openHarness({
    langwatchUrl: one!.langwatchUrl,
    anthropicUrl: one!.anthropicUrl,
    demoDeployments: [{ name: two!.name, baseUrl: two!.langwatchUrl, anthropicBaseUrl: two!.anthropicUrl }],
    everywhere: { intervalMs: 1_000, slowAfterMs: 1_000 },
  });
  await harness.signIn('admin');
  const second = harness.services.auth.state().profiles.find((p) => p.baseUrl === two!.langwatchUrl)!;
  await harness.services.sessions.signInWithEmail(second.id, SEED.users.admin);
  await harness.page.getByTestId('nav-everywhere').click();
  return { harness, second };
}

const placeRow = (harness: ConsoleHarness, profileId: string, org: string) =>
  harness.page.locator(`[data-testid="everywhere-place"][data-place="${profileId}|${org}"]`);

test.describe('everywhere: one glance across deployments and organisations', () => {
  let fleet: RunningFleet | null = null;
  test.afterEach(async () => {
    await fleet?.close();
    fleet = null;
  });

  test('every source of both deployments is listed; a down deployment, an org without permission and slow health each show as their own', async ({
    openHarness,
  }) => {
    fleet = await startFleet({
      deployments: 2,
      organizations: 3,
      sourcesPerOrganization: 5,
      pullerSchedule: false,
      faults: { 1: { slowHealthMs: 8_000, noViewOrganizations: ['org_small'] } },
    });
    const { harness, second } = await openFleet(openHarness, fleet);
    const { page } = harness;
    const first = harness.services.auth.state().activeProfileId!;
    const total =
      ['org_acme', 'org_small', 'org_d1_3'].reduce((n, o) => n + live(fleet!, 0, o), 0) +
      ['org_acme', 'org_d2_3'].reduce((n, o) => n + live(fleet!, 1, o), 0);
    await expect(page.getByTestId('everywhere-summary')).toContainText(`${total} sources in 6 places`);
    // The organisation without view permission is a place of its own, never silently missing.
    await page.getByTestId('everywhere-organization').selectOption('Small Co');
    await expect(placeRow(harness, second.id, 'org_small')).toHaveAttribute('data-state', 'no_permission');
    await expect(placeRow(harness, first, 'org_small')).toHaveAttribute('data-state', 'fresh');
    // Slow health is a cell of its own place; the list beside it is fresh.
    await page.getByTestId('everywhere-organization').selectOption('Acme Corp');
    await expect(placeRow(harness, second.id, 'org_acme')).toHaveAttribute('data-health', 'slow');
    await expect(placeRow(harness, second.id, 'org_acme')).toHaveAttribute('data-state', 'fresh');
    await expect(placeRow(harness, first, 'org_acme')).toHaveAttribute('data-health', 'ok');
    await expect(page.getByTestId('everywhere-summary')).toHaveAttribute('data-verdict', /attention|unsure/);
    // LW_UPDATE_SCREENSHOTS=1: the README's picture of the view, every organisation shown.
    if (process.env.LW_UPDATE_SCREENSHOTS === '1') {
      await page.getByTestId('everywhere-organization').selectOption('');
      await expect(page.getByTestId('everywhere-place').first()).toBeVisible();
      await page.setViewportSize({ width: 1280, height: 820 });
      const path = join(__dirname, '../../docs/screenshots/everywhere-light.png');
      await page.screenshot({ path, caret: 'hide', animations: 'disabled' });
    }
    await page.getByTestId('everywhere-organization').selectOption('Acme Corp');
    // One deployment going down: its places say so and keep their rows; the other stays fresh.
    await fleet.deployments[0]!.control.setOffline(true);
    await expect(placeRow(harness, first, 'org_acme')).toHaveAttribute('data-state', 'unreachable');
    await expect(placeRow(harness, first, 'org_acme')).toContainText('Unreachable');
    await expect(placeRow(harness, second.id, 'org_acme')).toHaveAttribute('data-state', 'fresh');
    await expect(page.getByTestId('everywhere-summary')).toContainText(`${total} sources in 6 places`);
  });

  test('a row opens its detail in its own deployment and organisation', async ({ openHarness }) => {
    fleet = await startFleet({ deployments: 2, organizations: 3, pullerSchedule: false });
    const { harness, second } = await openFleet(openHarness, fleet);
    const { page } = harness;
    await page.getByTestId('everywhere-deployment').selectOption(second.id);
    await page.getByTestId('everywhere-organization').selectOption('Small Co');
    const name = fleet.deployments[1]!.control.sources('org_small').find((s) => s.archivedAt === null)!.name;
    await page.getByTestId('everywhere-search').fill(name);
    await page.getByRole('button', { name }).click();
    await expect(page.getByTestId('source-detail')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('source-detail')).toContainText(name);
    expect(harness.services.auth.state()).toMatchObject({
      activeProfileId: second.id,
      activeOrganizationId: 'org_small',
    });
    // The first deployment's session is still there.
    expect(harness.services.auth.state().profileSessions.map((p) => p.session.kind)).toEqual([
      'signed_in',
      'signed_in',
    ]);
  });
});
