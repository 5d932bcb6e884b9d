/**
 * Bad input from servers: malformed answers from small local servers (wrong types, missing
 * fields, huge bodies, wrong content type, HTML error pages, truncated JSON, empty bodies,
 * broken tRPC envelopes, lying superjson meta, a dropped auth) against the LangWatch API
 * client, the CLI REST client, email sign-in and the Anthropic key check. Each ends in a clear
 * AppError code (or a key verdict), never a crash, a hang or a raw exception.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkKey } from '../../src-main/services/anthropic';
import { createLangwatchApi } from '../../src-main/services/langwatch/api';
import { signInWithEmail } from '../../src-main/services/langwatch/auth';
import { createCliRest } from '../../src-main/services/langwatch/cli-rest';
import { createLangwatchHttp } from '../../src-main/services/langwatch/http';
import { AppError } from '../../src-shared/errors';
import { startLocalServer, type LocalServer } from '../support/local-server';

const COOKIE = 'better-auth.session_token=abc.def';
const KEY = 'sk-ant-api01-' + 'A'.repeat(86) + 'AA';
const ORG = 'org_acme';

type Answer = (res: ServerResponse) => void;
const json =
  (status: number, body: unknown, type = 'application/json'): Answer =>
  (res) => {
    res.writeHead(status, { 'content-type': type });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
const raw = (status: number, text: string, type = 'application/json'): Answer => json(status, text, type);
const trpcOk = (data: unknown, meta?: unknown): Answer =>
  json(200, { result: { data: meta ? { json: data, meta } : { json: data } } });
const html = (status: number): Answer =>
  raw(
    status,
    '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
    'text/html',
  );
const reset: Answer = (res) => res.socket?.destroy();
const huge: Answer = (res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  // 24 MB: beyond the client's body cap (20 MB), written in chunks.
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  let left = 24;
  const write = () => {
    while (left > 0) {
      left--;
      if (!res.write(chunk)) return void res.once('drain', write);
    }
    res.end();
  };
  write();
};

const source = {
  id: 'src_1',
  organizationId: ORG,
  name: 'A',
  type: 'claude_compliance',
  status: 'active',
  createdAt: '2026-08-01T09:00:00.000Z',
};

let answer: Answer = json(200, {});
let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer((_req, res) => answer(res));
});
afterAll(async () => {
  await server?.close();
});

/** Runs `call` against the server answering `a`; returns the AppError code (or throws). */
async function codeOf(a: Answer, call: () => Promise<unknown>): Promise<string> {
  answer = a;
  try {
    await call();
  } catch (error) {
    if (!(error instanceof AppError)) throw new Error(`not an AppError: ${String(error)}`, { cause: error });
    expect(error.message.length).toBeGreaterThan(10);
    expect(JSON.stringify(error.details ?? {})).not.toContain(COOKIE);
    return error.code;
  }
  throw new Error('the call succeeded on a malformed answer');
}

const http = () => createLangwatchHttp({ baseUrl: server.url, timeoutMs: 3000 });
const api = () => createLangwatchApi({ baseUrl: server.url, getCookie: async () => COOKIE, http: http() });
const cli = () => createCliRest({ http: http(), organizationId: ORG, getAccessToken: async () => 'lwat_token' });

type Row = [label: string, answer: Answer, call: () => Promise<unknown>, codes: string[]];
// wrong_endpoint = "this answer is not Anthropic's"; inconclusive = no answer to judge (retried once).
const UNEXPECTED = ['network.unexpected_answer'];

