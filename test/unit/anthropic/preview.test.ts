import { afterEach, describe, expect, it } from 'vitest';
import { activityPreviewSchema } from '../../../src-shared/domain/governance-event';
import { keyVerdictSchema } from '../../../src-shared/domain/key-verdict';
import { AppError } from '../../../src-shared/errors';
import { previewActivities } from '../../../src-main/services/anthropic';
import { closeAllServers, sendJson, startServer } from '../../support/local-server';
import { EMPTY_PAGE, anthropicError, expectNoSecret } from './servers';

const KEY = 'sk-admin-like-unknown-prefix-Pr3v1ewS3cretValue_never_leak_9f8e';
const COMPLIANCE_KEY = 'sk-ant-api01-Pr3v1ewS3cretValue_never_leak_compliance_0001';
const NOW = Date.parse('2026-11-28T12:00:00.000Z');

afterEach(closeAllServers);

const PAGE = {
  data: [
    {
      id: 'activity_3',
      created_at: '2026-11-28T11:59:00Z',
      organization_id: 'org_1',
      organization_uuid: 'uuid-1',
      actor: {
        type: 'user_actor',
        email_address: 'ana@example.com',
        user_id: 'user_1',
        ip_address: '192.0.2.1',
        user_agent: 'UA',
      },
      type: 'claude_chat_created',
      claude_chat_id: 'claude_chat_9',
      claude_project_id: 'claude_proj_2',
    },
    { id: 'activity_2', type: 'broken: no created_at' },
    {
      id: 'activity_1',
      created_at: '2026-11-28T11:58:00Z',
      organization_id: 'org_1',
      organization_uuid: null,
      actor: { type: 'api_actor', api_key_id: 'apikey_7', ip_address: null, user_agent: null },
      type: 'compliance_api_accessed',
    },
  ],
  has_more: true,
  first_id: 'activity_3',
  last_id: 'activity_1',
};

describe('previewActivities', () => {
  it('asks for 20 by default and maps each readable activity, counting the rest', async () => {
    const server = await startServer((_req, res) => sendJson(res, 200, PAGE, { 'request-id': 'req_preview' }));
    const preview = await previewActivities({ baseUrl: server.url, key: COMPLIANCE_KEY, now: () => NOW });
    expect(server.requests[0]?.url).toBe('/v1/compliance/activities?limit=20');
    expect(server.requests[0]?.headers['x-api-key']).toBe(COMPLIANCE_KEY);
    expect(activityPreviewSchema.parse(preview)).toEqual(preview);
    expect(preview).toMatchObject({
      rejectedCount: 1,
      hasMore: true,
      requestId: 'req_preview',
      fetchedAt: '2026-11-28T12:00:00.000Z',
    });
    expect(preview.activities.map((a) => a.id)).toEqual(['activity_3', 'activity_1']);
    expect(preview.events).toEqual([
      {
        sourceEventId: 'activity_3',
        time: '2026-11-28T11:59:00Z',
        actor: { kind: 'user_actor', id: 'user_1', email: 'ana@example.com' },
        action: { type: 'claude_chat_created', family: 'claude_chat' },
        target: { kind: 'claude_chat', id: 'claude_chat_9' },
        raw: PAGE.data[0],
      },
      {
        sourceEventId: 'activity_1',
        time: '2026-11-28T11:58:00Z',
        actor: { kind: 'api_actor', id: 'apikey_7' },
        action: { type: 'compliance_api_accessed', family: 'compliance_api' },
        target: { kind: 'organization', id: 'org_1' },
        raw: PAGE.data[2],
      },
    ]);
    expectNoSecret(preview, COMPLIANCE_KEY);
  });

  it('an empty feed is an empty preview', async () => {
    const server = await startServer((_req, res) => sendJson(res, 200, EMPTY_PAGE));
    const preview = await previewActivities({ baseUrl: server.url, key: KEY, limit: 5 });
    expect(server.requests[0]?.url).toBe('/v1/compliance/activities?limit=5');
    expect(preview).toMatchObject({ events: [], activities: [], rejectedCount: 0, hasMore: false, requestId: null });
  });

  it('retries a 5xx once like the key check', async () => {
    const server = await startServer((_req, res, n) =>
      n === 0 ? anthropicError(res, 503, 'api_error', 'x') : sendJson(res, 200, PAGE),
    );
    const preview = await previewActivities({ baseUrl: server.url, key: KEY, retryDelayMs: 1 });
    expect(preview.events).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
  });

  it.each([0, -1, 101, 2.5, Number.NaN])('limit %d -> invalid_argument, no request', async (limit) => {
    const server = await startServer((_req, res) => sendJson(res, 200, EMPTY_PAGE));
    await expect(previewActivities({ baseUrl: server.url, key: KEY, limit })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [
      '401',
      (res: Parameters<typeof sendJson>[0]) =>
        anthropicError(res, 401, 'authentication_error', 'invalid x-api-key', { 'request-id': 'req_e' }),
      'invalid_key',
    ],
    [
      '403',
      (res: Parameters<typeof sendJson>[0]) =>
        anthropicError(res, 403, 'permission_error', 'Got: [read:compliance_org_data]', { 'request-id': 'req_e' }),
      'missing_scope',
    ],
    [
      'HTML',
      (res: Parameters<typeof sendJson>[0]) => {
        res.writeHead(200, { 'content-type': 'text/html', 'request-id': 'req_e' });
        res.end('<html></html>');
      },
      'wrong_endpoint',
    ],
    [
      '500 x-should-retry false',
      (res: Parameters<typeof sendJson>[0]) =>
        anthropicError(res, 500, 'api_error', 'x', { 'x-should-retry': 'false', 'request-id': 'req_e' }),
      'inconclusive',
    ],
  ])('%s -> AppError anthropic.request_failed carrying the verdict', async (_name, answer, kind) => {
    const server = await startServer((_req, res) => answer(res));
    const error = await previewActivities({ baseUrl: server.url, key: KEY, now: () => NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('anthropic.request_failed');
    const verdict = keyVerdictSchema.parse(appError.details?.verdict);
    expect(verdict.verdict).toBe(kind);
    expect(appError.message).toBe(verdict.message);
    expect(appError.details).toMatchObject({ requestId: 'req_e', httpStatus: verdict.httpStatus });
    expectNoSecret(appError, KEY);
    expectNoSecret(appError.toData(), KEY);
  });

  it('429 -> the error details carry retryAfterSec', async () => {
    const server = await startServer((_req, res) =>
      anthropicError(res, 429, 'rate_limit_error', 'slow down', { 'retry-after': '12' }),
    );
    const error = await previewActivities({ baseUrl: server.url, key: KEY }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'anthropic.request_failed', details: { retryAfterSec: 12 } });
    expectNoSecret(error, KEY);
  });

  it('timeout -> anthropic.request_failed with an inconclusive verdict', async () => {
    const server = await startServer(() => undefined);
    const error = await previewActivities({ baseUrl: server.url, key: KEY, timeoutMs: 100, retryDelayMs: 1 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'anthropic.request_failed',
      details: { verdict: { verdict: 'inconclusive', reason: 'timeout' } },
    });
  });
});
