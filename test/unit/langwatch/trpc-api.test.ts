import superjson from 'superjson';
import { afterEach, describe, expect, it } from 'vitest';
import { knownSecrets } from '../../../src-main/services/logging/known-secrets';
import { createLangwatchApi } from '../../../src-main/services/langwatch/api';
import { sendJson, startLocalServer, type LocalServer } from '../../support/local-server';
import { trpcError } from './helpers/trpc-error';
import { caught } from '../../support/caught';

const COOKIE = 'better-auth.session_token=tok.sig%2Bxyz';
const ORG = 'org_1';
const created = new Date('2026-01-02T03:04:05.000Z');
const wireSource = {
  id: 'src_1',
  organizationId: ORG,
  teamId: null,
  sourceType: 'claude_compliance',
  name: 'Acme compliance',
  description: null,
  parserConfig: { adapter: 'claude_compliance', pollEverySec: 300 },
  status: 'awaiting_first_event',
  lastEventAt: null,
  archivedAt: null,
  createdAt: created,
  updatedAt: created,
  createdById: 'u1',
};
const ok = (value: unknown) => ({ result: { data: superjson.serialize(value) } });

function inputOf(url: string): unknown {
  const raw = new URL(url, 'http://x').searchParams.get('input');
  return raw === null ? undefined : JSON.parse(raw);
}

