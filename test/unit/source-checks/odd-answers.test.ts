/** Answers no emulated vendor gives: a redirect (never followed), a web page, an endless body. */
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../src-main/services/logging/logger';
import { createSourceChecks } from '../../../src-main/services/source-checks';
import { closeAllServers, startServer } from '../../support/local-server';

const TOKEN = 'oddAnswersToken7Hq2Wz9Lp4Xk1Mv6Nb3Rc8';
afterEach(() => closeAllServers());

function checks() {
  return createSourceChecks({
    anthropicBaseUrlOf: async () => 'http://127.0.0.1:9',
    activeProfileId: () => 'p1',
    readStaged: () => Promise.reject(new Error('none')),
    allowLoopback: true,
    log: createMemoryLogger(),
    now: () => Date.now(),
    timeoutMs: 2000,
  });
}

const input = (url: string) => ({
  sourceType: 'http_custom' as const,
  values: {
    url,
    authHeaderName: 'Authorization',
    authHeaderValue: 'Bearer ${{credentials.token}}',
    eventsJsonPath: '$.data',
  },
  secrets: { token: TOKEN },
});

describe('source check: answers that are not the API', () => {
  it('a redirect is a verdict; the credential never reaches the Location', async () => {
    const elsewhere = await startServer((_req, res) => res.end('{}'));
    const api = await startServer((_req, res) => {
      res.writeHead(302, { location: `${elsewhere.url}/steal?token=x` });
      res.end();
    });
    const result = await checks().checkTyped(input(`${api.url}/audit`));
    expect(result.verdict).toMatchObject({
      verdict: 'wrong_endpoint',
      reason: 'redirect',
      location: `${elsewhere.url}/steal`,
    });
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(elsewhere.requests).toEqual([]);
  });

  it('a web page, and a body far over the cap', async () => {
    const page = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Sign in</body></html>');
    });
    expect((await checks().checkTyped(input(page.url))).verdict).toMatchObject({
      verdict: 'wrong_endpoint',
      reason: 'html',
    });
    const huge = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 32);
      let sent = 0;
      const pump = (): void => {
        while (sent < 40 && res.write(chunk)) sent++;
        if (sent < 40) res.once('drain', pump);
        else res.end();
      };
      pump();
    });
    expect((await checks().checkTyped(input(huge.url))).verdict).toMatchObject({
      verdict: 'wrong_endpoint',
      reason: 'too_large',
    });
  });
});
