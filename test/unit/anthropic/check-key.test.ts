import { Agent, interceptors } from 'undici';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { keyVerdictSchema, type KeyVerdict } from '../../../src-shared/domain/key-verdict';
import { AppError } from '../../../src-shared/errors';
import { checkKey, createComplianceApiClient, type CheckKeyOptions } from '../../../src-main/services/anthropic';
import { closeAllServers, sendJson, startServer, type Handler } from '../../support/local-server';
import { EMPTY_PAGE, anthropicError, expectNoSecret } from './servers';

const KEY = 'sk-ant-api01-T3stK3y_5ecr3t-ValueThatMustNeverLeak0123456789abcdefa1b2';
const NOW = Date.parse('2026-11-28T12:00:00.000Z');
const YEAR = 365 * 24 * 3600_000;
const agents: Agent[] = [];

afterEach(closeAllServers);
afterAll(async () => {
  await Promise.all(agents.map((a) => a.close()));
});

async function check(handler: Handler, extra: Partial<CheckKeyOptions> = {}) {
  const server = await startServer(handler);
  const verdict = await checkKey({
    baseUrl: server.url,
    key: KEY,
    now: () => NOW,
    retryDelayMs: 5,
    timeoutMs: 2000,
    ...extra,
  });
  // Every verdict crosses IPC: it must match the shared schema and never carry the key.
  expect(keyVerdictSchema.parse(verdict)).toEqual(verdict);
  expectNoSecret(verdict, KEY);
  return { verdict, server };
}

function only<K extends KeyVerdict['verdict']>(verdict: KeyVerdict, kind: K): Extract<KeyVerdict, { verdict: K }> {
  expect(verdict.verdict).toBe(kind);
  return verdict as Extract<KeyVerdict, { verdict: K }>;
}

describe('checkKey: the request', () => {
  it('GETs /v1/compliance/activities?limit=1 with the contract headers', async () => {
    const { server } = await check((_req, res) => sendJson(res, 200, EMPTY_PAGE));
    expect(server.requests).toHaveLength(1);
    const [seen] = server.requests;
    expect(seen?.method).toBe('GET');
    expect(seen?.url).toBe('/v1/compliance/activities?limit=1');
    expect(seen?.headers['x-api-key']).toBe(KEY);
    expect(seen?.headers['anthropic-version']).toBe('2023-06-01');
    expect(seen?.headers.accept).toBe('application/json');
  });

  it('keeps a base URL path prefix, drops trailing slashes, and sends the trimmed key', async () => {
    const server = await startServer((_req, res) => sendJson(res, 200, EMPTY_PAGE));
    await checkKey({ baseUrl: `${server.url}/gateway/anthropic//`, key: `  ${KEY}\n`, now: () => NOW });
    expect(server.requests[0]?.url).toBe('/gateway/anthropic/v1/compliance/activities?limit=1');
    expect(server.requests[0]?.headers['x-api-key']).toBe(KEY);
  });
});

