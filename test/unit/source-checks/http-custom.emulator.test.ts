import { describe, expect, it } from 'vitest';
import { VENDOR_SEED } from '../../../emulator';
import { startChecks } from './setup';

const A = VENDOR_SEED.auditApi;
const custom = (url: string, token: string, values: Record<string, string> = {}) => ({
  sourceType: 'http_custom' as const,
  values: {
    url,
    authHeaderName: 'Authorization',
    authHeaderValue: 'Bearer ${{credentials.token}}',
    eventsJsonPath: '$.data',
    cursorJsonPath: '$.next_cursor',
    eventMappingDsl: 'source_event_id=$.id',
    ...values,
  },
  secrets: { token },
});

describe('source check: custom HTTP audit-log API', () => {
  it('one GET with the header built from the template: valid, events found at the path', async () => {
    const { emu, checks, noLeak, asked } = await startChecks();
    const result = await checks.checkTyped(custom(`${emu.vendorsUrl}/audit/v1/events`, A.token));
    expect(result.verdict).toMatchObject({ verdict: 'valid', httpStatus: 200 });
    expect(result.verdict.requestId).toMatch(/^audit-/);
    expect(result.proved.join(' ')).toContain('$.data selects a list (2 on the first page)');
    expect(result.notProved.join(' ')).toContain('event mapping');
    expect(asked('vendors')).toEqual(['/audit/v1/events']);
    noLeak(result);
  });

  it('another header name and template (X-API-Key) reaches the API as the puller sends it', async () => {
    const { emu, checks } = await startChecks();
    const result = await checks.checkTyped(
      custom(`${emu.vendorsUrl}/audit/v1/events`, A.token, {
        authHeaderName: 'X-API-Key',
        authHeaderValue: '${{credentials.token}}',
      }),
    );
    expect(result.verdict.verdict).toBe('valid');
  });

  it('an events path that selects nothing is said, not hidden', async () => {
    const { emu, checks } = await startChecks();
    const result = await checks.checkTyped(
      custom(`${emu.vendorsUrl}/audit/v1/events`, A.token, { eventsJsonPath: '$.items' }),
    );
    expect(result.verdict.verdict).toBe('valid');
    expect(result.notProved.join(' ')).toContain('$.items selects no list');
  });

  it('401 and 403 from the API', async () => {
    const { emu, checks, noLeak } = await startChecks();
    const bad = await checks.checkTyped(custom(`${emu.vendorsUrl}/audit/v1/events`, 'auditEmuWrongToken000000'));
    expect(bad.verdict).toMatchObject({ verdict: 'invalid_key', httpStatus: 401 });
    const noRead = await checks.checkTyped(custom(`${emu.vendorsUrl}/audit/v1/events`, A.noReadToken));
    expect(noRead.verdict).toMatchObject({ verdict: 'missing_scope', httpStatus: 403 });
    noLeak(bad, noRead);
  });

  it('429, 5xx, slow, malformed and echoing answers', async () => {
    const { emu, checks, noLeak } = await startChecks({ timeoutMs: 300 });
    const url = `${emu.vendorsUrl}/audit/v1/events`;
    const cases = [
      [
        { kind: 'rateLimit', retryAfterSec: 12 },
        { verdict: 'rate_limited', retryAfterSec: 12 },
      ],
      [
        { kind: 'error5xx', status: 500 },
        { verdict: 'inconclusive', reason: 'server_error' },
      ],
      [
        { kind: 'latency', ms: 1500 },
        { verdict: 'inconclusive', reason: 'timeout' },
      ],
      [{ kind: 'malformedJson' }, { verdict: 'wrong_endpoint', reason: 'unparsable' }],
      [
        { kind: 'htmlError', status: 502 },
        { verdict: 'inconclusive', reason: 'server_error' },
      ],
      [{ kind: 'echoSecrets', status: 401 }, { verdict: 'invalid_key' }],
    ] as const;
    for (const [fault, expected] of cases) {
      emu.control.faults.clear();
      emu.control.faults.add({ route: '/audit/', ...fault });
      const result = await checks.checkTyped(custom(url, A.token));
      expect(result.verdict, fault.kind).toMatchObject(expected);
      noLeak(result);
    }
  });

  it('the template must send a credential the source has', async () => {
    const { emu, checks } = await startChecks();
    const url = `${emu.vendorsUrl}/audit/v1/events`;
    await expect(checks.checkTyped(custom(url, A.token, { authHeaderValue: 'Bearer fixed' }))).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('${{credentials.token}}') as string,
    });
    await expect(
      checks.checkTyped(custom(url, A.token, { authHeaderValue: 'Bearer ${{credentials.other}}' })),
    ).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(emu.control.requestLog()).toEqual([]);
  });

  it('refuses what LangWatch would refuse, with the reason, and sends nothing', async () => {
    const { emu, checks } = await startChecks({ allowLoopback: false });
    const refused: Array<[string, string]> = [
      ['http://169.254.169.254/latest/meta-data', 'metadata_host'],
      ['https://audit.execute-api.us-east-1.amazonaws.com/v1', 'cloud_internal'],
      ['https://audit.corp.internal/v1', 'cloud_internal'],
      ['https://10.1.2.3/audit', 'private_address'],
      ['https://[fd00::1]/audit', 'private_address'],
      [`${emu.vendorsUrl}/audit/v1/events`, 'private_address'],
      ['http://audit.example.com/v1', 'not_https'],
      ['https://user:pw@audit.example.com/v1', 'credentials_in_url'],
    ];
    for (const [url, reason] of refused) {
      await expect(checks.checkTyped(custom(url, A.token)), url).rejects.toMatchObject({
        code: 'keyChecks.destination_refused',
        details: { reason },
      });
    }
    expect(emu.control.requestLog()).toEqual([]);
  });
});
