import { afterEach, describe, expect, it } from 'vitest';
import { startFleet, type RunningFleet } from '../../emulator/fleet';
import { signIn, trpcClient } from './helpers';

/** Several deployments at once, each with its own ports, sessions, organisations and faults. */
describe('startFleet', () => {
  let fleet: RunningFleet | null = null;
  afterEach(async () => {
    await fleet?.close();
    fleet = null;
  });

  it('runs separate deployments with their own organisations, sessions and sources', async () => {
    fleet = await startFleet({ deployments: 2, organizations: 3, sourcesPerOrganization: 12, pullerSchedule: false });
    const [one, two] = fleet.deployments;
    expect(new Set([one!.langwatchUrl, two!.langwatchUrl, one!.anthropicUrl, two!.anthropicUrl]).size).toBe(4);
    expect(two!.organizations.map((o) => o.id)).toEqual(['org_acme', 'org_small', 'org_d2_3']);
    const cookie = await signIn(two!.langwatchUrl);
    const orgs = await trpcClient(two!.langwatchUrl, cookie).organization.getAll.query();
    expect(orgs.map((o: { id: string }) => o.id).sort()).toEqual(['org_acme', 'org_d2_3', 'org_small']);
    const list = await trpcClient(two!.langwatchUrl, cookie).ingestionSources.list.query({
      organizationId: 'org_d2_3',
    });
    expect(list).toHaveLength(12);
    // A session of one deployment means nothing on another: separate users and sessions.
    await expect(trpcClient(one!.langwatchUrl, cookie).organization.getAll.query()).rejects.toThrow();
  });

  it('starts each deployment with its own faults: down, slow health, no view permission in one org', async () => {
    fleet = await startFleet({
      deployments: 3,
      pullerSchedule: false,
      faults: { 0: { down: true }, 1: { slowHealthMs: 300, noViewOrganizations: ['org_small'] } },
    });
    const [down, slow, fine] = fleet.deployments;
    await expect(fetch(`${down!.langwatchUrl}/api/auth/get-session`)).rejects.toThrow();
    const cookie = await signIn(slow!.langwatchUrl);
    const api = trpcClient(slow!.langwatchUrl, cookie, false);
    const perms = await api.authz.effectivePermissions.query({ organizationId: 'org_small' });
    expect(perms).not.toContain('ingestionSources:view');
    await expect(api.ingestionSources.list.query({ organizationId: 'org_small' })).rejects.toThrow();
    const startedAt = Date.now();
    await api.activityMonitor.ingestionSourcesHealth.query({ organizationId: 'org_acme' });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(290);
    const fineCookie = await signIn(fine!.langwatchUrl);
    expect(
      await trpcClient(fine!.langwatchUrl, fineCookie).ingestionSources.list.query({ organizationId: 'org_small' }),
    ).toHaveLength(2);
  });
});
