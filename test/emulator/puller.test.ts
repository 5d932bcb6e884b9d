import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED, startEmulator, type RunningEmulator } from '../../emulator/index';
import { parseCron, cronMatches } from '../../emulator/puller/cron';
import { mapActivity } from '../../emulator/puller/mapping';
import { signIn, trpcClient } from './helpers';

let emu: RunningEmulator;
let cookie: string;
beforeAll(async () => {
  emu = await startEmulator({ pullerSchedule: false, puller: 'documented' });
});
afterAll(() => emu.close());
beforeEach(async () => {
  await emu.control.reset();
  cookie = await signIn(emu.langwatchUrl);
});

const create = (name: string, token: string | null, pullSchedule: string | null = '*/5 * * * *') =>
  trpcClient(emu.langwatchUrl, cookie).ingestionSources.create.mutate({
    organizationId: 'org_acme',
    sourceType: 'claude_compliance',
    name,
    parserConfig: { adapter: 'claude_compliance', pollEverySec: 300, ...(token ? { credentials: { token } } : {}) },
    pullSchedule,
  });

describe('puller', () => {
  it('a new source with a valid key flips awaiting_first_event → active on its first pull', async () => {
    const { source } = await create('Fresh', SEED.anthropicKeys.compliance);
    expect(source.status).toBe('awaiting_first_event');
    const [r] = await emu.control.pullNow(source.id);
    expect(r).toMatchObject({ outcome: 'ok' });
    expect(r!.newEvents).toBeGreaterThan(0);
    const got = await trpcClient(emu.langwatchUrl, cookie).ingestionSources.get.query({
      organizationId: 'org_acme',
      id: source.id,
    });
    expect(got.status).toBe('active');
    expect(got.lastEventAt).toBeInstanceOf(Date);
    const events = await trpcClient(emu.langwatchUrl, cookie).activityMonitor.eventsForSource.query({
      organizationId: 'org_acme',
      sourceId: source.id,
      limit: 200,
    });
    expect(events.length).toBeGreaterThan(0);
    const row = events[0]!;
    // LangWatch's event id is <sourceType>:<sourceId>:<upstream id>; the OCSF row keeps the upstream event.
    expect(row.eventId.startsWith(`claude_compliance:${source.id}:activity_`)).toBe(true);
    expect(row.rawPayload).toContain(row.eventId.split(':')[2]!);
    expect(row.action).toMatch(/_/);
    expect(row.actor).not.toBe('');
    const health = await trpcClient(emu.langwatchUrl, cookie).activityMonitor.sourceHealthMetrics.query({
      organizationId: 'org_acme',
      sourceId: source.id,
    });
    expect(health.events24h).toBe(r!.newEvents);
    expect(health.lastSuccessIso).not.toBeNull();
  });

  it('watermark: later runs read only newer rows, dedup by id, cursor moves', async () => {
    const { source } = await create('Watermark', SEED.anthropicKeys.admin);
    await emu.control.pullNow(source.id);
    const v1 = emu.control.sources('org_acme').find((s) => s.id === source.id)!;
    expect(v1.pollerCursor).toMatch(/^activity_/);
    const added = emu.control.addActivities(7);
    const [r2] = await emu.control.pullNow(source.id);
    // 7 new + the compliance_api_accessed rows recorded by the previous run's calls.
    expect(r2!.newEvents).toBeGreaterThanOrEqual(7);
    const v2 = emu.control.sources('org_acme').find((s) => s.id === source.id)!;
    expect(v2.pollerCursor).not.toBe(v1.pollerCursor);
    expect(v2.eventCount).toBe(v1.eventCount + r2!.newEvents);
    const events = await trpcClient(emu.langwatchUrl, cookie).activityMonitor.eventsForSource.query({
      organizationId: 'org_acme',
      sourceId: source.id,
      limit: 200,
    });
    const ids = events.map((e) => e.eventId);
    for (const id of added) expect(ids).toContain(`claude_compliance:${source.id}:${id}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('overlap re-read picks up a late-indexed row older than the cursor', async () => {
    let t = Date.UTC(2026, 10, 1, 12);
    const e2 = await startEmulator({ pullerSchedule: false, now: () => t, puller: 'documented' });
    try {
      const c = await signIn(e2.langwatchUrl);
      const { source } = await trpcClient(e2.langwatchUrl, c).ingestionSources.create.mutate({
        organizationId: 'org_acme',
        sourceType: 'claude_compliance',
        name: 'Late',
        parserConfig: { adapter: 'claude_compliance', credentials: { token: SEED.anthropicKeys.compliance } },
        pullSchedule: '*/5 * * * *',
      });
      await e2.control.pullNow(source.id);
      t += 60_000;
      // Indexed late: created 5 minutes ago, i.e. older than the watermark.
      const [late] = e2.control.addActivities(1, { at: t - 5 * 60_000, type: 'claude_chat_created' });
      const [r] = await e2.control.pullNow(source.id);
      expect(r!.outcome).toBe('ok');
      const events = await trpcClient(e2.langwatchUrl, c).activityMonitor.eventsForSource.query({
        organizationId: 'org_acme',
        sourceId: source.id,
        limit: 200,
      });
      expect(events.map((e) => e.eventId)).toContain(`claude_compliance:${source.id}:${late}`);
      const again = await e2.control.pullNow(source.id);
      expect(again[0]!.newEvents).toBeLessThan(5); // dedup: only the previous run's own access rows are new
    } finally {
      await e2.close();
    }
  });

  it('401/403 count an error and leave the status; no key or no schedule: never active', async () => {
    const { source: revoked } = await create('Revoked', SEED.anthropicKeys.revoked);
    const [r] = await emu.control.pullNow(revoked.id);
    expect(r).toMatchObject({ outcome: 'auth_error', httpStatus: 401, newEvents: 0 });
    const v = emu.control.sources('org_acme').find((s) => s.id === revoked.id)!;
    expect(v).toMatchObject({ status: 'awaiting_first_event', errorCount: 1, eventCount: 0 });
    const [f] = await emu.control.pullNow('src_cc_oldadmin');
    expect(f).toMatchObject({ outcome: 'auth_error', httpStatus: 403 });
    expect(emu.control.sources('org_acme').find((s) => s.id === 'src_cc_oldadmin')!.status).toBe(
      'awaiting_first_event',
    );
    // The web composer's source: no key, no schedule → not eligible.
    const [c] = await emu.control.pullNow('src_cc_composer');
    expect(c!.outcome).toBe('skipped');
    const all = await emu.control.pullNow();
    expect(all.some((x) => x.sourceId === 'src_cc_composer')).toBe(false);
    expect(all.some((x) => x.sourceId === 'src_cc_old')).toBe(false); // archived
  });

  it('disabled sources are not pulled', async () => {
    const { source } = await create('Disabled', SEED.anthropicKeys.compliance);
    await trpcClient(emu.langwatchUrl, cookie).ingestionSources.update.mutate({
      organizationId: 'org_acme',
      id: source.id,
      status: 'disabled',
    });
    const [r] = await emu.control.pullNow(source.id);
    expect(r!.outcome).toBe('skipped');
  });

  it('the cron scheduler pulls on matching minutes', async () => {
    let t = Date.UTC(2026, 10, 1, 12, 4, 30);
    const e2 = await startEmulator({ now: () => t, puller: 'documented' });
    try {
      const c = await signIn(e2.langwatchUrl);
      const { source } = await trpcClient(e2.langwatchUrl, c).ingestionSources.create.mutate({
        organizationId: 'org_acme',
        sourceType: 'claude_compliance',
        name: 'Cron',
        parserConfig: { adapter: 'claude_compliance', credentials: { token: SEED.anthropicKeys.compliance } },
        pullSchedule: '*/5 * * * *',
      });
      t = Date.UTC(2026, 10, 1, 12, 5, 1);
      // The scheduler's own timer notices the new minute: wait on that fact, not a fixed time.
      await expect
        .poll(() => e2.control.sources('org_acme').find((s) => s.id === source.id)!.status, { timeout: 6000 })
        .toBe('active');
    } finally {
      await e2.close();
    }
  });
});

describe('cron and mapping units', () => {
  it('cron forms', () => {
    const at = (h: number, m: number, day = 1) => Date.UTC(2026, 10, day, h, m); // 2026-11-01 is a Sunday
    expect(cronMatches(parseCron('*/15 * * * *')!, at(3, 45))).toBe(true);
    expect(cronMatches(parseCron('*/15 * * * *')!, at(3, 46))).toBe(false);
    expect(cronMatches(parseCron('0 */6 * * *')!, at(12, 0))).toBe(true);
    expect(cronMatches(parseCron('0 */6 * * *')!, at(13, 0))).toBe(false);
    expect(cronMatches(parseCron('0 0 * * *')!, at(0, 0, 5))).toBe(true);
    expect(cronMatches(parseCron('0 0 * * 0')!, at(0, 0, 1))).toBe(true);
    expect(cronMatches(parseCron('0 0 * * 0')!, at(0, 0, 2))).toBe(false);
    expect(cronMatches(parseCron('30 9 1 * *')!, at(9, 30, 1))).toBe(true);
    for (const bad of ['', '* * * *', '60 * * * *', '*/0 * * * *', 'a * * * *', '* * * * * *'])
      expect(parseCron(bad)).toBeNull();
  });

  it('mapping: LangWatch event id and type, OCSF payload, actor, action, target, never null', () => {
    const e = mapActivity(
      {
        id: 'activity_x',
        created_at: '2026-11-01T00:00:00Z',
        organization_id: 'org_1',
        organization_uuid: null,
        type: 'claude_file_uploaded',
        claude_file_id: 'claude_file_1',
        actor: { type: 'user_actor', email_address: 'a@b.c', user_id: 'u1' },
      },
      0,
      { id: 'src_x', sourceType: 'claude_compliance' },
    );
    expect(e).toMatchObject({
      eventId: 'claude_compliance:src_x:activity_x',
      actor: 'a@b.c',
      action: 'claude_file_uploaded',
      eventType: 'claude_compliance',
      target: 'claude_file_1',
      costUsd: '0',
    });
    const ocsf = JSON.parse(e.rawPayload);
    expect(ocsf).toMatchObject({
      class_uid: 6003,
      activity_id: 1,
      actor: { user: { email_addr: 'a@b.c', uid: '' } },
      api: { operation: 'claude_file_uploaded' },
      dst_endpoint: { name: 'claude_file_1' },
    });
    expect(ocsf.metadata.extension).toMatchObject({
      source_type: 'claude_compliance',
      source_id: 'src_x',
      ingest_mode: 'pull',
      cost_usd: '0',
      raw_event: { id: 'activity_x' },
    });
    const o = mapActivity(
      {
        id: 'activity_y',
        created_at: '2026-11-01T00:00:00Z',
        organization_id: 'org_1',
        organization_uuid: null,
        type: 'weird',
        actor: { type: 'anthropic_actor', email_address: null },
      },
      0,
      { id: 'src_x', sourceType: 'claude_compliance' },
    );
    expect(o.target).toBe('org_1');
    expect(o.actor).toBe(''); // no address and no id: LangWatch's actor column stays empty
  });
});
