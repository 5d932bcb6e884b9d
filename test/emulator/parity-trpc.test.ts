/**
 * Contract rows of langwatch.md §8 for tRPC, written from LangWatch's
 * trpc.error-formatter.ts, packages/handled-error (HandledError.serialize, ValidationError),
 * packages/trpc (handledErrorToTRPCCode), ee/governance/routers/ingestionSources.ts and
 * activityMonitor.ts, and IngestionSourceService (ingestionSource.service.ts,
 * ingestionCredentials.ts, the pullScheduleSchema of ingestion-pull-processing).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { rawTrpc, signIn } from './helpers';

let emu: RunningEmulator;
let admin: string;
let member: string;
const ACME = 'org_acme';
beforeAll(async () => {
  emu = await startEmulator({ pullerSchedule: false });
});
afterAll(() => emu.close());
beforeEach(async () => {
  await emu.control.reset();
  admin = await signIn(emu.langwatchUrl, 'admin');
  member = await signIn(emu.langwatchUrl, 'member');
});

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire bodies
const post = (path: string, input: unknown, cookie = admin) =>
  rawTrpc(emu.langwatchUrl, path, input, { cookie, method: 'POST' });
const get = (path: string, input: unknown, cookie = admin) => rawTrpc(emu.langwatchUrl, path, input, { cookie });
const err = (r: { body: Body }): Body => r.body.error.json;
const input = (name: string, extra: Record<string, unknown> = {}) => ({
  organizationId: ACME,
  sourceType: 'otel_generic',
  name,
  ...extra,
});

describe('error envelope (trpc.error-formatter.ts, HandledError.serialize)', () => {
  it('a zod input failure: HTTP 400 BAD_REQUEST, data.error is a 422 validation_error, authored false', async () => {
    const r = await post('ingestionSources.create', input('n'.repeat(129)));
    expect(r.status).toBe(400);
    const e = err(r);
    expect(e).toMatchObject({
      message: 'validation_error',
      code: -32600,
      data: { code: 'BAD_REQUEST', httpStatus: 400, authored: false },
    });
    expect(e.data.error).toMatchObject({
      code: 'validation_error',
      kind: 'validation_error',
      httpStatus: 422,
      fault: 'customer',
      retryable: false,
      reasons: [],
    });
    expect(e.data.error.meta.fieldErrors).toHaveProperty('name');
    expect(Array.isArray(e.data.error.meta.formErrors)).toBe(true);
  });

  it('a handled error: message = code, kind = code, authored false (ingestion_source_not_found)', async () => {
    const r = await get('ingestionSources.get', { organizationId: ACME, id: 'nope' });
    expect(r.status).toBe(404);
    expect(err(r)).toMatchObject({
      message: 'ingestion_source_not_found',
      code: -32004,
      data: {
        code: 'NOT_FOUND',
        httpStatus: 404,
        authored: false,
        error: {
          code: 'ingestion_source_not_found',
          kind: 'ingestion_source_not_found',
          httpStatus: 404,
          meta: { id: 'nope' },
        },
      },
    });
  });

  it('§8: get with an empty id → 404 (the router takes any string)', async () => {
    expect((await get('ingestionSources.get', { organizationId: ACME, id: '' })).status).toBe(404);
  });

  it('permission denials: no-binding for a member without the permission, no-membership outside the org', async () => {
    const denied = err(await get('ingestionSources.list', { organizationId: ACME }, member));
    expect(denied).toMatchObject({
      message: 'permission_denied',
      data: {
        httpStatus: 403,
        authored: false,
        error: {
          code: 'permission_denied',
          kind: 'permission_denied',
          meta: {
            permission: 'ingestionSources:view',
            denialReason: 'no-binding',
            scopeType: 'organization',
          },
        },
      },
    });
    const outside = err(await get('ingestionSources.list', { organizationId: 'org_small' }, member));
    expect(outside.data.error.meta.denialReason).toBe('no-membership');
  });

  it('§8: a teamId of another organisation (or a deleted one) → 403 permission_denied no-membership at organization scope (the lineage guard), on create and update', async () => {
    for (const teamId of ['team_small', 'team_deleted']) {
      const c = await post('ingestionSources.create', input(`T ${teamId}`, { teamId }));
      expect(c.status).toBe(403);
      expect(err(c).data.error).toMatchObject({
        code: 'permission_denied',
        meta: { permission: 'ingestionSources:manage', denialReason: 'no-membership', scopeType: 'organization' },
      });
      expect(err(c).data.error.meta).not.toHaveProperty('scope');
      expect(JSON.stringify(err(c))).not.toContain(teamId);
      const u = await post('ingestionSources.update', { organizationId: ACME, id: 'src_otel', teamId });
      expect(err(u).data.error.meta.denialReason).toBe('no-membership');
    }
    expect((await post('ingestionSources.create', input('Own team', { teamId: 'team_platform' }))).status).toBe(200);
  });

  it('enterprise guard of the activity monitor: plain FORBIDDEN with its sentence, data.error null, authored true', async () => {
    const r = await get('activityMonitor.ingestionSourcesHealth', { organizationId: 'org_small' });
    expect(r.status).toBe(403);
    expect(err(r)).toMatchObject({
      message: 'The activity monitor requires an Enterprise plan',
      data: { error: null, authored: true },
    });
  });
});

describe('credentials (ingestionCredentials.ts, IngestionSourceService.updateSource)', () => {
  it('§8: any non-null shape is sealed, never returned', async () => {
    const shapes: unknown[] = [
      { token: 'sk-ant-x' },
      'plain-string',
      42,
      { apiKey: 'k' },
      ['a'],
      { token: { nested: 'enc:v1:not-top-level' } },
    ];
    for (const [i, credentials] of shapes.entries()) {
      const r = await post(
        'ingestionSources.create',
        input(`Creds ${i}`, { parserConfig: { adapter: 'x', credentials } }),
      );
      expect(r.status).toBe(200);
      expect(r.text).not.toContain('credentials');
      const raw = emu.control.sources(ACME).find((s) => s.name === `Creds ${i}`)!;
      expect(raw.credentialsSealed).toBe(true);
    }
    await post('ingestionSources.create', input('Null creds', { parserConfig: { credentials: null } }));
    expect(emu.control.sources(ACME).find((s) => s.name === 'Null creds')!.credentialsSealed).toBeNull();
  });

  it('§8: a sealed enc:v1: string is refused only on update, only top-level, without meta', async () => {
    const created = await post(
      'ingestionSources.create',
      input('Sealed on create', { parserConfig: { credentials: 'enc:v1:abc' } }),
    );
    expect(created.status).toBe(200);
    const nested = await post('ingestionSources.update', {
      organizationId: ACME,
      id: 'src_otel',
      parserConfig: { credentials: { token: 'enc:v1:abc' } },
    });
    expect(nested.status).toBe(200);
    const top = await post('ingestionSources.update', {
      organizationId: ACME,
      id: 'src_cc_prod',
      parserConfig: { adapter: 'claude_compliance', credentials: 'enc:v1:abc' },
    });
    expect(top.status).toBe(422);
    expect(err(top)).toMatchObject({
      message: 'validation_error',
      code: -32022,
      data: { code: 'UNPROCESSABLE_CONTENT', error: { code: 'validation_error', httpStatus: 422, meta: {} } },
    });
  });
});

describe('§8 duplicate names (the unique (organizationId, name) index)', () => {
  it('create and rename onto a taken name (archived included) → 500 "An unknown error occurred", data.error null', async () => {
    for (const name of ['OTel Collector', 'Claude Compliance — Old workspace']) {
      const c = await post('ingestionSources.create', input(name));
      expect(c.status).toBe(500);
      expect(err(c)).toMatchObject({
        message: 'An unknown error occurred',
        code: -32603,
        data: { code: 'INTERNAL_SERVER_ERROR', error: null, authored: false },
      });
      const u = await post('ingestionSources.update', { organizationId: ACME, id: 'src_s3', name });
      expect(u.status).toBe(500);
      expect(err(u).message).toBe('An unknown error occurred');
    }
    expect(
      (await post('ingestionSources.update', { organizationId: ACME, id: 'src_s3', name: 'S3 Audit Bucket' })).status,
    ).toBe(200);
    expect(
      (
        await post('ingestionSources.create', {
          ...input('OTel'),
          organizationId: 'org_small',
          sourceType: 'otel_generic',
        })
      ).status,
    ).toBe(500);
  });
});

describe('§8 archive', () => {
  it('re-archiving re-stamps archivedAt', async () => {
    const first = await post('ingestionSources.archive', { organizationId: ACME, id: 'src_otel' });
    await new Promise((r) => setTimeout(r, 15));
    const second = await post('ingestionSources.archive', { organizationId: ACME, id: 'src_otel' });
    const at = (r: { body: Body }) => Date.parse(r.body.result.data.json.archivedAt as string);
    expect(at(second)).toBeGreaterThan(at(first));
    expect(second.body.result.data.json.status).toBe('disabled');
  });
});

describe('§8 pullSchedule with croner v10 (pullScheduleSchema)', () => {
  it.each([
    '0 9 * * MON-FRI',
    '0 0 1 JAN *',
    '0 0 L * *',
    '0 0 15W * *',
    '0 0 ? * 1',
    '0 0 * * 5#2',
    '*/15 * * * *',
    '0 0 * * 7',
  ])('accepts %s', async (cron) => {
    expect((await post('ingestionSources.create', input(`cron ${cron}`, { pullSchedule: cron }))).status).toBe(200);
  });

  it.each([
    ['0 0 31 2 *', 'pull schedule is not a valid cron expression'],
    ['61 * * * *', 'pull schedule is not a valid cron expression'],
    ['0 0 * * 8', 'pull schedule is not a valid cron expression'],
    ['@daily', 'pull schedule must be a five-field cron expression'],
    ['0 0 0 * * *', 'pull schedule must be a five-field cron expression'],
    ['* * * *', 'pull schedule must be a five-field cron expression'],
  ])('refuses %s with 422 and the complaint in formErrors', async (cron, complaint) => {
    const r = await post('ingestionSources.create', input(`bad ${cron}`, { pullSchedule: cron }));
    expect(r.status).toBe(422);
    expect(err(r).data.error.meta).toEqual({ formErrors: [complaint] });
    const u = await post('ingestionSources.update', { organizationId: ACME, id: 'src_cc_prod', pullSchedule: cron });
    expect(u.status).toBe(422);
  });
});