describe('checkKey: one verdict per row of the contract table', () => {
  it('200 with an empty page -> valid, with request-id, status and time', async () => {
    const { verdict } = await check((_req, res) => sendJson(res, 200, EMPTY_PAGE, { 'request-id': 'req_valid_1' }));
    expect(verdict).toMatchObject({
      verdict: 'valid',
      httpStatus: 200,
      requestId: 'req_valid_1',
      checkedAt: '2026-11-28T12:00:00.000Z',
      attempts: 1,
      rateLimit: null,
    });
    expect(verdict.message).toMatch(/works/);
    expect(verdict.nextStep.length).toBeGreaterThan(0);
  });

  it('200 with activities and rate-limit headers -> valid, rate limit reported', async () => {
    const page = {
      data: [
        {
          id: 'activity_1',
          created_at: '2026-11-28T11:59:00Z',
          type: 'compliance_api_accessed',
          actor: { type: 'api_actor' },
        },
      ],
      has_more: true,
      first_id: 'activity_1',
      last_id: 'activity_1',
    };
    const { verdict } = await check((_req, res) =>
      sendJson(res, 200, page, {
        'anthropic-ratelimit-requests-limit': '600',
        'anthropic-ratelimit-requests-remaining': '598',
        'anthropic-ratelimit-requests-reset': '2026-11-28T12:01:00Z',
      }),
    );
    expect(only(verdict, 'valid').rateLimit).toEqual({ limit: 600, remaining: 598, reset: '2026-11-28T12:01:00Z' });
  });

  it.each([
    ['with top-level "type":"error"', true],
    ['without top-level type', false],
  ])('401 authentication_error -> invalid_key (%s)', async (_name, topLevel) => {
    const { verdict } = await check((_req, res) =>
      anthropicError(res, 401, 'authentication_error', 'invalid x-api-key', { 'request-id': 'req_401' }, topLevel),
    );
    expect(verdict).toMatchObject({
      verdict: 'invalid_key',
      httpStatus: 401,
      requestId: 'req_401',
      errorType: 'authentication_error',
      serverMessage: 'invalid x-api-key',
    });
    expect(verdict.nextStep).toMatch(/sk-ant-api01-/);
  });

  it.each([
    [
      'Got: [a, b]',
      'API key does not have required scope read:compliance_activities. Got: [read:compliance_user_data, read:compliance_org_data]',
      ['read:compliance_user_data', 'read:compliance_org_data'],
    ],
    ['quoted list', "Missing scope. Got: ['read:compliance_user_data']", ['read:compliance_user_data']],
    ['empty list', 'Missing scope. Got: []', []],
    ['no list', 'permission denied', null],
  ])('403 permission_error -> missing_scope (%s)', async (_name, message, scopes) => {
    const { verdict } = await check((_req, res) =>
      anthropicError(res, 403, 'permission_error', message, { 'request-id': 'req_403' }),
    );
    const v = only(verdict, 'missing_scope');
    expect(v).toMatchObject({ httpStatus: 403, requestId: 'req_403', scopes });
    expect(v.nextStep).toMatch(/new Compliance Access Key/);
    if (scopes !== null && scopes.length > 0) expect(v.message).toContain(scopes[0]);
  });

  it('old-style 401 whose message mentions the scope -> missing_scope, scopes parsed', async () => {
    const { verdict } = await check((_req, res) =>
      anthropicError(
        res,
        401,
        'authentication_error',
        'Key lacks scope read:compliance_activities. Got: [read:compliance_org_data]',
      ),
    );
    expect(only(verdict, 'missing_scope')).toMatchObject({ httpStatus: 401, scopes: ['read:compliance_org_data'] });
  });

  it('matches on error.type, not on the status: a 403 whose message says "invalid key" is still missing_scope', async () => {
    const { verdict } = await check((_req, res) => anthropicError(res, 403, 'permission_error', 'invalid key'));
    expect(verdict.verdict).toBe('missing_scope');
  });

  it.each([
    ['delta seconds', '30', 30],
    ['fractional seconds round up', '1.2', 2],
    // A server whose clock is a year ahead of this machine's: the date counts from its own Date.
    ['an HTTP date', new Date(NOW + YEAR + 45_000).toUTCString(), 45],
    ['absent', undefined, null],
    ['garbage', 'soon', null],
  ])('429 rate_limit_error -> rate_limited (retry-after %s)', async (_name, retryAfter, seconds) => {
    const headers: Record<string, string> = { 'request-id': 'req_429', date: new Date(NOW + YEAR).toUTCString() };
    if (retryAfter !== undefined) headers['retry-after'] = retryAfter;
    const { verdict, server } = await check((_req, res) =>
      anthropicError(res, 429, 'rate_limit_error', 'Rate limited', headers),
    );
    expect(only(verdict, 'rate_limited')).toMatchObject({
      httpStatus: 429,
      requestId: 'req_429',
      retryAfterSec: seconds,
    });
    expect(server.requests).toHaveLength(1); // the key is known good: no retry
  });

  it('5xx then 200 -> retried once -> valid (attempts 2)', async () => {
    const { verdict, server } = await check((_req, res, n) =>
      n === 0
        ? anthropicError(res, 500, 'api_error', 'Internal error', { 'request-id': 'req_500' })
        : sendJson(res, 200, EMPTY_PAGE, { 'request-id': 'req_ok' }),
    );
    expect(verdict).toMatchObject({ verdict: 'valid', attempts: 2, requestId: 'req_ok' });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.headers['x-api-key']).toBe(KEY);
  });

  it.each([
    [502, 'api_error'],
    [503, 'api_error'],
    [529, 'overloaded_error'],
  ])('%i twice -> inconclusive server_error after exactly 2 requests', async (status, type) => {
    const { verdict, server } = await check((_req, res, n) =>
      anthropicError(res, status, type, 'busy', { 'request-id': `req_${n}` }),
    );
    expect(only(verdict, 'inconclusive')).toMatchObject({
      reason: 'server_error',
      httpStatus: status,
      attempts: 2,
      requestId: 'req_1',
      errorType: type,
    });
    expect(server.requests).toHaveLength(2);
  });

  it('a 5xx HTML page from a proxy is still inconclusive', async () => {
    const { verdict } = await check((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body>Bad gateway</body></html>');
    });
    expect(only(verdict, 'inconclusive')).toMatchObject({ reason: 'server_error', errorType: null });
  });

  it('x-should-retry: false -> inconclusive after ONE request', async () => {
    const { verdict, server } = await check((_req, res) =>
      anthropicError(res, 500, 'api_error', 'nope', { 'x-should-retry': 'false' }),
    );
    expect(only(verdict, 'inconclusive')).toMatchObject({ reason: 'server_error', attempts: 1, httpStatus: 500 });
    expect(server.requests).toHaveLength(1);
  });

  it('connection refused -> inconclusive network (retried once), with the error code', async () => {
    const gone = await startServer(() => undefined);
    await gone.close();
    const verdict = await checkKey({ baseUrl: gone.url, key: KEY, now: () => NOW, retryDelayMs: 5 });
    expect(keyVerdictSchema.parse(verdict)).toMatchObject({
      verdict: 'inconclusive',
      reason: 'network',
      networkCode: 'ECONNREFUSED',
      attempts: 2,
      httpStatus: null,
      requestId: null,
    });
    expectNoSecret(verdict, KEY);
  });

  it('socket dropped mid-answer -> inconclusive network', async () => {
    const { verdict, server } = await check((req) => req.socket.destroy());
    expect(only(verdict, 'inconclusive').reason).toBe('network');
    expect(server.requests).toHaveLength(2);
  });

  it('slow server (no headers) -> inconclusive timeout, retried once', async () => {
    const started = Date.now();
    const { verdict, server } = await check(() => undefined, { timeoutMs: 150 });
    expect(only(verdict, 'inconclusive')).toMatchObject({ reason: 'timeout', attempts: 2, networkCode: null });
    expect(verdict.message).toMatch(/did not answer/);
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('slow body (headers sent, body never ends) -> inconclusive timeout', async () => {
    const { verdict } = await check(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data":[');
      },
      { timeoutMs: 150 },
    );
    expect(only(verdict, 'inconclusive').reason).toBe('timeout');
  });
});

