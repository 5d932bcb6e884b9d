import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { SEED, startEmulator } from '../../emulator/index';
import { signIn, trpcClient } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'emu-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('persistence with dataFile', () => {
  it('survives a restart on the same file; keys sealed, never plaintext; sessions too', async () => {
    const file = join(dir, 'state.json');
    const e1 = await startEmulator({ dataFile: file, pullerSchedule: false });
    const cookie = await signIn(e1.langwatchUrl);
    const { source, ingestSecret } = await trpcClient(e1.langwatchUrl, cookie).ingestionSources.create.mutate({
      organizationId: 'org_acme',
      sourceType: 'claude_compliance',
      name: 'Persisted',
      parserConfig: { adapter: 'claude_compliance', credentials: { token: SEED.anthropicKeys.compliance } },
      pullSchedule: '*/5 * * * *',
    });
    await e1.control.pullNow(source.id);
    await e1.close();
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('enc:v1:');
    for (const secret of [
      ...Object.values(SEED.anthropicKeys),
      ingestSecret,
      decodeURIComponent(cookie.split('=')[1]!).split('.')[0]!,
    ])
      expect(text).not.toContain(secret);
    expect(statSync(`${file}.key`).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const e2 = await startEmulator({ dataFile: file, pullerSchedule: false });
    try {
      const got = await trpcClient(e2.langwatchUrl, cookie).ingestionSources.get.query({
        organizationId: 'org_acme',
        id: source.id,
      });
      expect(got).toMatchObject({ name: 'Persisted', status: 'active' });
      expect(e2.control.credentialMatches(source.id, SEED.anthropicKeys.compliance)).toBe(true);
      const raw = e2.control.sources('org_acme').find((s) => s.id === source.id)!;
      expect(raw.eventCount).toBeGreaterThan(0);
      expect(raw.pollerCursor).toMatch(/^activity_/);
      const [again] = await e2.control.pullNow(source.id);
      expect(again!.outcome).toBe('ok');
    } finally {
      await e2.close();
    }
  });

  it('in-memory by default: a restart is a fresh seed', async () => {
    const e1 = await startEmulator({ pullerSchedule: false });
    const c = await signIn(e1.langwatchUrl);
    await trpcClient(e1.langwatchUrl, c).ingestionSources.create.mutate({
      organizationId: 'org_acme',
      sourceType: 'otel_generic',
      name: 'Ephemeral',
    });
    await e1.close();
    const e2 = await startEmulator({ pullerSchedule: false });
    try {
      expect(e2.control.sources('org_acme').some((s) => s.name === 'Ephemeral')).toBe(false);
    } finally {
      await e2.close();
    }
  });
});

describe('control over HTTP and secret hygiene', () => {
  it('/__emulator/* only with controlHttp', async () => {
    const off = await startEmulator({ pullerSchedule: false });
    try {
      const r = await request(`${off.langwatchUrl}/__emulator/sources`, {
        method: 'POST',
        body: JSON.stringify({ args: ['org_acme'] }),
      });
      expect(r.statusCode).toBe(404);
      await r.body.dump();
    } finally {
      await off.close();
    }
    const on = await startEmulator({ pullerSchedule: false, controlHttp: true });
    try {
      const call = async (name: string, args: unknown[]) => {
        const r = await request(`${on.langwatchUrl}/__emulator/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ args }),
        });
        return { status: r.statusCode, body: (await r.body.json()) as { result: unknown; error?: string } };
      };
      const s = await call('sources', ['org_small']);
      expect(s.status).toBe(200);
      expect((s.body.result as unknown[]).length).toBe(2);
      const f = await call('faults.add', [{ route: 'publicEnv', kind: 'error5xx', times: 1 }]);
      expect(f.body.result).toMatch(/^fault_/);
      const env = await request(`${on.langwatchUrl}/api/trpc/publicEnv?input=${encodeURIComponent('{"json":{}}')}`);
      await env.body.dump();
      expect(env.statusCode).toBe(500);
      expect((await call('credentialMatches', ['src_small_cc', SEED.anthropicKeys.admin])).body.result).toBe(true);
      expect((await call('pullNow', ['src_small_cc'])).body.result).toEqual([
        expect.objectContaining({ outcome: 'ok' }),
      ]);
      expect((await call('nope', [])).status).toBe(404);
      expect((await call('approveDevice', ['ZZZZ-ZZZZ', 'admin'])).status).toBe(400);
    } finally {
      await on.close();
    }
  });

  it('the request log holds no secrets', async () => {
    const e = await startEmulator({ pullerSchedule: false });
    try {
      const cookie = await signIn(e.langwatchUrl);
      await trpcClient(e.langwatchUrl, cookie).ingestionSources.create.mutate({
        organizationId: 'org_acme',
        sourceType: 'claude_compliance',
        name: 'Hygiene',
        parserConfig: { adapter: 'claude_compliance', credentials: { token: SEED.anthropicKeys.compliance } },
        pullSchedule: '*/5 * * * *',
      });
      await e.control.pullNow();
      const log = JSON.stringify(e.control.requestLog());
      expect(log).toContain('/api/trpc/ingestionSources.create');
      expect(log).toContain('/v1/compliance/activities');
      for (const secret of [...Object.values(SEED.anthropicKeys), SEED.users.admin.password, cookie.split('=')[1]!])
        expect(log).not.toContain(secret);
      expect(e.control.requestLog()[0]).toEqual(
        expect.objectContaining({ method: 'POST', path: '/api/auth/sign-in/email', status: 200, side: 'langwatch' }),
      );
    } finally {
      await e.close();
    }
  });
});
