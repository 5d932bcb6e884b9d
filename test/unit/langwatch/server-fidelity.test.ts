/**
 * The console against answers the real LangWatch gives and our emulator did not: source types
 * and statuses a newer server knows (plain strings in its database), and a deployment without
 * its analytics store answering `activityMonitor.*` with 500 `clickhouse_unavailable`.
 */
import superjson from 'superjson';
import { afterEach, describe, expect, it } from 'vitest';
import { createLangwatchApi } from '../../../src-main/services/langwatch/api';
import { createCliRest } from '../../../src-main/services/langwatch/cli-rest';
import { createLangwatchHttp } from '../../../src-main/services/langwatch/http';
import { REASON_MAX, serverReason } from '../../../src-main/services/langwatch/server-reason';
import { describeHealthUnavailable } from '../../../src-shared/domain/health-issue';
import { isKnownSourceStatus, isKnownSourceType } from '../../../src-shared/domain/langwatch';
import { SourcesSnapshot } from '../../../src-shared/domain/sources';
import { sourcesChannels } from '../../../src-shared/ipc/channels/sources';
import { caught } from '../../support/caught';
import { sendJson, startLocalServer, type LocalServer } from '../../support/local-server';
import { trpcError } from './helpers/trpc-error';

const ORG = 'org_1';
const COOKIE = 'better-auth.session_token=tok.sig';
const at = new Date('2026-08-01T09:00:00.000Z');
const wire = (over: Record<string, unknown> = {}) => ({
  id: 'src_new',
  organizationId: ORG,
  teamId: null,
  sourceType: 'gemini_enterprise_audit',
  name: 'From a newer server',
  description: null,
  parserConfig: {},
  status: 'paused_by_policy',
  lastEventAt: null,
  archivedAt: null,
  createdAt: at,
  updatedAt: at,
  createdById: null,
  ...over,
});
const ok = (value: unknown) => ({ result: { data: superjson.serialize(value) } });

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
async function api(handler: Parameters<typeof startLocalServer>[0]) {
  server = await startLocalServer(handler);
  return createLangwatchApi({ baseUrl: server.url, getCookie: async () => COOKIE });
}

describe('source types and statuses a newer server knows', () => {
  it('the list, the health rows and one source keep them raw; the IPC snapshot carries them', async () => {
    const row = {
      id: 'src_new',
      name: 'x',
      sourceType: 'gemini_enterprise_audit',
      status: 'paused_by_policy',
      lastEventIso: null,
      eventsLast24h: 2,
    };
    const client = await api((req, res) =>
      req.url?.startsWith('/api/trpc/ingestionSources.list?')
        ? sendJson(res, 200, ok([wire(), wire({ id: 'src_known', sourceType: 'claude_code', status: 'active' })]))
        : req.url?.startsWith('/api/trpc/activityMonitor.ingestionSourcesHealth?')
          ? sendJson(res, 200, ok([row]))
          : sendJson(res, 200, ok(wire())),
    );
    const both = { sources: await client.listSources(ORG), health: await client.listHealth(ORG) };
    expect(both.sources.map((s) => [s.sourceType, s.status])).toEqual([
      ['gemini_enterprise_audit', 'paused_by_policy'],
      ['claude_code', 'active'],
    ]);
    expect(both.health).toEqual({ kind: 'ok', rows: [row] });
    expect((await client.getSource(ORG, 'src_new')).status).toBe('paused_by_policy');
    const snapshot = {
      monitorState: {
        phase: 'running',
        organizationId: ORG,
        updatedAt: null,
        intervalMs: 5000,
        health: 'ok',
        readOnly: false,
        canManage: true,
        lastError: null,
      },
      rows: both.sources.map((s) => ({ ...s, eventsLast24h: 2 })),
    };
    expect(SourcesSnapshot.safeParse(snapshot).success).toBe(true);
  });

  it('a value longer than the IPC carries is cut, not refused', async () => {
    const client = await api((_req, res) => sendJson(res, 200, ok([wire({ sourceType: 't'.repeat(500) })])));
    const [source] = await client.listSources(ORG);
    expect(source?.sourceType).toBe('t'.repeat(200));
  });

  it('the read-only CLI list keeps them too', async () => {
    server = await startLocalServer((_req, res) =>
      sendJson(res, 200, {
        sources: [
          {
            id: 'src_new',
            name: 'n',
            sourceType: 'gemini_enterprise_audit',
            status: 'paused_by_policy',
            createdAt: at.toISOString(),
          },
        ],
      }),
    );
    const cli = createCliRest({
      http: createLangwatchHttp({ baseUrl: server.url }),
      organizationId: ORG,
      getAccessToken: async () => 'lw_at_token123456',
    });
    const [source] = await cli.listSources();
    expect(source).toMatchObject({ sourceType: 'gemini_enterprise_audit', status: 'paused_by_policy' });
  });

  it('known and unknown are told apart from the known lists', () => {
    expect(isKnownSourceType('claude_compliance')).toBe(true);
    expect(isKnownSourceType('gemini_enterprise_audit')).toBe(false);
    expect(isKnownSourceStatus('disabled')).toBe(true);
    expect(isKnownSourceStatus('paused_by_policy')).toBe(false);
  });
});