describe('checkKey: wrong endpoint', () => {
  it.each([301, 302, 303, 307, 308])(
    '%i redirect -> wrong_endpoint; the key is NOT sent to the Location',
    async (status) => {
      const target = await startServer((_req, res) => sendJson(res, 200, EMPTY_PAGE));
      const { verdict, server } = await check((_req, res) => {
        res.writeHead(status, {
          location: `${target.url}/v1/compliance/activities?limit=1&token=abc`,
          'request-id': 'req_redirect',
        });
        res.end();
      });
      const v = only(verdict, 'wrong_endpoint');
      expect(v).toMatchObject({
        reason: 'redirect',
        httpStatus: status,
        requestId: 'req_redirect',
        location: `${target.url}/v1/compliance/activities`,
      });
      expect(v.message).toMatch(/not sent/);
      expect(server.requests).toHaveLength(1);
      expect(target.requests).toHaveLength(0);
    },
  );

  it('even through a dispatcher with a redirect interceptor, the redirect is not followed', async () => {
    const target = await startServer((_req, res) => sendJson(res, 200, EMPTY_PAGE));
    const following = new Agent().compose(interceptors.redirect({ maxRedirections: 5 }));
    agents.push(following as unknown as Agent);
    const { verdict } = await check(
      (_req, res) => {
        res.writeHead(302, { location: `${target.url}/steal` });
        res.end();
      },
      { dispatcher: following },
    );
    expect(only(verdict, 'wrong_endpoint').reason).toBe('redirect');
    expect(target.requests).toHaveLength(0);
  });

  it('a relative Location is resolved against the request URL', async () => {
    const { verdict, server } = await check((_req, res) => {
      res.writeHead(302, { location: '/login?next=1' });
      res.end();
    });
    expect(only(verdict, 'wrong_endpoint').location).toBe(`${server.url}/login`);
  });

  it.each([
    [200, 'text/html; charset=utf-8'],
    [200, 'text/plain'], // a proxy page served with the wrong type is still a page
    [401, 'text/html'], // a proxy asking for its own sign-in
    [404, 'text/html'],
  ])('HTML answer (%i, %s) -> wrong_endpoint html', async (status, type) => {
    const { verdict } = await check((_req, res) => {
      res.writeHead(status, { 'content-type': type });
      res.end('<!doctype html><html><body>Sign in to the corporate proxy</body></html>');
    });
    expect(only(verdict, 'wrong_endpoint')).toMatchObject({ reason: 'html', httpStatus: status });
  });

  it.each([
    [404, 'not_found_error'],
    [400, 'invalid_request_error'],
    [405, 'invalid_request_error'],
    [413, 'request_too_large'],
  ])('%i %s -> wrong_endpoint unexpected_status', async (status, type) => {
    const { verdict } = await check((_req, res) => anthropicError(res, status, type, 'Not here'));
    expect(only(verdict, 'wrong_endpoint')).toMatchObject({
      reason: 'unexpected_status',
      httpStatus: status,
      errorType: type,
    });
  });

  it.each([
    ['401 without a body', 401, ''],
    ['403 with other JSON', 403, '{"message":"Forbidden"}'],
    ['429 from a gateway, plain text', 429, 'Too Many Requests'],
    ['418 teapot', 418, ''],
  ])('%s -> wrong_endpoint (not an Anthropic error)', async (_name, status, body) => {
    const { verdict } = await check((_req, res) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(body);
    });
    expect(only(verdict, 'wrong_endpoint')).toMatchObject({
      reason: 'unexpected_status',
      httpStatus: status,
      errorType: null,
    });
  });

  it('204 -> wrong_endpoint unexpected_status', async () => {
    const { verdict } = await check((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    expect(only(verdict, 'wrong_endpoint')).toMatchObject({ reason: 'unexpected_status', httpStatus: 204 });
  });

  it.each([
    ['not JSON', 'hello'],
    ['JSON but not a page', '{"ok":true}'],
    ['a page with data not an array', '{"data":{},"has_more":false,"first_id":null,"last_id":null}'],
    ['empty body', ''],
  ])('200 %s -> wrong_endpoint unparsable', async (_name, body) => {
    const { verdict } = await check((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    expect(only(verdict, 'wrong_endpoint')).toMatchObject({ reason: 'unparsable', httpStatus: 200 });
  });

  it('an answer over the size cap -> wrong_endpoint too_large, without reading it all', async () => {
    const { verdict } = await check(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ...EMPTY_PAGE, padding: 'x'.repeat(64 * 1024) }));
      },
      { maxBodyBytes: 4096 },
    );
    expect(only(verdict, 'wrong_endpoint').reason).toBe('too_large');
  });
});

