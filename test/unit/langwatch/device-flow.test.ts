import { afterEach, describe, expect, it } from 'vitest';
import { createDeviceFlow } from '../../../src-main/services/langwatch/device-flow';
import { createCliRest } from '../../../src-main/services/langwatch/cli-rest';
import { createLangwatchHttp } from '../../../src-main/services/langwatch/http';
import { createFakeClock } from '../../support/fake-clock';
import { sendJson, startLocalServer, type LocalServer } from '../../support/local-server';
import { caught } from '../../support/caught';

const grant = {
  access_token: 'lw_at_accessaccess',
  token_type: 'Bearer',
  expires_in: 3600,
  refresh_token: 'lw_rt_refreshrefresh',
  refresh_expires_in: 2592000,
  user: { id: 'u9', email: null, name: 'Sup' },
  organization: { id: 'org_acme', name: 'Acme', slug: 'acme' },
};

describe('device flow (local server)', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function flowWith(exchangeAnswers: Array<[number, unknown]>, verification?: string) {
    server = await startLocalServer((req, res) => {
      if (req.url === '/api/auth/cli/device-code') {
        sendJson(res, 200, {
          device_code: 'dc_secret',
          user_code: 'ABCD-EFGH',
          verification_uri: `${server!.url}/cli/approve`,
          verification_uri_complete: verification ?? `${server!.url}/cli/approve?code=ABCD-EFGH`,
          expires_in: 600,
          interval: 5,
        });
        return;
      }
      const [status, body] = exchangeAnswers.shift() ?? [500, {}];
      sendJson(res, status, body);
    });
    const clock = createFakeClock({ auto: true });
    return { flow: createDeviceFlow({ http: createLangwatchHttp({ baseUrl: server.url }), clock }), clock };
  }

  it('starts, keeps polling while pending, slows down on 429 and returns the grant', async () => {
    const { flow, clock } = await flowWith([
      [428, { error: 'authorization_pending' }],
      [429, { error: 'slow_down' }],
      [428, { error: 'authorization_pending' }],
      [200, grant],
    ]);
    const start = await flow.startDeviceFlow();
    expect(start).toEqual({
      deviceCode: 'dc_secret',
      userCode: 'ABCD-EFGH',
      verificationUriComplete: `${server!.url}/cli/approve?code=ABCD-EFGH`,
      expiresIn: 600,
      interval: 5,
    });
    const result = await flow.pollDeviceFlow({
      deviceCode: start.deviceCode,
      interval: start.interval,
      clock,
      expiresIn: 600,
    });
    expect(result.user).toEqual({ id: 'u9', email: null, name: 'Sup' });
    expect(result.organization.id).toBe('org_acme');
    expect(result.tokens.accessToken).toBe('lw_at_accessaccess');
    expect(clock.delays).toEqual([5000, 5000, 10000, 10000]);
    expect(JSON.parse(server!.requests[1]!.body)).toMatchObject({ device_code: 'dc_secret' });
  });

  it('ends on 408 and 410', async () => {
    const expired = await flowWith([[408, { error: 'expired_token' }]]);
    expect(
      (await caught(expired.flow.pollDeviceFlow({ deviceCode: 'd', interval: 5, clock: expired.clock }))).code,
    ).toBe('auth.device_expired');
    await server!.close();
    const denied = await flowWith([[410, { error: 'access_denied' }]]);
    expect((await caught(denied.flow.pollDeviceFlow({ deviceCode: 'd', interval: 5, clock: denied.clock }))).code).toBe(
      'auth.device_denied',
    );
  });

  it('stops when cancelled', async () => {
    const { flow } = await flowWith([]);
    const controller = new AbortController();
    const clock = createFakeClock(); // manual: the wait never ends by itself
    const polling = flow.pollDeviceFlow({ deviceCode: 'd', interval: 5, clock, signal: controller.signal });
    controller.abort();
    expect((await caught(polling)).code).toBe('cancelled');
    expect(clock.pending()).toBe(0);
  });

  it('passes an approval link on another origin on (the connect flow asks the person), refuses other schemes', async () => {
    // LangWatch builds the link from its configured public address, which may be an alias.
    const { flow } = await flowWith([], 'https://lw-public.example/cli/auth?user_code=ABCD-EFGH');
    expect((await flow.startDeviceFlow()).verificationUriComplete).toBe(
      'https://lw-public.example/cli/auth?user_code=ABCD-EFGH',
    );
    await server!.close();
    const js = await flowWith([], 'javascript:alert(1)');
    expect((await caught(js.flow.startDeviceFlow())).code).toBe('network.unexpected_answer');
    await server!.close();
    const creds = await flowWith([], 'https://user:pw@lw-public.example/cli/auth');
    expect((await caught(creds.flow.startDeviceFlow())).code).toBe('network.unexpected_answer');
  });

  it('maps an invalid refresh token to auth.refresh_invalid', async () => {
    server = await startLocalServer((req, res) =>
      sendJson(res, 401, { error: 'invalid_grant', error_description: 'x' }),
    );
    const flow = createDeviceFlow({ http: createLangwatchHttp({ baseUrl: server.url }) });
    expect((await caught(flow.refreshTokens('lw_rt_old'))).code).toBe('auth.refresh_invalid');
  });
});