describe('health answered with a server error', () => {
  const CH = { code: 'clickhouse_unavailable' };

  it('the list survives; health is unavailable with the status and the reason', async () => {
    const client = await api((req, res) =>
      req.url?.startsWith('/api/trpc/ingestionSources.list?')
        ? sendJson(res, 200, ok([wire({ sourceType: 'claude_compliance', status: 'active' })]))
        : sendJson(
            res,
            500,
            trpcError(500, 'activityMonitor.ingestionSourcesHealth', 'ClickHouse is not available', CH),
          ),
    );
    const [sources, health] = await Promise.all([client.listSources(ORG), client.listHealth(ORG)]);
    expect(sources).toHaveLength(1);
    expect(health).toMatchObject({
      kind: 'unavailable',
      error: { code: 'langwatch.server_error', details: { httpStatus: 500, reason: 'clickhouse_unavailable' } },
    });
    if (health.kind !== 'unavailable') throw new Error('expected unavailable');
    expect(describeHealthUnavailable(health.error)).toMatch(
      /^Health unavailable \(server error 500: clickhouse_unavailable\)/,
    );
  });

  it('detail reads (metrics, events) carry the reason; the detail channels accept "unavailable"', async () => {
    const client = await api((_req, res) =>
      sendJson(res, 500, trpcError(500, 'activityMonitor.sourceHealthMetrics', 'ClickHouse is not available', CH)),
    );
    const error = await caught(client.sourceHealthMetrics(ORG, 'src_1'));
    expect(error.details).toMatchObject({ httpStatus: 500, reason: 'clickhouse_unavailable' });
    const answer = { kind: 'unavailable', error: error.toData() };
    expect(sourcesChannels['sources.health'].output.safeParse(answer).success).toBe(true);
    expect(sourcesChannels['sources.events'].output.safeParse(answer).success).toBe(true);
  });

  it('an unhandled 500 ("An unknown error occurred") has no invented reason', async () => {
    const client = await api((_req, res) =>
      sendJson(res, 500, trpcError(500, 'activityMonitor.sourceHealthMetrics', 'An unknown error occurred', null)),
    );
    const error = await caught(client.sourceHealthMetrics(ORG, 'src_1'));
    expect(error.details?.reason).toBeUndefined();
    expect(describeHealthUnavailable(error.toData())).toMatch(/^Health unavailable \(server error 500\)/);
  });

  it('the CLI health route (device sessions) carries the reason of a REST error body', async () => {
    server = await startLocalServer((_req, res) =>
      sendJson(res, 500, { error: 'clickhouse_unavailable', message: 'Analytics store not configured' }),
    );
    const cli = createCliRest({
      http: createLangwatchHttp({ baseUrl: server.url }),
      organizationId: ORG,
      getAccessToken: async () => 'lw_at_token123456',
    });
    const error = await caught(cli.sourceHealth('src_1'));
    expect(error).toMatchObject({
      code: 'langwatch.server_error',
      details: { httpStatus: 500, reason: 'clickhouse_unavailable' },
    });
  });

  it('server text is untrusted: secrets redacted, whitespace collapsed, cut short', () => {
    const key = 'sk-ant-api01-' + 'Q'.repeat(90);
    const reason = serverReason(`pull failed for ${key}\n\n  with ${'x'.repeat(300)}`)!;
    expect(reason).not.toContain(key);
    expect(reason).toContain('sk-ant-api01-[REDACTED]');
    expect(reason).not.toMatch(/\n|\s{2}/);
    expect(reason.length).toBe(REASON_MAX + 1);
    expect(serverReason('Internal server error', undefined, 42)).toBeUndefined();
  });
});