describe('checkKey: the key never leaks', () => {
  it('a server that echoes the key in its error message gets it redacted', async () => {
    const { verdict } = await check((req, res) =>
      anthropicError(
        res,
        401,
        'authentication_error',
        `bad key ${String(req.headers['x-api-key'])} and sk-ant-api01-another-Key_123`,
      ),
    );
    expect(verdict.serverMessage).toBe('bad key (redacted) and (redacted)');
  });

  it('a server that echoes the key in a 403 scope list', async () => {
    const { verdict } = await check((req, res) =>
      anthropicError(res, 403, 'permission_error', `Got: [${String(req.headers['x-api-key'])}]`),
    );
    expect(only(verdict, 'missing_scope').scopes).toEqual(['(redacted)']);
  });
});

describe('checkKey: refused before any request', () => {
  async function refusal(options: Partial<CheckKeyOptions>): Promise<AppError> {
    const server = await startServer((_req, res) => sendJson(res, 200, EMPTY_PAGE));
    const error = await checkKey({ baseUrl: server.url, key: KEY, ...options }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(server.requests).toHaveLength(0);
    return error as AppError;
  }

  it.each([
    ['not a URL', 'api.anthropic.com'],
    ['ftp', 'ftp://api.anthropic.com'],
    ['plain http to a remote host', 'http://api.anthropic.com'],
    ['credentials in the URL', 'https://user:pw@api.anthropic.com'],
  ])('base URL %s -> invalid_argument', async (_name, baseUrl) => {
    const error = await refusal({ baseUrl });
    expect(error.code).toBe('invalid_argument');
    expect(error.details).toEqual({ field: 'baseUrl' });
  });

  it.each([
    ['inner whitespace', `${KEY.slice(0, 20)} ${KEY.slice(20)}`, 'inner_whitespace'],
    ['non-printable', `${KEY}\u200b`, 'non_printable'],
    ['a Claude API key', KEY.replace('api01', 'api03'), 'claude_api_key'],
    ['empty', '  ', 'empty'],
  ])('key with %s -> invalid_argument, no key in the error', async (_name, key, reason) => {
    const error = await refusal({ key });
    expect(error.code).toBe('invalid_argument');
    expect(error.details).toEqual({ field: 'key', reason });
    expectNoSecret(error, KEY.slice(13));
    if (key.trim() !== '') expectNoSecret(error, key.trim());
  });
});

describe('checkKey: cancellation', () => {
  it('an already-aborted signal -> cancelled, no request', async () => {
    const server = await startServer((_req, res) => sendJson(res, 200, EMPTY_PAGE));
    const error = await checkKey({ baseUrl: server.url, key: KEY, signal: AbortSignal.abort() }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'cancelled' });
    expect(server.requests).toHaveLength(0);
  });

  it('aborting while the server is slow -> cancelled (not a timeout verdict)', async () => {
    const server = await startServer(() => undefined);
    const controller = new AbortController();
    const pending = checkKey({ baseUrl: server.url, key: KEY, signal: controller.signal, timeoutMs: 5000 });
    setTimeout(() => controller.abort(), 50);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'cancelled' });
    expectNoSecret(error, KEY);
  });

  it('aborting during the pause before the retry -> cancelled', async () => {
    const server = await startServer((_req, res) => anthropicError(res, 503, 'api_error', 'busy'));
    const controller = new AbortController();
    const pending = checkKey({ baseUrl: server.url, key: KEY, signal: controller.signal, retryDelayMs: 5000 });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('createComplianceApiClient', () => {
  it('applies its defaults to each call', async () => {
    const server = await startServer((_req, res, n) =>
      n === 0 ? anthropicError(res, 500, 'api_error', 'x') : sendJson(res, 200, EMPTY_PAGE),
    );
    const client = createComplianceApiClient({ now: () => NOW, retryDelayMs: 1 });
    const verdict = await client.checkKey({ baseUrl: server.url, key: KEY });
    expect(verdict).toMatchObject({ verdict: 'valid', attempts: 2, checkedAt: '2026-11-28T12:00:00.000Z' });
  });
});
