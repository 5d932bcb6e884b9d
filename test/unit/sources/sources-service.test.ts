/**
 * The detail reads of the sources service against answers of a real LangWatch: health and
 * events failing with a server error are "unavailable" with the reason (not an error that
 * hides the detail), a newer server's values pass through, and event paging re-reads the
 * boundary so that rows sharing a timestamp are not lost.
 */
import superjson from 'superjson';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActiveAuth, AuthService } from '../../../src-main/services/auth/types';
import { createLangwatchApi } from '../../../src-main/services/langwatch/api';
import { apiSourcesReader } from '../../../src-main/services/langwatch/sources-reader';
import { createNullLogger } from '../../../src-main/services/logging/test-loggers';
import type { SourcesMonitor } from '../../../src-main/services/sources/monitor';
import { createSourcesService } from '../../../src-main/services/sources/sources-service';
import { EVENTS_ROW, withHealthAnswer } from '../../../src-shared/domain/diagnosis-facts';
import { sendJson, startLocalServer, type LocalServer } from '../../support/local-server';
import { trpcError } from '../langwatch/helpers/trpc-error';

const ORG = 'org_1';
const ok = (value: unknown) => ({ result: { data: superjson.serialize(value) } });
const at = new Date('2026-08-01T09:00:00.000Z');
const event = (id: string, iso: string) => ({
  eventId: id,
  eventType: 'claude_compliance',
  actor: 'a',
  action: 'x',
  target: '',
  costUsd: '0.0012',
  tokensInput: 3,
  tokensOutput: 4,
  eventTimestampIso: iso,
  ingestedAtIso: iso,
  rawPayload: '{}',
});

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serviceAgainst(handler: Parameters<typeof startLocalServer>[0]) {
  server = await startLocalServer(handler);
  const api = createLangwatchApi({ baseUrl: server.url, getCookie: async () => 'better-auth.session_token=t' });
  const active: ActiveAuth = {
    profile: { id: 'p1', name: 'x', baseUrl: server.url, anthropicBaseUrl: server.url, createdAt: at.toISOString() },
    organizationId: ORG,
    permissions: { canView: true, canManage: true, canViewHealth: true, raw: [] },
    api,
    sources: apiSourcesReader(api, ORG),
    readOnly: false,
  };
  const auth = {
    requireActive: () => active,
    state: () => ({ health: 'unknown' }),
  } as unknown as AuthService;
  const monitor = {
    rows: () => [],
    refreshNow: async () => undefined,
    errorTrend: () => undefined,
  } as unknown as SourcesMonitor;
  return createSourcesService({
    auth,
    monitor,
    clock: { now: () => at.getTime() } as never,
    log: createNullLogger(),
  });
}

const inputOf = (url: string) =>
  (JSON.parse(new URL(url, 'http://x').searchParams.get('input') ?? '{}') as { json: Record<string, unknown> }).json;

