import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import type { Clock } from '../../../src-main/services/clock';
import {
  createLogger,
  createMemoryLogger,
  createNullLogger,
  type LogEntry,
} from '../../../src-main/services/logging/logger';
import { makeSecrets } from './fixtures';

const fixedClock: Clock = {
  now: () => Date.UTC(2025, 0, 2, 3, 4, 5),
  setTimeout: () => 0,
  clearTimeout: () => undefined,
};

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'lw-logger-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const readLines = async (path: string): Promise<LogEntry[]> =>
  (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as LogEntry);

describe('createLogger', () => {
  it('writes JSON lines with time, level, scope, data', async () => {
    const dir = join(root, 'logs');
    const log = createLogger({ dir, clock: fixedClock });
    log.info('started', { version: '0.1.0' });
    log.child('secrets').child('keytar').warn('slow', { ms: 1200 });
    log.debug('hidden at info');
    await log.flush();
    expect(await readLines(join(dir, 'console.log'))).toEqual([
      { time: '2025-01-02T03:04:05.000Z', level: 'info', msg: 'started', data: { version: '0.1.0' } },
      { time: '2025-01-02T03:04:05.000Z', level: 'warn', scope: 'secrets.keytar', msg: 'slow', data: { ms: 1200 } },
    ]);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'console.log'))).mode & 0o777).toBe(0o600);
  });

  it('never writes a secret, through any method, message, field or error', async () => {
    const s = makeSecrets();
    const seen: string[] = [];
    const log = createLogger({ dir: root, level: 'debug', sink: (_e, line) => seen.push(line) });
    const child = log.child('auth');
    for (const write of [log.debug, log.info, log.warn, log.error, child.debug, child.error]) {
      write(`key ${s.compliance} admin ${s.admin} claude ${s.claude}`, {
        ingest: s.ingest,
        tokens: `Authorization: Bearer ${s.access}`,
        refreshToken: s.refresh,
        headers: { Cookie: `better-auth.session_token=${s.cookieEncoded}`, 'x-api-key': s.bearerOpaque },
        body: JSON.stringify({ email: 'a@b.c', password: s.password }),
        parserConfig: { credentials: { token: s.compliance }, sealed: s.sealed },
        jwt: s.jwt,
      });
      write(`set-cookie: __Secure-better-auth.session_token=${s.cookieRaw}; Path=/`);
      const err = new AppError('auth.invalid_credentials', `rejected password=${s.password}`, {
        sessionToken: s.cookieRaw,
        request: `Cookie: better-auth.session_token=${s.cookieRaw}`,
      });
      write('request failed', { err: Object.assign(new Error(`boom ${s.access}`, { cause: err }), { code: 'E_X' }) });
      write('thrown non-error', { error: `raw ${s.ingest}` });
    }
    await log.flush();
    const file = await readFile(join(root, 'console.log'), 'utf8');
    const all = `${file}\n${seen.join('\n')}`;
    expect(file.split('\n').filter(Boolean)).toHaveLength(24);
    expect(seen).toHaveLength(24);
    for (const secret of Object.values(s)) {
      expect(all).not.toContain(secret);
    }
    expect(all).not.toContain(s.cookieRaw.slice(0, 32));
    expect(all).not.toContain(encodeURIComponent(s.password));
    expect(file).toContain('sk-ant-api01-[REDACTED]');
    expect(file).toContain('"code":"auth.invalid_credentials"');
  });

  it('serialises errors with name/code/message; stack only at debug', async () => {
    const info = createMemoryLogger({ level: 'info' });
    const debug = createMemoryLogger({ level: 'debug' });
    for (const log of [info, debug]) {
      log.error('failed', { err: new AppError('storage.io', 'disk full', { path: '/x' }) });
    }
    expect(info.entries[0]?.err).toEqual({
      name: 'AppError',
      code: 'storage.io',
      message: 'disk full',
      details: { path: '/x' },
    });
    expect(debug.entries[0]?.err?.stack).toContain('AppError: disk full');
  });

  it('rotates at maxBytes keeping maxFiles files', async () => {
    const log = createLogger({ dir: root, maxBytes: 1_000, maxFiles: 3 });
    for (let i = 0; i < 60; i++) {
      log.info(`line ${i} ${'x'.repeat(80)}`);
      if (i % 5 === 4) await log.flush();
    }
    await log.flush();
    const files = (await readdir(root)).sort();
    expect(files).toEqual(['console.log', 'console.log.1', 'console.log.2']);
    for (const f of files) expect((await stat(join(root, f))).size).toBeLessThanOrEqual(1_000);
    const newest = await readLines(join(root, 'console.log'));
    expect(newest.at(-1)?.msg).toMatch(/^line 59 /);
  });

  it('batches appends without awaiting, keeps order, and flushSync writes synchronously', async () => {
    const log = createLogger({ dir: root });
    for (let i = 0; i < 500; i++) log.info(`n${i}`);
    await new Promise((r) => setTimeout(r, 50));
    log.info('last');
    log.flushSync();
    const msgs = (await readLines(join(root, 'console.log'))).map((e) => e.msg);
    expect(msgs).toHaveLength(501);
    expect(msgs[0]).toBe('n0');
    expect(msgs.at(-1)).toBe('last');
  });

  it('survives a throwing sink, an unwritable dir and hostile fields', async () => {
    const blocker = join(root, 'file-not-dir');
    await writeFile(blocker, '');
    const stderr = process.stderr.write;
    const errors: string[] = [];
    process.stderr.write = ((chunk: string) => errors.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      const log = createLogger({
        dir: join(blocker, 'logs'),
        sink: () => {
          throw new Error('sink down');
        },
      });
      const hostile = {
        get boom(): string {
          throw new Error('getter');
        },
      };
      expect(() => log.info('x', { hostile })).not.toThrow();
      expect(() => log.info('y')).not.toThrow();
      await log.flush();
    } finally {
      process.stderr.write = stderr;
    }
    expect(errors.join('')).toContain('cannot write log file');
  });
});

describe('createNullLogger / createMemoryLogger', () => {
  it('null logger accepts everything', async () => {
    const log = createNullLogger();
    log.child('a').error('x', { err: new Error('y') });
    await expect(log.flush()).resolves.toBeUndefined();
  });

  it('memory logger keeps redacted entries, children included', () => {
    const s = makeSecrets();
    const log = createMemoryLogger();
    log.child('c').info(`got ${s.access}`);
    expect(log.entries).toHaveLength(1);
    expect(log.text()).not.toContain(s.access);
    expect(log.entries[0]).toMatchObject({ scope: 'c', msg: 'got lw_at_[REDACTED]' });
  });
});
