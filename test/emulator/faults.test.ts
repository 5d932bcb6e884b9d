import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import { request } from 'undici';
import { SEED, startEmulator, type RunningEmulator } from '../../emulator/index';
import { routeMatches } from '../../emulator/faults';
import { signIn, trpcClient } from './helpers';

let emu: RunningEmulator;
let cookie: string;
beforeAll(async () => {
  emu = await startEmulator({ pullerSchedule: false });
});
afterAll(() => emu.close());
beforeEach(async () => {
  await emu.control.reset();
  cookie = await signIn(emu.langwatchUrl);
});

const listUrl = () =>
  `${emu.langwatchUrl}/api/trpc/ingestionSources.list?input=${encodeURIComponent(JSON.stringify({ json: { organizationId: 'org_acme' } }))}`;
const createBody = (name: string) =>
  JSON.stringify({ json: { organizationId: 'org_acme', sourceType: 'otel_generic', name } });
const postCreate = (name: string) =>
  request(`${emu.langwatchUrl}/api/trpc/ingestionSources.create`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: createBody(name),
  });

describe('route patterns', () => {
  it('match procedures inside batched paths, prefixes and REST paths', () => {
    expect(routeMatches('ingestionSources.create', '/api/trpc/ingestionSources.create')).toBe(true);
    expect(routeMatches('ingestionSources.create', '/api/trpc/a.b,ingestionSources.create')).toBe(true);
    expect(routeMatches('ingestionSources.create', '/api/trpc/a.b%2CingestionSources.create')).toBe(true);
    expect(routeMatches('ingestionSources.create', '/api/trpc/ingestionSources.list')).toBe(false);
    expect(routeMatches('ingestionSources.*', '/api/trpc/organization.getAll,ingestionSources.list')).toBe(true);
    expect(routeMatches('/api/auth/cli', '/api/auth/cli/exchange')).toBe(true);
    expect(routeMatches('/v1/compliance', '/v1/compliance/activities')).toBe(true);
    expect(routeMatches('*', '/anything')).toBe(true);
  });
});

