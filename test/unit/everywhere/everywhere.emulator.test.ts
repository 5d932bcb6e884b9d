import { afterEach, describe, expect, it } from 'vitest';
import { UNSURE_PLACE_STATES } from '../../../src-shared/domain/everywhere';
import { openFleetConsole, type FleetConsole } from './fleet-setup';

/** The fleet refresher: every place at once, each with its own state. */
describe('Everywhere: places across deployments and organisations', () => {
  let c: FleetConsole | null = null;
  afterEach(async () => {
    await c?.close();
    c = null;
  });

  it('lists every source of every organisation of every signed-in deployment, each place fresh', async () => {
    c = await openFleetConsole({ deployments: 2, organizations: 3, sourcesPerOrganization: 20 });
    await c.everywhere.refreshNow();
    await c.everywhere.settled();
    const { places, rows } = c.everywhere.snapshot();
    expect(places).toHaveLength(6);
    const live = (i: number, org: string) =>
      c!.fleet.deployments[i]!.control.sources(org).filter((s) => s.archivedAt === null).length;
    for (const [i, d] of c.fleet.deployments.entries())
      for (const org of d.organizations)
        expect(c.place(i, org.id)).toMatchObject({
          state: 'fresh',
          sourceCount: live(i, org.id),
          user: 'admin@acme.test',
        });
    expect(rows).toHaveLength(places.reduce((n, p) => n + p.sourceCount, 0));
    // The same organisation id on two deployments is two places: the key holds the profile.
    expect(new Set(rows.map((r) => r.placeKey)).size).toBe(6);
    expect(c.place(0, 'org_acme')).toMatchObject({ health: 'ok', serverNow: expect.any(String) });
    expect(c.place(0, 'org_small')).toMatchObject({ health: 'enterprise_required' });
    expect(JSON.stringify(c.deltas)).not.toContain('parserConfig');
  });

  it('an unchanged place pushes no row again: each organisation’s list keeps its unchanged sources', async () => {
    c = await openFleetConsole({ deployments: 1, organizations: 3, sourcesPerOrganization: 10 });
    // The health answers after the list, so its counts fill in rows already shown.
    c.fleet.deployments[0]!.control.faults.add({ kind: 'latency', ms: 200, route: 'activityMonitor.*' });
    await c.everywhere.refreshNow();
    await c.everywhere.settled();
    // The first health answer filled the counts in; the next list keeps those rows.
    c.deltas.length = 0;
    await c.everywhere.refreshNow();
    await c.everywhere.settled();
    expect(c.deltas.flatMap((d) => d.upserts)).toEqual([]);
  });

  it('sources that start needing attention anywhere make one summary per tick; the first look is not news', async () => {
    // The deployments' records are dated three days back (their Date headers are not): sources
    // added now have waited for their first event longer than the 24 h default.
    c = await openFleetConsole({ deployments: 2, now: () => Date.now() - 3 * 86_400_000 });
    const news: unknown[] = [];
    c.events.on('everywhere.attention', (n) => news.push(n));
    await c.everywhere.refreshNow();
    expect(news).toEqual([]);
    // New sources in two places at once, waiting too long: they start needing attention.
    for (const d of c.fleet.deployments) d.control.seedSources('org_acme', 6);
    await c.everywhere.refreshNow();
    expect(news).toHaveLength(1);
    expect(news[0]).toMatchObject({ places: 2, count: expect.any(Number) });
    await c.everywhere.refreshNow();
    expect(news).toHaveLength(1);
  });

  it('a down deployment, an organisation without view permission and a signed-out profile are places of their own', async () => {
    c = await openFleetConsole(
      { deployments: 3, faults: { 1: { noViewOrganizations: ['org_small'] } } },
      { signedIn: 2 },
    );
    await c.everywhere.refreshNow();
    const acme = c.place(0, 'org_acme')!.sourceCount;
    expect(acme).toBeGreaterThan(0);
    expect(c.place(1, 'org_small')).toMatchObject({ state: 'no_permission', sourceCount: 0 });
    expect(c.place(2, null)).toMatchObject({ state: 'signed_out', organizationId: null });
    await c.fleet.deployments[0]!.control.setOffline(true);
    await c.everywhere.refreshNow();
    // The down deployment keeps its last rows, each place saying why they are not fresh.
    expect(c.place(0, 'org_acme')).toMatchObject({ state: 'unreachable', sourceCount: acme });
    expect(c.everywhere.snapshot().rows.filter((r) => r.placeKey === c!.place(0, 'org_acme')!.key)).toHaveLength(acme);
    expect(c.place(1, 'org_acme')).toMatchObject({ state: 'fresh' });
    expect(UNSURE_PLACE_STATES.has('unreachable')).toBe(true);
  });

  it('exports a selection across deployments with their places, a place not current as a line of its own', async () => {
    c = await openFleetConsole({ deployments: 2 }, { everywhere: { random: () => 0 } });
    await c.everywhere.refreshNow();
    await c.fleet.deployments[1]!.control.setOffline(true);
    await c.everywhere.refreshNow();
    const query = {
      text: '',
      deployment: '',
      organization: 'Small Co',
      attentionOnly: false,
      groupBy: 'place' as const,
    };
    const csv = c.everywhere.export('csv', query).text.trim().split('\r\n');
    expect(csv[0]).toBe(
      'deployment,deploymentUrl,organization,placeState,health,id,name,sourceType,status,lastEventAt,eventsLast24h,cadenceSec,createdAt,archivedAt,teamId,description',
    );
    const states = csv.slice(1).map((line) => line.split(',').slice(0, 4).join(','));
    expect(new Set(states)).toEqual(
      new Set([
        `Deployment 1,${c.fleet.deployments[0]!.langwatchUrl},Small Co,fresh`,
        `Deployment 2,${c.fleet.deployments[1]!.langwatchUrl},Small Co,unreachable`,
      ]),
    );
    const json = JSON.parse(c.everywhere.export('json', query).text) as Array<Record<string, unknown>>;
    expect(json.every((r) => !('parserConfig' in r) && !('placeKey' in r))).toBe(true);
    // The support report of the same selection: each place with its state, never dropped.
    const report = c.everywhere.report(query).text;
    expect(report).toContain('## Deployment 1 · Small Co');
    expect(report).toMatch(/## Deployment 2 · Small Co\n\n[^#]*- State: unreachable/);
    expect(report).toContain('places not current');
  });

  it('a signed-out deployment is one place saying so; an expired session keeps its rows, saying why', async () => {
    c = await openFleetConsole({ deployments: 2 });
    await c.everywhere.refreshNow();
    const acme = c.place(0, 'org_acme')!.sourceCount;
    await c.sessions.signOut(c.profileIds[1]!);
    await c.everywhere.refreshNow();
    expect(c.place(1, null)).toMatchObject({ state: 'signed_out', organizationId: null });
    expect(c.everywhere.snapshot().rows.some((r) => r.placeKey.startsWith(`${c!.profileIds[1]}|`))).toBe(false);
    c.fleet.deployments[0]!.control.expireSessions();
    await c.everywhere.refreshNow();
    await c.everywhere.refreshNow();
    expect(c.place(0, 'org_acme')).toMatchObject({ state: 'expired', sourceCount: acme });
    expect(c.everywhere.snapshot().rows.filter((r) => r.placeKey === c!.place(0, 'org_acme')!.key)).toHaveLength(acme);
  });

  it('with a background interval, places refresh by themselves while the view is not watched', async () => {
    c = await openFleetConsole({ deployments: 1 }, { everywhere: { backgroundIntervalMs: 50 } });
    await expect.poll(() => c!.place(0, 'org_acme')?.state).toBe('fresh');
    c.everywhere.setWatching(true);
    c.everywhere.setWatching(false);
    await c.fleet.deployments[0]!.control.setOffline(true);
    await expect.poll(() => c!.place(0, 'org_acme')?.state).toBe('unreachable');
  });

  it('a read-only device session is a place of its own organisation, read through the CLI', async () => {
    c = await openFleetConsole({ deployments: 2 }, { signedIn: 1 });
    const start = await c.sessions.startDeviceSignIn(c.profileIds[1]!);
    c.fleet.deployments[1]!.control.approveDevice(start.userCode, 'support', 'org_acme');
    await start.completion;
    await c.everywhere.refreshNow();
    const live = c.fleet.deployments[1]!.control.sources('org_acme').filter((s) => s.archivedAt === null).length;
    expect(c.place(1, 'org_acme')).toMatchObject({
      ...{ state: 'fresh', readOnly: true, user: 'support@acme.test', sourceCount: live },
      health: 'not_requested',
    });
    expect(c.place(1, 'org_small')).toBeUndefined();
    expect(c.place(0, 'org_small')).toMatchObject({ state: 'fresh', readOnly: false });
  }, 20_000);

  it('a slow health read and a slow list mark their own place; the other places are fresh meanwhile', async () => {
    c = await openFleetConsole(
      { deployments: 2, faults: { 0: { slowHealthMs: 1500 } } },
      { everywhere: { slowAfterMs: 200 } },
    );
    c.fleet.deployments[1]!.control.faults.add({ kind: 'latency', ms: 1500, route: 'ingestionSources.list' });
    const tick = c.everywhere.refreshNow();
    await expect.poll(() => c!.place(0, 'org_acme')?.state).toBe('fresh');
    expect(c.place(0, 'org_acme')?.health).toBe('loading');
    await expect.poll(() => c!.place(0, 'org_acme')?.health).toBe('slow');
    expect(c.place(1, 'org_acme')?.state).toBe('slow');
    await tick;
    expect(c.place(1, 'org_acme')?.state).toBe('fresh');
    await c.everywhere.settled();
    expect(c.place(0, 'org_acme')?.health).toBe('ok');
  });

  it('a 429 backs off that place for as long as the server asked; the rest refresh', async () => {
    c = await openFleetConsole({ deployments: 2 });
    await c.everywhere.refreshNow();
    const control = c.fleet.deployments[0]!.control;
    control.faults.add({ kind: 'rateLimit', retryAfterSec: 120, route: 'ingestionSources.list' });
    await c.everywhere.refreshNow();
    const limited = c.place(0, 'org_acme')!;
    expect(limited.state).toBe('rate_limited');
    expect(Date.parse(limited.retryAt!) - Date.now()).toBeGreaterThan(100_000);
    control.faults.clear();
    control.clearRequestLog();
    await c.everywhere.refreshNow();
    // Still waiting: not asked again before its Retry-After, while the other deployment is fresh.
    expect(control.requestLog().filter((r) => r.path.includes('ingestionSources.list'))).toHaveLength(0);
    expect(c.place(0, 'org_acme')?.state).toBe('rate_limited');
    expect(c.place(1, 'org_acme')?.state).toBe('fresh');
  });
});
