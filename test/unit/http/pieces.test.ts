/**
 * The shared request pieces both HTTP clients use: the capped body read, the deadline joined
 * with the caller's signal, header reading and the error codes of a failed request.
 */
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { readCapped } from '../../../src-main/services/http/capped-read';
import { startDeadline } from '../../../src-main/services/http/deadline';
import { headerValue } from '../../../src-main/services/http/headers';
import { transportErrorCodes } from '../../../src-main/services/http/transport-codes';
import { startLocalServer, type LocalServer } from '../../support/local-server';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('readCapped', () => {
  it('reads a body up to the cap, and stops past it', async () => {
    server = await startLocalServer((_req, res) => res.end(_req.url === '/big' ? 'x'.repeat(300_000) : 'héllo'));
    const small = await request(`${server.url}/small`);
    expect(await readCapped(small.body, 100)).toEqual({ text: 'héllo', tooLarge: false });
    const big = await request(`${server.url}/big`);
    expect(await readCapped(big.body, 100_000)).toEqual({ text: '', tooLarge: true });
    expect(big.body.destroyed).toBe(true);
  });

  it('with a declared content-length: past the cap refused before reading, within it read whole', async () => {
    server = await startLocalServer((req, res) => {
      const body = req.url === '/big' ? 'x'.repeat(300_000) : 'héllo';
      res.writeHead(200, { 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    const small = await request(`${server.url}/small`);
    const declared = headerValue(small.headers, 'content-length');
    expect(declared).toBe('6');
    expect(await readCapped(small.body, 100, declared)).toEqual({ text: 'héllo', tooLarge: false });
    const big = await request(`${server.url}/big`);
    expect(await readCapped(big.body, 100_000, headerValue(big.headers, 'content-length'))).toEqual({
      text: '',
      tooLarge: true,
    });
    expect(big.body.destroyed).toBe(true);
    // A header that is not a plain number is ignored: the chunked read and its cap apply.
    const odd = await request(`${server.url}/big`);
    expect(await readCapped(odd.body, 100_000, '1e3')).toEqual({ text: '', tooLarge: true });
  });
});

describe('startDeadline', () => {
  it('aborts when the time is up, and says so', async () => {
    const deadline = startDeadline(20);
    await expect.poll(() => deadline.signal.aborted).toBe(true);
    expect(deadline.timedOut()).toBe(true);
  });

  it("follows the caller's abort without calling it a timeout", () => {
    const caller = new AbortController();
    const deadline = startDeadline(60_000, caller.signal);
    expect(deadline.signal.aborted).toBe(false);
    caller.abort();
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.timedOut()).toBe(false);
    deadline.clear();
  });

  it('never fires once cleared', async () => {
    const deadline = startDeadline(10);
    deadline.clear();
    const later = startDeadline(40);
    await expect.poll(() => later.timedOut()).toBe(true);
    expect(deadline.signal.aborted).toBe(false);
  });
});

describe('headerValue', () => {
  it.each([
    [{ 'request-id': 'r1' }, 'r1'],
    [{ 'request-id': ['r1', 'r2'] }, 'r1'],
    [{ 'request-id': '' }, undefined],
    [{}, undefined],
  ])('%j -> %j', (headers, value) => {
    expect(headerValue(headers, 'Request-Id')).toBe(value);
  });
});

describe('transportErrorCodes', () => {
  it('collects codes outermost first, through causes and nested errors', () => {
    const socket = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    const both = Object.assign(new AggregateError([socket], 'all failed'), { code: 'ECONNREFUSED' });
    const wrapped = Object.assign(new Error('fetch failed', { cause: both }), { code: 'UND_ERR_SOCKET' });
    expect(transportErrorCodes(wrapped)).toEqual(['UND_ERR_SOCKET', 'ECONNREFUSED', 'ECONNREFUSED']);
    expect(transportErrorCodes('not an error')).toEqual([]);
  });
});