const ROWS: Row[] = [
  // LangWatch tRPC API (ingestionSources.list, organizations)
  ['tRPC list: wrong type (items as a string)', trpcOk('not a list'), () => api().listSources(ORG), UNEXPECTED],
  ['tRPC list: missing required fields', trpcOk([{ id: 'src_1' }]), () => api().listSources(ORG), UNEXPECTED],
  [
    'tRPC list: wrong field types',
    trpcOk([{ ...source, name: 42, status: 'exploded' }]),
    () => api().listSources(ORG),
    UNEXPECTED,
  ],
  [
    'tRPC list: truncated JSON',
    raw(200, '{"result":{"data":{"json":[{"id":"src_1","na'),
    () => api().listSources(ORG),
    UNEXPECTED,
  ],
  ['tRPC list: empty body', raw(200, ''), () => api().listSources(ORG), UNEXPECTED],
  ['tRPC list: HTML 502 page from a proxy', html(502), () => api().listSources(ORG), ['langwatch.server_error']],
  [
    'tRPC list: HTML 200 (login page of an SSO proxy)',
    raw(200, '<!doctype html><title>Sign in</title>', 'text/html'),
    () => api().listSources(ORG),
    UNEXPECTED,
  ],
  [
    'tRPC list: JSON with text/plain content type and no envelope',
    raw(200, '{"hello":"world"}', 'text/plain'),
    () => api().listSources(ORG),
    UNEXPECTED,
  ],
  [
    'tRPC list: error envelope of the wrong shape',
    json(500, { error: 'boom' }),
    () => api().listSources(ORG),
    UNEXPECTED,
  ],
  [
    'tRPC list: 200 with an error envelope missing its json',
    json(200, { error: { message: 'x' } }),
    () => api().listSources(ORG),
    UNEXPECTED,
  ],
  [
    'tRPC list: superjson meta claims a Date on a number',
    trpcOk([{ ...source, createdAt: 12 }], { values: { '0.createdAt': ['Date'] }, v: 1 }),
    () => api().listSources(ORG),
    UNEXPECTED,
  ],
  [
    'tRPC list: superjson meta with an unknown type',
    trpcOk([source], { values: { '0.name': ['custom', 'Weird'] }, v: 1 }),
    () => api().listSources(ORG),
    UNEXPECTED,
  ],
  ['tRPC list: a 24 MB body', huge, () => api().listSources(ORG), UNEXPECTED],
  ['tRPC list: auth dropped before the answer', reset, () => api().listSources(ORG), ['network.offline']],
  ['tRPC organizations: null data', trpcOk(null), () => api().organizations(), UNEXPECTED],
  [
    'tRPC batch: an array where an object is expected',
    json(200, [{ result: { data: { json: [] } } }, 'junk']),
    () => api().listSources(ORG),
    UNEXPECTED,
  ],
  // CLI REST (device sessions)
  ['CLI list: wrong type', json(200, { sources: 'nope' }), () => cli().listSources(), UNEXPECTED],
  ['CLI list: truncated JSON', raw(200, '{"sources":[{"id":'), () => cli().listSources(), UNEXPECTED],
  ['CLI list: HTML 503 page', html(503), () => cli().listSources(), ['langwatch.server_error']],
  ['CLI health: missing fields', json(200, {}), () => cli().sourceHealth('src_1'), UNEXPECTED],
  // Email sign-in
  [
    'sign-in: 200 without a session cookie',
    json(200, { user: { id: 'u1' } }),
    () => signInWithEmail({ http: http(), email: 'a@b.test', password: 'pw' }),
    UNEXPECTED,
  ],
  [
    'sign-in: HTML 500 page',
    html(500),
    () => signInWithEmail({ http: http(), email: 'a@b.test', password: 'pw' }),
    ['langwatch.server_error'],
  ],
  [
    'sign-in: truncated JSON 401',
    raw(401, '{"code":"INVALID_EMAIL_OR_PASSW'),
    () => signInWithEmail({ http: http(), email: 'a@b.test', password: 'wrong' }),
    ['auth.invalid_credentials'],
  ],
];

describe('malformed server answers', () => {
  it('has at least 20 cases', () => {
    expect(ROWS.length + ANTHROPIC_ROWS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(ROWS)('%s → a clear error code', async (_label, a, call, codes) => {
    const code = await codeOf(a, call);
    expect(codes).toContain(code);
  });
});

// Anthropic key check: never throws; answers a verdict saying no conclusion could be reached.
type AnthropicRow = [label: string, answer: Answer, verdicts: string[]];
const ANTHROPIC_ROWS: AnthropicRow[] = [
  ['200 with a body that is not the feed', json(200, { hello: 'world' }), ['wrong_endpoint']],
  ['200 with truncated JSON', raw(200, '{"data":[{"id":"act_'), ['wrong_endpoint']],
  ['HTML 502 page', html(502), ['inconclusive']],
  ['401 with an HTML body', raw(401, '<html>nope</html>', 'text/html'), ['wrong_endpoint']],
  ['a 24 MB body', huge, ['wrong_endpoint']],
  ['auth dropped', reset, ['inconclusive']],
  [
    '429 with a garbage Retry-After',
    (res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': 'soon' });
      res.end('{"type":"error"}');
    },
    ['wrong_endpoint'],
  ],
];

describe('malformed Anthropic answers to the key check', () => {
  it.each(ANTHROPIC_ROWS)('%s → verdict', async (_label, a, verdicts) => {
    answer = a;
    const verdict = await checkKey({ baseUrl: server.url, key: KEY, retryDelayMs: 1, timeoutMs: 3000 });
    expect(verdicts).toContain(verdict.verdict);
    expect(JSON.stringify(verdict)).not.toContain(KEY);
  });
});
