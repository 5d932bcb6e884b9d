import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLangwatchHttp } from '../../../src-main/services/langwatch/http';
import { startLocalServer, type LocalServer } from '../../support/local-server';
import { caught } from '../../support/caught';

describe('langwatch http', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("keeps the server's clock from its Date header, never guessed from this machine's", async () => {
    server = await startLocalServer((_req, res) => {
      // A deployment whose clock is years ahead of this machine's.
      res.writeHead(200, { 'content-type': 'application/json', date: 'Wed, 01 Jan 2031 00:00:00 GMT' });
      res.end('{}');
    });
    const http = createLangwatchHttp({ baseUrl: server.url });
    expect(http.serverClock?.()).toBeNull();
    await http.request({ method: 'GET', path: '/' });
    expect(http.serverClock?.()?.serverMs).toBe(Date.UTC(2031, 0, 1));
  });

  it('sends JSON, reads the answer, does not follow redirects', async () => {
    server = await startLocalServer((req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(302, { location: '/elsewhere' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ echo: req.bodyText, ct: req.headers['content-type'] }));
    });
    const http = createLangwatchHttp({ baseUrl: `${server.url}/some/path/` });
    expect(http.baseUrl).toBe(server.url);
    const res = await http.request({ method: 'POST', path: '/x', json: { a: 1 } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ echo: '{"a":1}', ct: 'application/json' });
    const redirect = await http.request({ method: 'GET', path: '/redirect' });
    expect(redirect.status).toBe(302);
    expect(server.requests.map((r) => r.url)).toEqual(['/x', '/redirect']);
  });

  it('maps a refused auth to network.offline with the cause', async () => {
    const s = await startLocalServer((_q, res) => res.end());
    const url = s.url;
    await s.close();
    const error = await caught(createLangwatchHttp({ baseUrl: url }).request({ method: 'GET', path: '/' }));
    expect(error.code).toBe('network.offline');
    expect(error.details?.cause).toBe('ECONNREFUSED');
  });

  it('maps an unknown host to network.offline', async () => {
    const error = await caught(
      createLangwatchHttp({ baseUrl: 'http://no-such-host.invalid' }).request({ method: 'GET', path: '/' }),
    );
    expect(error.code).toBe('network.offline');
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(error.details?.cause);
  });

  it('maps a reset auth to network.offline', async () => {
    server = await startLocalServer((req) => req.socket.destroy());
    const error = await caught(createLangwatchHttp({ baseUrl: server.url }).request({ method: 'GET', path: '/' }));
    expect(error.code).toBe('network.offline');
  });

  it('times out with network.timeout and cancels with cancelled', async () => {
    server = await startLocalServer(() => undefined); // never answers
    const http = createLangwatchHttp({ baseUrl: server.url, timeoutMs: 150 });
    const timeout = await caught(http.request({ method: 'GET', path: '/slow' }));
    expect(timeout.code).toBe('network.timeout');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const cancelled = await caught(
      http.request({ method: 'GET', path: '/slow', signal: controller.signal, timeoutMs: 5000 }),
    );
    expect(cancelled.code).toBe('cancelled');
  });

  it('caps the answer size', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('x'.repeat(300_000));
    });
    const http = createLangwatchHttp({ baseUrl: server.url, maxResponseBytes: 100_000 });
    const error = await caught(http.request({ method: 'GET', path: '/' }));
    expect(error.code).toBe('network.unexpected_answer');
  });

  it('maps an untrusted certificate to network.tls', async () => {
    let hasOpenssl = true;
    const dir = mkdtempSync(join(tmpdir(), 'lw-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          join(dir, 'k.pem'),
          '-out',
          join(dir, 'c.pem'),
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
        ],
        { stdio: 'ignore' },
      );
    } catch {
      hasOpenssl = false;
    }
    if (!hasOpenssl) return; // no openssl on this machine: nothing to serve TLS with
    const tls = createHttpsServer(
      { key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) },
      (_q, res) => res.end('{}'),
    );
    await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
    try {
      const port = (tls.address() as AddressInfo).port;
      const error = await caught(
        createLangwatchHttp({ baseUrl: `https://127.0.0.1:${port}` }).request({ method: 'GET', path: '/' }),
      );
      expect(error.code).toBe('network.tls');
      expect(error.message).toMatch(/certificate .* could not be verified/);
    } finally {
      tls.closeAllConnections();
      await new Promise((r) => tls.close(r));
    }
  });
});