describe('activity monitor without its analytics store (ClickHouseUnavailableError)', () => {
  it('activityMonitor.* → 500 clickhouse_unavailable (data.error.httpStatus 503, fault platform); the CLI answers 503', async () => {
    emu.control.setActivityMonitorUnavailable(true);
    for (const [path, inp] of [
      ['activityMonitor.ingestionSourcesHealth', { organizationId: ACME }],
      ['activityMonitor.sourceHealthMetrics', { organizationId: ACME, sourceId: 'src_cc_prod' }],
      ['activityMonitor.eventsForSource', { organizationId: ACME, sourceId: 'src_cc_prod' }],
    ] as const) {
      const r = await get(path, inp);
      expect(r.status).toBe(500);
      expect(err(r)).toMatchObject({
        message: 'clickhouse_unavailable',
        code: -32603,
        data: {
          code: 'INTERNAL_SERVER_ERROR',
          httpStatus: 500,
          error: { code: 'clickhouse_unavailable', httpStatus: 503, fault: 'platform' },
        },
      });
    }
    expect((await get('ingestionSources.list', { organizationId: ACME })).status).toBe(200);
    // The permission and plan checks still come first.
    expect((await get('activityMonitor.ingestionSourcesHealth', { organizationId: ACME }, member)).status).toBe(403);
  });
});

