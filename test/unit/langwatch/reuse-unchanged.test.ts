// The lists a tick reads again: the very same answer text is the very same list (nothing
// parsed again); any change, an error in between or another organisation is parsed afresh.
import superjson from 'superjson';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLangwatchApi } from '../../../src-main/services/langwatch/api';
import { sendJson, startLocalServer, type LocalServer } from '../../support/local-server';
import { caught } from '../../support/caught';

const at = new Date('2026-01-02T03:04:05.000Z');
const source = (id: string, name: string) => ({
  id,
  organizationId: 'org_1',
  teamId: null,
  sourceType: 'otel_generic',
  name,
  description: null,
  parserConfig: {},
  status: 'active',
  lastEventAt: null,
  archivedAt: null,
  createdAt: at,
  updatedAt: at,
  createdById: 'u1',
});
const ok = (value: unknown) => ({ result: { data: superjson.serialize(value) } });

describe('an unchanged list answer', () => {
  let server: LocalServer | undefined;
  afterEach(async () => server?.close());

  it('is the same list object; a changed one, an error between and another organisation are read afresh', async () => {
    let answer: { status: number; body: unknown } = { status: 200, body: ok([source('s1', 'One')]) };
    server = await startLocalServer((_req, res) => sendJson(res, answer.status, answer.body));
    const api = createLangwatchApi({ baseUrl: server.url, getCookie: async () => 'c=1' });
    const first = await api.listSources('org_1');
    const parse = vi.spyOn(JSON, 'parse');
    const again = await api.listSources('org_1');
    expect(parse).not.toHaveBeenCalled(); // the same text is not parsed again
    parse.mockRestore();
    expect(again).toBe(first); // the same array, the same DTOs
    answer = { status: 200, body: ok([source('s1', 'One renamed')]) };
    const changed = await api.listSources('org_1');
    expect(changed).not.toBe(first);
    expect(changed[0]!.name).toBe('One renamed');
    answer = { status: 500, body: { error: { json: { message: 'boom', code: -32603, data: { httpStatus: 500 } } } } };
    expect((await caught(api.listSources('org_1'))).code).toBe('langwatch.server_error');
    answer = { status: 200, body: ok([source('s1', 'One renamed')]) };
    expect(await api.listSources('org_1')).toEqual(changed);
    const other = await api.listSources('org_2');
    expect(other).toEqual(changed); // the same text for another URL is decoded on its own
    expect(server.requests).toHaveLength(6);
  });
});