describe('fault kinds', () => {
  it('latency', async () => {
    emu.control.faults.add({ route: 'ingestionSources.list', kind: 'latency', ms: 300 });
    const t0 = performance.now();
    const r = await request(listUrl(), { headers: { cookie } });
    await r.body.dump();
    expect(r.statusCode).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(280);
  });

  it('5xx with times: the first fails with a tRPC envelope, the next succeeds; batched paths match', async () => {
    emu.control.faults.add({ route: 'ingestionSources.list', kind: 'error5xx', status: 503, times: 1 });
    const c = trpcClient(emu.langwatchUrl, cookie);
    await expect(c.ingestionSources.list.query({ organizationId: 'org_acme' })).rejects.toBeInstanceOf(TRPCClientError);
    expect((await c.ingestionSources.list.query({ organizationId: 'org_acme' })).length).toBe(12);
    emu.control.faults.add({ route: 'ingestionSources.get', kind: 'error5xx', times: 1 });
    const input = { 0: { json: {} }, 1: { json: { organizationId: 'org_acme', id: 'src_otel' } } };
    const r = await request(
      `${emu.langwatchUrl}/api/trpc/publicEnv,ingestionSources.get?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
      { headers: { cookie } },
    );
    expect(r.statusCode).toBe(500);
    const body = (await r.body.json()) as { error: { json: { code: number; data: { httpStatus: number } } } }[];
    expect(body).toHaveLength(2);
    expect(body[0]!.error.json.code).toBe(-32603);
  });

  it('probability 0 never fires, probability 1 always does', async () => {
    emu.control.faults.add({ route: 'ingestionSources.list', kind: 'error5xx', probability: 0 });
    const r = await request(listUrl(), { headers: { cookie } });
    await r.body.dump();
    expect(r.statusCode).toBe(200);
  });

  it('probabilities draw from faultRandom: a fixed sequence fires on exactly the draws under it', async () => {
    const draws = [0.1, 0.5, 0.2, 0.9];
    let i = 0;
    const own = await startEmulator({ pullerSchedule: false, faultRandom: () => draws[i++ % draws.length]! });
    try {
      own.control.faults.add({ route: '/api/auth/get-session', kind: 'error5xx', status: 503, probability: 0.3 });
      const statuses: number[] = [];
      for (let n = 0; n < 4; n++) {
        const r = await request(`${own.langwatchUrl}/api/auth/get-session`);
        await r.body.dump();
        statuses.push(r.statusCode);
      }
      expect(statuses).toEqual([503, 200, 503, 200]);
    } finally {
      await own.close();
    }
  });

  it('429 with Retry-After', async () => {
    emu.control.faults.add({ route: 'ingestionSources.create', kind: 'rateLimit', retryAfterSec: 7, times: 1 });
    const r = await postCreate('Limited');
    expect(r.statusCode).toBe(429);
    expect(r.headers['retry-after']).toBe('7');
    const body = (await r.body.json()) as { error: { json: { code: number } } };
    expect(body.error.json.code).toBe(-32029);
    expect(emu.control.sources('org_acme').some((s) => s.name === 'Limited')).toBe(false);
  });

  it('reset before the handler: socket error and nothing created', async () => {
    emu.control.faults.add({ route: 'ingestionSources.create', kind: 'resetBefore', times: 1 });
    await expect(postCreate('Never')).rejects.toThrow();
    expect(emu.control.sources('org_acme').some((s) => s.name === 'Never')).toBe(false);
    expect(emu.control.requestLog().some((e) => e.fault === 'resetBefore' && e.status === 0)).toBe(true);
  });

  it('reset after commit: socket error but the create happened', async () => {
    emu.control.faults.add({ route: 'ingestionSources.create', kind: 'resetAfter', times: 1 });
    await expect(
      trpcClient(emu.langwatchUrl, cookie, false).ingestionSources.create.mutate({
        organizationId: 'org_acme',
        sourceType: 'otel_generic',
        name: 'Committed',
      }),
    ).rejects.toThrow();
    expect(emu.control.sources('org_acme').some((s) => s.name === 'Committed')).toBe(true);
  });

  it('malformed JSON body', async () => {
    emu.control.faults.add({ route: 'ingestionSources.list', kind: 'malformedJson', times: 1 });
    const r = await request(listUrl(), { headers: { cookie } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/json');
    await expect(r.body.json()).rejects.toThrow();
  });

  it('slow body: the real answer, trickled', async () => {
    emu.control.faults.add({
      route: 'ingestionSources.get',
      kind: 'slowBody',
      chunkBytes: 64,
      chunkDelayMs: 20,
      times: 1,
    });
    const t0 = performance.now();
    const r = await request(
      `${emu.langwatchUrl}/api/trpc/ingestionSources.get?input=${encodeURIComponent(JSON.stringify({ json: { organizationId: 'org_acme', id: 'src_otel' } }))}`,
      { headers: { cookie } },
    );
    const body = (await r.body.json()) as { result: { data: { json: { id: string } } } };
    expect(body.result.data.json.id).toBe('src_otel');
    expect(performance.now() - t0).toBeGreaterThan(100);
  });

  it('HTML error page', async () => {
    emu.control.faults.add({ route: '/api/auth/get-session', kind: 'htmlError', status: 502 });
    const r = await request(`${emu.langwatchUrl}/api/auth/get-session`);
    expect(r.statusCode).toBe(502);
    expect(r.headers['content-type']).toContain('text/html');
    expect(await r.body.text()).toContain('<html>');
  });

  it('Anthropic routes: 5xx with request-id and Anthropic error body', async () => {
    emu.control.faults.add({ route: '/v1/compliance/activities', kind: 'error5xx', status: 500, times: 1 });
    const r = await request(`${emu.anthropicUrl}/v1/compliance/activities?limit=1`, {
      headers: { 'x-api-key': SEED.anthropicKeys.compliance, 'anthropic-version': '2023-06-01' },
    });
    expect(r.statusCode).toBe(500);
    expect(r.headers['request-id']).toBeDefined();
    expect(((await r.body.json()) as { error: { type: string } }).error.type).toBe('api_error');
  });

  it('the puller survives Anthropic 429 (retry-after) and counts 5xx as an error', async () => {
    emu.control.faults.add({ route: '/v1/compliance', kind: 'rateLimit', retryAfterSec: 0, times: 1 });
    const [ok] = await emu.control.pullNow('src_small_cc');
    expect(ok!.outcome).toBe('ok');
    emu.control.faults.add({ route: '/v1/compliance', kind: 'error5xx' });
    const [bad] = await emu.control.pullNow('src_small_cc');
    expect(bad!.outcome).toBe('error');
    expect(emu.control.sources('org_small').find((s) => s.id === 'src_small_cc')!.errorCount).toBe(1);
  }, 15_000);

  it('close() is prompt even while the puller waits out a long retry-after', async () => {
    const e2 = await startEmulator({ pullerSchedule: false });
    e2.control.faults.add({ route: '/v1/compliance', kind: 'rateLimit', retryAfterSec: 60 });
    const pending = e2.control.pullNow('src_small_cc');
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    await e2.close();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect((await pending)[0]!.outcome).toBe('error');
  });

  it('offline: connections refused, then back on the same ports', async () => {
    await emu.control.setOffline(true);
    // A pooled keep-alive socket may first fail as "other side closed"; a new connection is refused.
    await request(listUrl(), { headers: { cookie } }).catch(() => undefined);
    await expect(request(listUrl(), { headers: { cookie } })).rejects.toThrow(/ECONNREFUSED/);
    await expect(request(`${emu.anthropicUrl}/v1/compliance/activities`)).rejects.toThrow(/ECONNREFUSED/);
    await emu.control.setOffline(false);
    const r = await request(listUrl(), { headers: { cookie } });
    await r.body.dump();
    expect(r.statusCode).toBe(200);
    await emu.control.setOffline(true, { which: 'langwatch', forMs: 200 });
    await expect(request(listUrl(), { headers: { cookie } })).rejects.toThrow();
    await new Promise((res) => setTimeout(res, 400));
    const back = await request(listUrl(), { headers: { cookie } });
    await back.body.dump();
    expect(back.statusCode).toBe(200);
  });

  it('faults.list / remove / clear', () => {
    const id = emu.control.faults.add({ route: '*', kind: 'latency', ms: 1 });
    expect(emu.control.faults.list().map((f) => f.id)).toContain(id);
    expect(emu.control.faults.remove(id)).toBe(true);
    emu.control.faults.add({ route: '*', kind: 'latency', ms: 1 });
    emu.control.faults.clear();
    expect(emu.control.faults.list()).toEqual([]);
  });
});