describe('events and health as the real server produces them', () => {
  it('eventType = sourceType, OCSF rawPayload, costUsd decimal strings (non-zero on some), numeric tokens', async () => {
    const rows = (
      await get('activityMonitor.eventsForSource', { organizationId: ACME, sourceId: 'src_claude_code', limit: 200 })
    ).body.result.data.json as Body[];
    expect(rows).toHaveLength(40);
    for (const row of rows) {
      expect(row.eventType).toBe('claude_code');
      expect(row.eventId.startsWith('claude_code:src_claude_code:')).toBe(true);
      expect(typeof row.costUsd).toBe('string');
      expect(Number.isFinite(Number(row.costUsd))).toBe(true);
      expect(typeof row.tokensInput).toBe('number');
      const ocsf = JSON.parse(row.rawPayload as string);
      expect(ocsf).toMatchObject({
        class_uid: 6003,
        metadata: {
          extension: {
            source_type: 'claude_code',
            source_id: 'src_claude_code',
            cost_usd: row.costUsd,
            tokens_input: row.tokensInput,
          },
        },
      });
    }
    expect(rows.some((r) => Number(r.costUsd) > 0 && r.tokensInput > 0)).toBe(true);
  });

  it('health lastSuccessIso = newest event time within 30 days; lastEventAt = the run time', async () => {
    const rows = (
      await get('activityMonitor.eventsForSource', { organizationId: ACME, sourceId: 'src_claude_code', limit: 1 })
    ).body.result.data.json as Body[];
    const health = (
      await get('activityMonitor.sourceHealthMetrics', { organizationId: ACME, sourceId: 'src_claude_code' })
    ).body.result.data.json as Body;
    expect(health.lastSuccessIso).toBe(rows[0]!.eventTimestampIso);
    const src = (await get('ingestionSources.get', { organizationId: ACME, id: 'src_claude_code' })).body.result.data
      .json as Body;
    expect(src.lastEventAt).toBe(rows[0]!.ingestedAtIso);
    const none = (await get('activityMonitor.sourceHealthMetrics', { organizationId: ACME, sourceId: 'src_cowork' }))
      .body.result.data.json as Body;
    expect(none.lastSuccessIso).toBeNull();
  });
});
