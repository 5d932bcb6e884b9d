/**
 * Hostile or broken times from a server (issue 11): an `interval` or `expires_in` of 1e20
 * seconds neither throws (invalid dates) nor spins (a timer past 2^31 ms fires at once).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-main/services/clock';
import {
  createDeviceFlow,
  MAX_DEVICE_CODE_TTL_SEC,
  MAX_POLL_INTERVAL_SEC,
} from '../../../src-main/services/langwatch/device-flow';
import { createLangwatchHttp } from '../../../src-main/services/langwatch/http';
import { createFakeClock } from '../../support/fake-clock';
import { sendJson, startLocalServer, type LocalServer } from '../../support/local-server';

const HUGE = 1e20;
const grant = {
  access_token: 'lw_at_accessaccess',
  token_type: 'Bearer',
  expires_in: HUGE,
  refresh_token: 'lw_rt_refreshrefresh',
  refresh_expires_in: HUGE,
  user: { id: 'u9', email: null, name: 'Sup' },
  organization: { id: 'org_acme', name: 'Acme', slug: 'acme' },
};

describe('hostile times from the server', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('device flow: interval and expires_in of 1e20 are clamped; polling stays once a minute at most; token lifetimes are bounded', async () => {
    const exchange: Array<[number, unknown]> = [
      [428, { error: 'authorization_pending' }],
      [429, { error: 'slow_down' }],
      [200, grant],
    ];
    server = await startLocalServer((req, res) => {
      if (req.url === '/api/auth/cli/device-code') {
        sendJson(res, 200, {
          device_code: 'dc',
          user_code: 'ABCD-EFGH',
          verification_uri_complete: `${server!.url}/cli/approve?code=ABCD-EFGH`,
          expires_in: HUGE,
          interval: HUGE,
        });
        return;
      }
      const [status, body] = exchange.shift()!;
      sendJson(res, status, body);
    });
    const clock = createFakeClock({ auto: true });
    const flow = createDeviceFlow({ http: createLangwatchHttp({ baseUrl: server.url }), clock });
    const start = await flow.startDeviceFlow();
    expect(start.interval).toBe(MAX_POLL_INTERVAL_SEC);
    expect(start.expiresIn).toBe(MAX_DEVICE_CODE_TTL_SEC);
    expect(() => new Date(clock.now() + start.expiresIn * 1000).toISOString()).not.toThrow();
    // even if a caller passes the raw values through
    const result = await flow.pollDeviceFlow({ deviceCode: 'dc', interval: HUGE, expiresIn: HUGE, clock });
    expect(clock.delays).toEqual([60_000, 60_000, 60_000]);
    expect(result.tokens.accessExpiresAt - clock.now()).toBeLessThanOrEqual(24 * 3600_000);
    expect(() => new Date(result.tokens.refreshExpiresAt!).toISOString()).not.toThrow();
  });

  it('the system clock never hands Node a delay it would fire at once', async () => {
    let fired = 0;
    const handle = systemClock.setTimeout(() => fired++, HUGE);
    const nan = systemClock.setTimeout(() => fired++, Number.NaN);
    await new Promise((r) => setTimeout(r, 30));
    systemClock.clearTimeout(handle);
    systemClock.clearTimeout(nan);
    expect(fired).toBe(0);
  });
});