describe('CLI REST (local server)', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('reads sources, health and events with a Bearer token', async () => {
    server = await startLocalServer((req, res) => {
      if (req.url === '/api/auth/cli/governance/ingest/sources') {
        sendJson(res, 200, {
          sources: [
            {
              id: 's1',
              name: 'A',
              sourceType: 'claude_compliance',
              description: null,
              status: 'active',
              lastEventAt: '2026-11-28T10:00:00Z',
              createdAt: '2026-11-01T00:00:00Z',
              archivedAt: null,
            },
          ],
        });
      } else if (req.url === '/api/auth/cli/governance/ingest/sources/s1/health') {
        sendJson(res, 200, {
          source: { id: 's1', name: 'A', status: 'active' },
          health: { events24h: 1, events7d: 2, events30d: 3, lastSuccessIso: '' },
        });
      } else if (req.url!.startsWith('/api/auth/cli/governance/ingest/sources/s1/events')) {
        sendJson(res, 200, {
          events: [
            {
              eventId: 'e1',
              eventType: 't',
              actor: 'a',
              action: 'x',
              target: '',
              costUsd: '0',
              tokensInput: 0,
              tokensOutput: 0,
              eventTimestampIso: '2026-11-28T10:00:00.000Z',
              ingestedAtIso: '2026-11-28T10:00:01.000Z',
              rawPayload: { a: 1 },
            },
          ],
        });
      } else sendJson(res, 402, { error: 'payment_required' });
    });
    const cli = createCliRest({
      http: createLangwatchHttp({ baseUrl: server.url }),
      organizationId: 'org_acme',
      getAccessToken: async () => 'lw_at_tok',
    });
    const [source] = await cli.listSources();
    expect(source).toMatchObject({
      id: 's1',
      organizationId: 'org_acme',
      lastEventAt: '2026-11-28T10:00:00.000Z',
      parserConfig: {},
    });
    expect(await cli.sourceHealth('s1')).toEqual({ events24h: 1, events7d: 2, events30d: 3, lastSuccessIso: null });
    const events = await cli.sourceEvents('s1', { limit: 10, beforeIso: '2026-11-29T00:00:00.000Z' });
    expect(events[0]).toMatchObject({ eventId: 'e1', costUsd: 0, rawPayload: '{"a":1}' });
    expect(server.requests[2]!.url).toBe(
      '/api/auth/cli/governance/ingest/sources/s1/events?limit=10&before_iso=2026-11-29T00%3A00%3A00.000Z',
    );
    expect(server.requests[0]!.headers.authorization).toBe('Bearer lw_at_tok');
    expect((await caught(cli.sourceHealth('s2'))).code).toBe('langwatch.enterprise_required');
  });
});
