import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import superjson from 'superjson';
import { request } from 'undici';
import { SEED, startEmulator, type RunningEmulator } from '../../emulator/index';
import { errorOf, rawTrpc, signIn, trpcClient } from './helpers';

let emu: RunningEmulator;
let admin: string;
let support: string;
let member: string;
const ACME = SEED.orgs.enterprise.id;
const SMALL = SEED.orgs.free.id;

beforeAll(async () => {
  emu = await startEmulator({ pullerSchedule: false });
});
afterAll(() => emu.close());
beforeEach(async () => {
  await emu.control.reset();
  admin = await signIn(emu.langwatchUrl, 'admin');
  support = await signIn(emu.langwatchUrl, 'support');
  member = await signIn(emu.langwatchUrl, 'member');
});

const ccInput = (name: string, token: string = SEED.anthropicKeys.compliance) => ({
  organizationId: ACME,
  sourceType: 'claude_compliance' as const,
  name,
  parserConfig: { adapter: 'claude_compliance', pollEverySec: 300, credentials: { token } },
  pullSchedule: '*/5 * * * *',
});

describe('happy paths with the reference client', () => {
  it('publicEnv works without a session', async () => {
    const env = await trpcClient(emu.langwatchUrl).publicEnv.query({});
    expect(env.NEXTAUTH_PROVIDER).toBe('email');
    expect(typeof env.IS_SAAS).toBe('boolean');
  });

  it('organization.getAll returns own member row and teams', async () => {
    const orgs = await trpcClient(emu.langwatchUrl, admin).organization.getAll.query({});
    const acme = orgs.find((o) => o.id === ACME)!;
    expect(acme).toMatchObject({ name: 'Acme Corp', slug: 'acme' });
    expect(acme.members).toEqual([expect.objectContaining({ userId: 'user_admin', role: 'ADMIN' })]);
    expect(acme.teams.length).toBeGreaterThanOrEqual(2);
    expect(acme.createdAt).toBeInstanceOf(Date);
    expect(orgs.map((o) => o.id).sort()).toEqual([ACME, SMALL]);
    const sup = await trpcClient(emu.langwatchUrl, support).organization.getAll.query({});
    expect(sup.map((o) => o.id)).toEqual([ACME]);
  });

  it('authz.effectivePermissions per user', async () => {
    const a = await trpcClient(emu.langwatchUrl, admin).authz.effectivePermissions.query({ organizationId: ACME });
    expect(a.permissions).toEqual(
      expect.arrayContaining(['ingestionSources:view', 'ingestionSources:manage', 'activityMonitor:view']),
    );
    const s = await trpcClient(emu.langwatchUrl, support).authz.effectivePermissions.query({ organizationId: ACME });
    expect(s.permissions.sort()).toEqual(['activityMonitor:view', 'ingestionSources:view']);
    const m = await trpcClient(emu.langwatchUrl, member).authz.effectivePermissions.query({ organizationId: ACME });
    expect(m.permissions.some((p) => p.startsWith('ingestionSources'))).toBe(false);
  });

  it('list: non-archived, ordered by name, Dates decoded, no hidden fields', async () => {
    const list = await trpcClient(emu.langwatchUrl, admin).ingestionSources.list.query({ organizationId: ACME });
    expect(list.length).toBe(12);
    expect(list.every((s) => s.archivedAt === null)).toBe(true);
    const names = list.map((s) => s.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(list[0]!.createdAt).toBeInstanceOf(Date);
    const composer = list.find((s) => s.id === 'src_cc_composer')!;
    expect(composer.status).toBe('awaiting_first_event');
    for (const s of list) {
      expect(Object.keys(s).sort()).toEqual([
        'archivedAt',
        'createdAt',
        'createdById',
        'description',
        'id',
        'lastEventAt',
        'name',
        'organizationId',
        'parserConfig',
        'sourceType',
        'status',
        'teamId',
        'updatedAt',
      ]);
      expect(Object.keys(s.parserConfig).some((k) => k === 'credentials' || k.startsWith('_'))).toBe(false);
    }
    const types = new Set(emu.control.sources(ACME).map((s) => s.sourceType));
    expect(types.size).toBe(11);
  });

  it('get returns archived sources too', async () => {
    const s = await trpcClient(emu.langwatchUrl, admin).ingestionSources.get.query({
      organizationId: ACME,
      id: 'src_genie',
    });
    expect(s.archivedAt).toBeInstanceOf(Date);
    expect(s.status).toBe('disabled');
  });

  it('create seals the key, returns lw_is_ once, never returns credentials', async () => {
    const c = trpcClient(emu.langwatchUrl, admin);
    const { source, ingestSecret } = await c.ingestionSources.create.mutate({
      ...ccInput('New CC'),
      description: 'd',
      teamId: 'team_security',
    });
    expect(ingestSecret).toMatch(/^lw_is_/);
    expect(source).toMatchObject({
      name: 'New CC',
      status: 'awaiting_first_event',
      teamId: 'team_security',
      createdById: 'user_admin',
      lastEventAt: null,
      archivedAt: null,
    });
    expect(source.parserConfig).toEqual({ adapter: 'claude_compliance', pollEverySec: 300 });
    expect(JSON.stringify(source)).not.toContain(SEED.anthropicKeys.compliance);
    const raw = emu.control.sources(ACME).find((s) => s.id === source.id)!;
    expect(raw).toMatchObject({ hasCredentials: true, pullSchedule: '*/5 * * * *', errorCount: 0 });
    expect(emu.control.credentialMatches(source.id, SEED.anthropicKeys.compliance)).toBe(true);
    expect(emu.control.credentialMatches(source.id, SEED.anthropicKeys.admin)).toBe(false);
    expect(JSON.stringify(emu.control.sources(ACME))).not.toContain(SEED.anthropicKeys.compliance);
  });

  it('update: full parserConfig replace, credentials and _* kept, re-key, status, pullSchedule', async () => {
    const c = trpcClient(emu.langwatchUrl, admin);
    // src_cc_prod has a sealed key and a hidden `_lastPreflight` key.
    const u1 = await c.ingestionSources.update.mutate({
      organizationId: ACME,
      id: 'src_cc_prod',
      parserConfig: { adapter: 'claude_compliance', pollEverySec: 3600 },
      pullSchedule: '0 * * * *',
    });
    expect(u1.parserConfig).toEqual({ adapter: 'claude_compliance', pollEverySec: 3600 });
    expect(emu.control.credentialMatches('src_cc_prod', SEED.anthropicKeys.compliance)).toBe(true);
    expect(emu.control.sources(ACME).find((s) => s.id === 'src_cc_prod')!.pullSchedule).toBe('0 * * * *');
    const u2 = await c.ingestionSources.update.mutate({
      organizationId: ACME,
      id: 'src_cc_prod',
      parserConfig: { adapter: 'claude_compliance', credentials: { token: SEED.anthropicKeys.admin } },
    });
    expect(u2.parserConfig).toEqual({ adapter: 'claude_compliance' });
    expect(emu.control.credentialMatches('src_cc_prod', SEED.anthropicKeys.admin)).toBe(true);
    const u3 = await c.ingestionSources.update.mutate({
      organizationId: ACME,
      id: 'src_cc_prod',
      status: 'disabled',
      name: 'AAA first',
      description: null,
    });
    expect(u3).toMatchObject({ status: 'disabled', name: 'AAA first', description: null });
    expect(u3.updatedAt.getTime()).toBeGreaterThanOrEqual(u3.createdAt.getTime());
    const list = await c.ingestionSources.list.query({ organizationId: ACME });
    expect(list[0]!.name).toBe('AAA first');
  });

  it('rotateSecret and archive', async () => {
    const c = trpcClient(emu.langwatchUrl, admin);
    const r = await c.ingestionSources.rotateSecret.mutate({ organizationId: ACME, id: 'src_otel' });
    expect(r.ingestSecret).toMatch(/^lw_is_/);
    expect(r.source.id).toBe('src_otel');
    const a = await c.ingestionSources.archive.mutate({ organizationId: ACME, id: 'src_otel' });
    expect(a.archivedAt).toBeInstanceOf(Date);
    expect(a.status).toBe('disabled');
    const list = await c.ingestionSources.list.query({ organizationId: ACME });
    expect(list.some((s) => s.id === 'src_otel')).toBe(false);
    expect((await c.ingestionSources.get.query({ organizationId: ACME, id: 'src_otel' })).archivedAt).toBeInstanceOf(
      Date,
    );
  });

  it('activityMonitor procedures (enterprise)', async () => {
    const c = trpcClient(emu.langwatchUrl, support);
    const health = await c.activityMonitor.ingestionSourcesHealth.query({ organizationId: ACME });
    expect(health.length).toBe(12);
    const prod = health.find((h) => h.id === 'src_cc_prod')!;
    expect(prod).toMatchObject({
      name: 'Claude Compliance — Production',
      sourceType: 'claude_compliance',
      status: 'active',
    });
    expect(typeof prod.lastEventIso).toBe('string');
    expect(prod.eventsLast24h).toBeGreaterThan(0);
    const m = await c.activityMonitor.sourceHealthMetrics.query({ organizationId: ACME, sourceId: 'src_cc_prod' });
    expect(m.events30d).toBeGreaterThanOrEqual(m.events7d);
    expect(m.events7d).toBeGreaterThanOrEqual(m.events24h);
    expect(await c.activityMonitor.sourceHealthMetrics.query({ organizationId: ACME, sourceId: 'nope' })).toEqual({
      events24h: 0,
      events7d: 0,
      events30d: 0,
      lastSuccessIso: null,
    });
    const page1 = await c.activityMonitor.eventsForSource.query({
      organizationId: ACME,
      sourceId: 'src_cc_prod',
      limit: 10,
    });
    expect(page1.length).toBe(10);
    for (const row of page1) for (const v of Object.values(row)) expect(v).not.toBeNull();
    const page2 = await c.activityMonitor.eventsForSource.query({
      organizationId: ACME,
      sourceId: 'src_cc_prod',
      limit: 10,
      beforeIso: page1[9]!.eventTimestampIso,
    });
    expect(page2[0]!.eventTimestampIso < page1[9]!.eventTimestampIso).toBe(true);
    expect(await c.activityMonitor.eventsForSource.query({ organizationId: ACME, sourceId: 'nope' })).toEqual([]);
  });
});

describe('error rows (status, JSON-RPC code, data.error.code)', () => {
  it('401 without or with an expired session', async () => {
    const r = await rawTrpc(emu.langwatchUrl, 'ingestionSources.list', { organizationId: ACME });
    expect(r.status).toBe(401);
    expect(errorOf(r.body)).toMatchObject({
      code: -32001,
      data: { code: 'UNAUTHORIZED', httpStatus: 401, path: 'ingestionSources.list', error: null },
    });
    emu.control.expireSessions();
    const r2 = await rawTrpc(emu.langwatchUrl, 'ingestionSources.list', { organizationId: ACME }, { cookie: admin });
    expect(r2.status).toBe(401);
  });

  it('403 permission_denied with meta', async () => {
    const r = await rawTrpc(emu.langwatchUrl, 'ingestionSources.list', { organizationId: ACME }, { cookie: member });
    expect(r.status).toBe(403);
    const e = errorOf(r.body);
    expect(e).toMatchObject({
      message: 'permission_denied',
      code: -32003,
      data: { code: 'FORBIDDEN', httpStatus: 403, error: { code: 'permission_denied' } },
    });
    expect(e.data.error!.meta).toMatchObject({
      permission: 'ingestionSources:view',
      scopeType: 'organization',
      denialReason: 'no-binding',
    });
    const w = await rawTrpc(emu.langwatchUrl, 'ingestionSources.create', ccInput('x'), {
      cookie: support,
      method: 'POST',
    });
    expect(w.status).toBe(403);
    expect(errorOf(w.body).data.error!.meta.permission).toBe('ingestionSources:manage');
    const other = await rawTrpc(
      emu.langwatchUrl,
      'ingestionSources.list',
      { organizationId: SMALL },
      { cookie: support },
    );
    expect(errorOf(other.body).data.error!.code).toBe('permission_denied');
  });

  it('400 validation_error with fieldErrors (name too long, bad type, bare input)', async () => {
    const r = await rawTrpc(
      emu.langwatchUrl,
      'ingestionSources.create',
      { ...ccInput('x'), name: 'n'.repeat(129) },
      { cookie: admin, method: 'POST' },
    );
    expect(r.status).toBe(400);
    const e = errorOf(r.body);
    expect(e).toMatchObject({
      message: 'validation_error',
      code: -32600,
      data: { code: 'BAD_REQUEST', error: { code: 'validation_error' } },
    });
    expect(e.data.error!.meta).toHaveProperty('fieldErrors.name');
    expect(e.data.error!.meta).toHaveProperty('formErrors');
    const t = await rawTrpc(
      emu.langwatchUrl,
      'ingestionSources.create',
      { ...ccInput('x'), sourceType: 'nope' },
      { cookie: admin, method: 'POST' },
    );
    expect(errorOf(t.body).data.error!.meta).toHaveProperty('fieldErrors.sourceType');
    const sched = await rawTrpc(
      emu.langwatchUrl,
      'ingestionSources.create',
      { ...ccInput('x'), pullSchedule: 'x'.repeat(65) },
      { cookie: admin, method: 'POST' },
    );
    expect(sched.status).toBe(400);
    const bare = await rawTrpc(
      emu.langwatchUrl,
      'ingestionSources.list',
      { organizationId: ACME },
      { cookie: admin, bare: true },
    );
    expect(bare.status).toBe(400);
    const limit = await rawTrpc(
      emu.langwatchUrl,
      'activityMonitor.eventsForSource',
      { organizationId: ACME, sourceId: 'src_cc_prod', limit: 201 },
      { cookie: admin },
    );
    expect(limit.status).toBe(400);
  });

  it('422 for a bad cron and for sealed credentials sent back', async () => {
    const r = await rawTrpc(
      emu.langwatchUrl,
      'ingestionSources.create',
      { ...ccInput('x'), pullSchedule: '*/7 * * *' },
      { cookie: admin, method: 'POST' },
    );
    expect(r.status).toBe(422);
    expect(errorOf(r.body)).toMatchObject({
      code: -32022,
      data: { code: 'UNPROCESSABLE_CONTENT', error: { code: 'validation_error' } },
    });
    expect(errorOf(r.body).data.error!.meta).toHaveProperty('formErrors');
    const u = await rawTrpc(
      emu.langwatchUrl,
      'ingestionSources.update',
      {
        organizationId: ACME,
        id: 'src_cc_prod',
        parserConfig: { adapter: 'claude_compliance', credentials: 'enc:v1:abc' },
      },
      { cookie: admin, method: 'POST' },
    );
    expect(u.status).toBe(422);
    expect(emu.control.credentialMatches('src_cc_prod', SEED.anthropicKeys.compliance)).toBe(true);
    const upd = await rawTrpc(
      emu.langwatchUrl,
      'ingestionSources.update',
      { organizationId: ACME, id: 'src_cc_prod', pullSchedule: '61 * * * *' },
      { cookie: admin, method: 'POST' },
    );
    expect(upd.status).toBe(422);
  });

  it('404 ingestion_source_not_found for unknown and foreign ids', async () => {
    for (const id of ['nope', 'src_small_cc']) {
      const r = await rawTrpc(
        emu.langwatchUrl,
        'ingestionSources.get',
        { organizationId: ACME, id },
        { cookie: admin },
      );
      expect(r.status).toBe(404);
      expect(errorOf(r.body)).toMatchObject({
        message: 'ingestion_source_not_found',
        code: -32004,
        data: { code: 'NOT_FOUND', error: { code: 'ingestion_source_not_found' } },
      });
    }
    const u = await rawTrpc(
      emu.langwatchUrl,
      'ingestionSources.archive',
      { organizationId: ACME, id: 'src_small_cc' },
      { cookie: admin, method: 'POST' },
    );
    expect(u.status).toBe(404);
  });

  it('403 ingestion_source_cap_reached on the third... fourth non-archived source of a non-enterprise org', async () => {
    const c = trpcClient(emu.langwatchUrl, admin);
    await c.ingestionSources.create.mutate({ ...ccInput('Third'), organizationId: SMALL });
    const r = await rawTrpc(
      emu.langwatchUrl,
      'ingestionSources.create',
      { ...ccInput('Fourth'), organizationId: SMALL },
      { cookie: admin, method: 'POST' },
    );
    expect(r.status).toBe(403);
    expect(errorOf(r.body)).toMatchObject({
      message: 'ingestion_source_cap_reached',
      code: -32003,
      data: { error: { code: 'ingestion_source_cap_reached', meta: { max: 3 } } },
    });
    await c.ingestionSources.archive.mutate({ organizationId: SMALL, id: 'src_small_otel' });
    await c.ingestionSources.create.mutate({ ...ccInput('Fourth'), organizationId: SMALL });
  });

  it('duplicate name → 500 "An unknown error occurred"', async () => {
    const r = await rawTrpc(emu.langwatchUrl, 'ingestionSources.create', ccInput('OTel Collector'), {
      cookie: admin,
      method: 'POST',
    });
    expect(r.status).toBe(500);
    expect(errorOf(r.body)).toMatchObject({
      message: 'An unknown error occurred',
      code: -32603,
      data: { code: 'INTERNAL_SERVER_ERROR', error: null },
    });
    expect(r.text).not.toContain('stack');
  });

  it('activityMonitor on a non-enterprise org: 403 with the plan message and data.error null', async () => {
    const r = await rawTrpc(
      emu.langwatchUrl,
      'activityMonitor.ingestionSourcesHealth',
      { organizationId: SMALL },
      { cookie: admin },
    );
    expect(r.status).toBe(403);
    expect(errorOf(r.body)).toMatchObject({
      message: 'The activity monitor requires an Enterprise plan',
      code: -32003,
      data: { error: null },
    });
    emu.control.setEnterprise(SMALL, true);
    expect(
      (
        await rawTrpc(
          emu.langwatchUrl,
          'activityMonitor.ingestionSourcesHealth',
          { organizationId: SMALL },
          { cookie: admin },
        )
      ).status,
    ).toBe(200);
  });

  it('the reference client sees TRPCClientError with data', async () => {
    try {
      await trpcClient(emu.langwatchUrl, admin, false).ingestionSources.get.query({ organizationId: ACME, id: 'nope' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TRPCClientError);
      const err = e as unknown as { data: { code: string; httpStatus: number }; shape: { code: number } };
      expect(err.data.code).toBe('NOT_FOUND');
      expect(err.shape.code).toBe(-32004);
    }
  });
});

describe('wire format', () => {
  it('Date meta: dotted paths, null dates have none, meta absent when not needed', async () => {
    const r = await rawTrpc(
      emu.langwatchUrl,
      'ingestionSources.get',
      { organizationId: ACME, id: 'src_cowork' },
      { cookie: admin },
    );
    expect(r.body.result.data.meta).toEqual({ values: { createdAt: ['Date'], updatedAt: ['Date'] }, v: 1 });
    const c = await rawTrpc(emu.langwatchUrl, 'ingestionSources.create', ccInput('Meta'), {
      cookie: admin,
      method: 'POST',
    });
    expect(c.body.result.data.meta.values).toEqual({ 'source.createdAt': ['Date'], 'source.updatedAt': ['Date'] });
    const l = await rawTrpc(emu.langwatchUrl, 'ingestionSources.list', { organizationId: ACME }, { cookie: admin });
    expect(l.body.result.data.meta.values['0.createdAt']).toEqual(['Date']);
    expect(l.body.result.data.meta.values['0.lastEventAt']).toEqual(['Date']);
    const h = await rawTrpc(
      emu.langwatchUrl,
      'activityMonitor.sourceHealthMetrics',
      { organizationId: ACME, sourceId: 'nope' },
      { cookie: admin },
    );
    expect(h.body.result.data.meta).toBeUndefined();
    expect(superjson.deserialize<{ createdAt: Date }>(r.body.result.data).createdAt).toBeInstanceOf(Date);
  });

  it('batching: GET batch in order; POST batch; 207 with mixed statuses', async () => {
    const input = { 0: { json: { organizationId: ACME } }, 1: { json: { organizationId: ACME, id: 'src_otel' } } };
    const ok = await request(
      `${emu.langwatchUrl}/api/trpc/ingestionSources.list,ingestionSources.get?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
      { headers: { cookie: admin } },
    );
    expect(ok.statusCode).toBe(200);
    const okBody = (await ok.body.json()) as { result: { data: { json: unknown } } }[];
    expect(okBody).toHaveLength(2);
    expect((okBody[1]!.result.data.json as { id: string }).id).toBe('src_otel');
    const mixed = { 0: { json: { organizationId: ACME } }, 1: { json: { organizationId: ACME, id: 'nope' } } };
    const m = await request(
      `${emu.langwatchUrl}/api/trpc/ingestionSources.list,ingestionSources.get?batch=1&input=${encodeURIComponent(JSON.stringify(mixed))}`,
      { headers: { cookie: admin } },
    );
    expect(m.statusCode).toBe(207);
    const mb = (await m.body.json()) as [{ result: unknown }, { error: { json: { data: { httpStatus: number } } } }];
    expect(mb[0].result).toBeDefined();
    expect(mb[1].error.json.data.httpStatus).toBe(404);
    const post = await request(
      `${emu.langwatchUrl}/api/trpc/ingestionSources.archive,ingestionSources.rotateSecret?batch=1`,
      {
        method: 'POST',
        headers: { cookie: admin, 'content-type': 'application/json' },
        body: JSON.stringify({
          0: { json: { organizationId: ACME, id: 'src_s3' } },
          1: { json: { organizationId: ACME, id: 'src_copilot' } },
        }),
      },
    );
    expect(post.statusCode).toBe(200);
    expect(await post.body.json()).toHaveLength(2);
    // The reference client batches too.
    const c = trpcClient(emu.langwatchUrl, admin);
    const [a, b] = await Promise.all([
      c.ingestionSources.get.query({ organizationId: ACME, id: 'src_otel' }),
      c.authz.effectivePermissions.query({ organizationId: ACME }),
    ]);
    expect(a.id).toBe('src_otel');
    expect(b.permissions.length).toBeGreaterThan(0);
  });

  it('415 for a POST without application/json, 405 for GET on a mutation', async () => {
    const r = await rawTrpc(emu.langwatchUrl, 'ingestionSources.create', ccInput('x'), {
      cookie: admin,
      method: 'POST',
      contentType: 'text/plain',
    });
    expect(r.status).toBe(415);
    expect(errorOf(r.body)).toMatchObject({ code: -32015, data: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    const g = await rawTrpc(emu.langwatchUrl, 'ingestionSources.create', ccInput('x'), { cookie: admin });
    expect(g.status).toBe(405);
    expect(errorOf(g.body)).toMatchObject({ code: -32005, data: { code: 'METHOD_NOT_SUPPORTED' } });
    expect(emu.control.sources(ACME).some((s) => s.name === 'x')).toBe(false);
  });
});

describe('list serialisation is exactly superjson', () => {
  const listQuery = () => `input=${encodeURIComponent(JSON.stringify({ json: { organizationId: ACME } }))}`;
  async function both() {
    const single = await request(`${emu.langwatchUrl}/api/trpc/ingestionSources.list?${listQuery()}`, {
      headers: { cookie: admin },
    });
    const singleText = await single.body.text();
    const batch = await request(
      `${emu.langwatchUrl}/api/trpc/ingestionSources.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: { organizationId: ACME } } }))}`,
      { headers: { cookie: admin } },
    );
    const batchBody = (await batch.body.json()) as unknown[];
    return {
      single,
      singleText,
      batchItem: batchBody[0] as { result: { data: Parameters<typeof superjson.deserialize>[0] } },
    };
  }

  it('fast single query, batched tRPC path and superjson agree byte for byte', async () => {
    emu.control.seedSources(ACME, 300);
    await trpcClient(emu.langwatchUrl, admin).ingestionSources.archive.mutate({ organizationId: ACME, id: 'src_otel' });
    const { single, singleText, batchItem } = await both();
    expect(single.statusCode).toBe(200);
    expect(single.headers['content-type']).toBe('application/json');
    expect(singleText).toBe(JSON.stringify(batchItem));
    const decoded = superjson.deserialize<unknown[]>(batchItem.result.data);
    expect(JSON.stringify(superjson.serialize(decoded))).toBe(JSON.stringify(batchItem.result.data));
  });

  it('falls back to superjson when parserConfig holds non-JSON values (a Date sent with meta)', async () => {
    const since = new Date('2026-01-02T03:04:05.000Z');
    const { source } = await trpcClient(emu.langwatchUrl, admin).ingestionSources.create.mutate({
      organizationId: ACME,
      sourceType: 'http_custom',
      name: 'AA dated',
      parserConfig: { since },
    });
    expect(source.parserConfig.since).toBeInstanceOf(Date);
    const list = await trpcClient(emu.langwatchUrl, admin, false).ingestionSources.list.query({ organizationId: ACME });
    expect(list[0]!.parserConfig.since).toBeInstanceOf(Date);
    const { singleText, batchItem } = await both();
    expect(singleText).toBe(JSON.stringify(batchItem));
  });

  it('errors on the fast path still come from tRPC', async () => {
    const r = await rawTrpc(emu.langwatchUrl, 'ingestionSources.list', { organizationId: ACME }, { cookie: member });
    expect(r.status).toBe(403);
    const none = await rawTrpc(emu.langwatchUrl, 'ingestionSources.list', { organizationId: ACME });
    expect(none.status).toBe(401);
    const bad = await rawTrpc(emu.langwatchUrl, 'ingestionSources.list', { organizationId: 42 }, { cookie: admin });
    expect(bad.status).toBe(400);
  });
});

describe('bulk', () => {
  it('seedSources keeps the list sorted and fast', async () => {
    emu.control.seedSources(ACME, 5000);
    const t0 = performance.now();
    const list = await trpcClient(emu.langwatchUrl, admin).ingestionSources.list.query({ organizationId: ACME });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(list.length).toBe(5012);
    for (let i = 1; i < list.length; i++) expect(list[i - 1]!.name <= list[i]!.name).toBe(true);
  });
});