describe('tRPC client and typed API', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function api(handler: Parameters<typeof startLocalServer>[0], onUnauthorized?: (c: string | null) => void) {
    server = await startLocalServer(handler);
    return createLangwatchApi({ baseUrl: server.url, getCookie: async () => COOKIE, onUnauthorized });
  }

  it('sends queries as GET with a superjson input envelope and decodes dates', async () => {
    const client = await api((req, res) => sendJson(res, 200, ok([wireSource])));
    const sources = await client.listSources(ORG);
    expect(sources).toEqual([{ ...wireSource, createdAt: created.toISOString(), updatedAt: created.toISOString() }]);
    const req = server!.requests[0]!;
    expect(req.method).toBe('GET');
    expect(req.url.startsWith('/api/trpc/ingestionSources.list?input=')).toBe(true);
    expect(inputOf(req.url)).toEqual({ json: { organizationId: ORG } });
    expect(req.headers.cookie).toBe(COOKIE);
  });

  it('sends mutations as JSON POSTs; the ingest secret comes back beside the source, known for redaction', async () => {
    const secret = 'lw_is_supersecretvalue123';
    const client = await api((req, res) => sendJson(res, 200, ok({ source: wireSource, ingestSecret: secret })));
    const input = {
      organizationId: ORG,
      sourceType: 'claude_compliance' as const,
      name: 'Acme compliance',
      parserConfig: { adapter: 'claude_compliance', pollEverySec: 300, credentials: { token: 'sk-ant-api01-xyz' } },
      pullSchedule: '*/5 * * * *',
    };
    const { source, ingestSecret } = await client.createSource(input);
    expect(JSON.stringify(source)).not.toContain('lw_is_');
    expect(ingestSecret).toBe(secret);
    // Known by value from the moment it was read: a text that carries it, whatever its shape, loses it.
    expect(knownSecrets.redactText(`echo ${secret.slice(6)}!`)).not.toContain(secret.slice(6));
    knownSecrets.forget(secret);
    const req = server!.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/api/trpc/ingestionSources.create');
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual({ json: input });
  });

  it('rotates a secret; an answer without a readable secret still names the source', async () => {
    const client = await api((req, res) =>
      sendJson(res, 200, ok({ source: wireSource, ingestSecret: req.url?.includes('rotate') ? 'short' : undefined })),
    );
    const rotated = await client.rotateSecret(ORG, wireSource.id);
    expect(rotated).toMatchObject({ source: { id: wireSource.id }, ingestSecret: null });
    expect(server!.requests[0]!.url).toBe('/api/trpc/ingestionSources.rotateSecret');
    expect(JSON.parse(server!.requests[0]!.body)).toEqual({ json: { organizationId: ORG, id: wireSource.id } });
  });

  it('asks for the health in its own GET; a plan refusal is a health kind, never an error', async () => {
    const client = await api((req, res) =>
      sendJson(
        res,
        403,
        trpcError(
          403,
          'activityMonitor.ingestionSourcesHealth',
          'The activity monitor requires an Enterprise plan',
          null,
        ),
      ),
    );
    expect(await client.listHealth(ORG)).toEqual({ kind: 'enterprise_required' });
    expect(server!.requests).toHaveLength(1);
    const req = server!.requests[0]!;
    expect(req.url.startsWith('/api/trpc/activityMonitor.ingestionSourcesHealth?input=')).toBe(true);
    expect(req.url).not.toContain('batch=1');
    expect(inputOf(req.url)).toEqual({ json: { organizationId: ORG } });
  });

  it('returns the health rows', async () => {
    const row = {
      id: 'src_1',
      name: 'a',
      sourceType: 'claude_compliance',
      status: 'active',
      lastEventIso: null,
      eventsLast24h: 4,
    };
    const client = await api((req, res) => sendJson(res, 200, ok([row])));
    expect(await client.listHealth(ORG)).toEqual({ kind: 'ok', rows: [row] });
  });

  const cases: Array<[string, number, unknown, string, Record<string, unknown>]> = [
    [
      '401',
      401,
      trpcError(401, 'ingestionSources.list', 'UNAUTHORIZED', null),
      'auth.session_expired',
      { httpStatus: 401 },
    ],
    [
      'permission',
      403,
      trpcError(403, 'ingestionSources.list', 'permission_denied', {
        code: 'permission_denied',
        meta: { permission: 'ingestionSources:manage' },
      }),
      'langwatch.forbidden',
      { permission: 'ingestionSources:manage' },
    ],
    [
      'cap',
      403,
      trpcError(403, 'ingestionSources.list', 'ingestion_source_cap_reached', {
        code: 'ingestion_source_cap_reached',
        meta: { max: 3 },
      }),
      'langwatch.cap_reached',
      { max: 3 },
    ],
    [
      'validation',
      400,
      trpcError(400, 'ingestionSources.list', 'validation_error', {
        code: 'validation_error',
        meta: { fieldErrors: { name: ['Required'] }, formErrors: [] },
      }),
      'langwatch.validation',
      { fieldErrors: { name: ['Required'] } },
    ],
    [
      'cron',
      422,
      trpcError(422, 'ingestionSources.list', 'validation_error', {
        code: 'validation_error',
        meta: { formErrors: ['bad cron'] },
      }),
      'langwatch.validation',
      { formErrors: ['bad cron'] },
    ],
    [
      '404',
      404,
      trpcError(404, 'ingestionSources.list', 'ingestion_source_not_found', { code: 'ingestion_source_not_found' }),
      'langwatch.not_found',
      { traceId: 'trace-123' },
    ],
    ['409', 409, trpcError(409, 'ingestionSources.list', 'conflict', null), 'langwatch.conflict', {}],
    [
      '500',
      500,
      trpcError(500, 'ingestionSources.list', 'An unknown error occurred', null),
      'langwatch.server_error',
      { path: 'ingestionSources.list' },
    ],
  ];
  it.each(cases)('maps %s', async (_name, status, body, code, details) => {
    const client = await api((req, res) => sendJson(res, status, body));
    const error = await caught(client.listSources(ORG));
    expect(error.code).toBe(code);
    expect(error.details).toMatchObject({ httpStatus: status, ...details });
    expect(JSON.stringify(error.toData())).not.toContain('tok.sig');
  });

  it('maps 429 with Retry-After', async () => {
    const client = await api((req, res) =>
      sendJson(res, 429, trpcError(429, 'ingestionSources.list', 'x', null), { 'retry-after': '12' }),
    );
    const error = await caught(client.listSources(ORG));
    expect(error.code).toBe('langwatch.rate_limited');
    expect(error.details?.retryAfterSec).toBe(12);
  });

  it("reads a Retry-After date against the answer's own Date, never this machine's clock", async () => {
    // The deployment's clock is years off this machine's; the wait is the 30 s between its two times.
    const headers = { date: 'Wed, 01 Jan 2031 00:00:00 GMT', 'retry-after': 'Wed, 01 Jan 2031 00:00:30 GMT' };
    const client = await api((req, res) =>
      sendJson(res, 429, trpcError(429, 'ingestionSources.list', 'x', null), headers),
    );
    const error = await caught(client.listSources(ORG));
    expect(error.details?.retryAfterSec).toBe(30);
  });

  it('tells the sources monitor that a 401 happened, with the cookie used', async () => {
    const seen: Array<string | null> = [];
    const client = await api(
      (req, res) => sendJson(res, 401, trpcError(401, 'ingestionSources.list', 'UNAUTHORIZED', null)),
      (c) => seen.push(c),
    );
    await caught(client.listSources(ORG));
    expect(seen).toEqual([COOKIE]);
  });

  it('calls a non-LangWatch answer unexpected', async () => {
    const html = await api((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>hello</html>');
    });
    expect((await caught(html.listSources(ORG))).code).toBe('network.unexpected_answer');
    await server!.close();
    const wrongShape = await api((req, res) => sendJson(res, 200, ok([{ id: 1 }])));
    const error = await caught(wrongShape.listSources(ORG));
    expect(error.code).toBe('network.unexpected_answer');
    expect(error.message).toMatch(/does not look like a LangWatch deployment/);
    await server!.close();
    const redirect = await api((req, res) => {
      res.writeHead(302, { location: 'https://sso.example.com/login' });
      res.end();
    });
    expect((await caught(redirect.listSources(ORG))).code).toBe('network.unexpected_answer');
  });

  it('refuses to call without a session', async () => {
    server = await startLocalServer((req, res) => sendJson(res, 200, ok([])));
    const client = createLangwatchApi({ baseUrl: server.url, getCookie: async () => null });
    expect((await caught(client.listSources(ORG))).code).toBe('auth.not_signed_in');
    expect(server.requests).toHaveLength(0);
  });

  it('reads organisations and permissions', async () => {
    const client = await api((req, res) => {
      if (req.url!.startsWith('/api/trpc/organization.getAll')) {
        sendJson(
          res,
          200,
          ok([
            {
              id: ORG,
              name: 'Acme',
              slug: 'acme',
              createdAt: created,
              members: [{ userId: 'u', role: 'ADMIN' }],
              teams: [{ id: 't', name: 'T', slug: 't', isPersonal: false }],
            },
          ]),
        );
      } else {
        sendJson(res, 200, ok({ scope: {}, permissions: ['ingestionSources:view', 'activityMonitor:view'] }));
      }
    });
    expect(await client.organizations()).toEqual([
      { id: ORG, name: 'Acme', slug: 'acme', teams: [{ id: 't', name: 'T', slug: 't' }], role: 'ADMIN' },
    ]);
    expect(await client.effectivePermissions(ORG)).toEqual({
      canView: true,
      canManage: false,
      canViewHealth: true,
      raw: ['ingestionSources:view', 'activityMonitor:view'],
    });
  });
});