describe('sources service against a real LangWatch', () => {
  it('health and events answered 500 clickhouse_unavailable are "unavailable" with the reason', async () => {
    const service = await serviceAgainst((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname.slice('/api/trpc/'.length);
      sendJson(res, 500, trpcError(500, path, 'ClickHouse is not available', { code: 'clickhouse_unavailable' }));
    });
    for (const answer of [await service.health('src_1'), await service.events('src_1', {})]) {
      expect(answer).toMatchObject({
        kind: 'unavailable',
        error: { code: 'langwatch.server_error', details: { httpStatus: 500, reason: 'clickhouse_unavailable' } },
      });
    }
  });

  it("one source with a newer server's type and status is returned as sent", async () => {
    const service = await serviceAgainst((_req, res) =>
      sendJson(
        res,
        200,
        ok({
          id: 'src_1',
          organizationId: ORG,
          teamId: null,
          sourceType: 'future_type',
          name: 'n',
          description: null,
          parserConfig: {},
          status: 'quarantined',
          lastEventAt: null,
          archivedAt: null,
          createdAt: at,
          updatedAt: at,
        }),
      ),
    );
    expect(await service.get('src_1')).toMatchObject({ sourceType: 'future_type', status: 'quarantined' });
  });

  it('pages events without losing the rows that share the boundary timestamp', async () => {
    const T = (ms: number) => new Date(at.getTime() + ms).toISOString();
    const all = [event('e1', T(9)), event('e2', T(5)), event('e3', T(5)), event('e4', T(5)), event('e5', T(1))];
    const service = await serviceAgainst((req, res) => {
      const input = inputOf(req.url ?? '');
      const before = typeof input.beforeIso === 'string' ? Date.parse(input.beforeIso) : Infinity;
      sendJson(res, 200, ok(all.filter((e) => Date.parse(e.eventTimestampIso) < before).slice(0, Number(input.limit))));
    });
    const first = await service.events('src_1', { limit: 2 });
    if (first.kind !== 'ok') throw new Error(first.kind);
    expect(first.value.events.map((e) => e.eventId)).toEqual(['e1', 'e2']);
    const second = await service.events('src_1', {
      limit: 2,
      beforeIso: first.value.nextBeforeIso!,
      skipIds: first.value.boundaryIds,
    });
    if (second.kind !== 'ok') throw new Error(second.kind);
    const third = await service.events('src_1', {
      limit: 2,
      beforeIso: second.value.nextBeforeIso!,
      skipIds: second.value.boundaryIds,
    });
    if (third.kind !== 'ok') throw new Error(third.kind);
    expect([...first.value.events, ...second.value.events, ...third.value.events].map((e) => e.eventId)).toEqual([
      'e1',
      'e2',
      'e3',
      'e4',
      'e5',
    ]);
    expect(second.value.events[0]?.costUsd).toBeCloseTo(0.0012);
  });
});

describe('the diagnosis never waits for health (a slow answer never holds up an unrelated one)', () => {
  it('answers at once while the health read hangs, its events row saying "loading"; the answer fills it in', async () => {
    const hanging: Array<() => void> = [];
    const service = await serviceAgainst((req, res) => {
      if ((req.url ?? '').includes('activityMonitor.')) {
        // LangWatch without its analytics store: the read hangs (here until the test ends).
        hanging.push(() => res.destroy());
        return;
      }
      sendJson(
        res,
        200,
        ok({
          id: 'src_1',
          organizationId: ORG,
          teamId: null,
          sourceType: 'claude_compliance',
          name: 'Stuck',
          description: null,
          parserConfig: {},
          status: 'awaiting_first_event',
          lastEventAt: null,
          archivedAt: null,
          createdAt: at,
          updatedAt: at,
        }),
      );
    });
    // The detail's own health read, started beside the diagnosis as the detail view does.
    const healthRead = service.health('src_1').catch(() => null);
    const started = Date.now();
    const diagnosis = await Promise.race([
      service.diagnose('src_1'),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 2_000)),
    ]);
    expect(diagnosis, 'the diagnosis waited for the hanging health read').not.toBeNull();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(diagnosis!.applies).toBe(true);
    expect(diagnosis!.causes.length).toBeGreaterThan(0);
    expect(diagnosis!.known.find((k) => k.label === EVENTS_ROW)).toEqual({
      label: EVENTS_ROW,
      value: 'loading…',
      unknown: true,
    });
    // When the detail's own health read comes back, its row fills in (or says why not).
    expect(
      withHealthAnswer(diagnosis!, { kind: 'ok', value: { events30d: 7, lastSuccessIso: null } }).known,
    ).toContainEqual({ label: EVENTS_ROW, value: '7', unknown: false });
    const failed = withHealthAnswer(diagnosis!, {
      kind: 'unavailable',
      error: { message: 'LangWatch did not answer within 10 s.' },
    });
    expect(failed.known.find((k) => k.label === EVENTS_ROW)).toEqual({
      label: EVENTS_ROW,
      value: 'unavailable (LangWatch did not answer within 10 s.)',
      unknown: true,
    });
    expect(failed.causes).toEqual(diagnosis!.causes);
    for (const end of hanging) end();
    await healthRead;
  });
});
