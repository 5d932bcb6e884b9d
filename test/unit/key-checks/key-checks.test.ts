import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecordedKeyVerdict } from '../../../src-shared/domain/key-check';
import { AppError } from '../../../src-shared/errors';
import { createComplianceApiClient } from '../../../src-main/services/anthropic';
import { createKeyChecks, createVerdictMemory, type StagedLookup } from '../../../src-main/services/key-checks';
import { createMemoryLogger } from '../../../src-main/services/logging/logger';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import { closeAllServers, sendJson, startServer, type Handler } from '../../support/local-server';
import { EMPTY_PAGE, anthropicError } from '../anthropic/servers';

const KEY = 'sk-ant-api01-K3yCh3cks_MustNeverLeak_0123456789abcdefghijklmnopqrstuvwxZ9y8';
const dirs: string[] = [];
afterEach(async () => {
  await closeAllServers();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function setup(
  handler: Handler,
  opts: { lookup?: StagedLookup; stored?: Record<string, string>; memoryFails?: boolean } = {},
) {
  const server = await startServer(handler);
  const dir = mkdtempSync(join(tmpdir(), 'key-checks-'));
  dirs.push(dir);
  const log = createMemoryLogger();
  const clock = {
    now: () => Date.parse('2026-11-28T12:00:00.000Z'),
    setTimeout: () => 0,
    clearTimeout: () => undefined,
  };
  const memory = createVerdictMemory({ userDataDir: dir, log, clock });
  await memory.load();
  const secrets = createMemorySecretStore(opts.stored ?? { 'staged:stg_1': KEY });
  const recorded: RecordedKeyVerdict[] = [];
  const urls: Record<string, string> = { p1: server.url, p2: 'http://127.0.0.1:9' };
  const keyChecks = createKeyChecks({
    complianceApi: createComplianceApiClient({ retryDelayMs: 5, timeoutMs: 2000 }),
    secrets,
    anthropicBaseUrlOf: async (id) => {
      const url = urls[id];
      if (!url) throw new AppError('profile.not_found', 'gone');
      return url;
    },
    activeProfileId: () => 'p1',
    memory: opts.memoryFails ? { ...memory, record: () => Promise.reject(new Error('disk full')) } : memory,
    log,
    onRecorded: (r) => recorded.push(r),
    stagedLookup: opts.lookup,
  });
  /** Everything that left the service or was written: none of it may hold the key. */
  const noLeak = (...values: unknown[]) => {
    const files = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
    const text = [log.text(), JSON.stringify(recorded), JSON.stringify(values), ...files].join('\n');
    expect(text).not.toContain(KEY);
  };
  return { server, keyChecks, recorded, log, noLeak, secrets };
}

describe('key checks: typed keys', () => {
  it('checks against the profile base URL, returns the verdict with fingerprint, remembers nothing', async () => {
    const { server, keyChecks, recorded, noLeak } = await setup((_q, res) =>
      sendJson(res, 200, EMPTY_PAGE, { 'request-id': 'req_ok' }),
    );
    const result = await keyChecks.checkTyped({ profileId: 'p1', key: `  ${KEY}\n` });
    expect(result).toMatchObject({ profileId: 'p1', anthropicBaseUrl: server.url, fingerprint: 'sk-ant-api01-…Z9y8' });
    expect(result.verdict).toMatchObject({ verdict: 'valid', requestId: 'req_ok' });
    expect(server.requests[0]?.headers['x-api-key']).toBe(KEY);
    expect(recorded).toEqual([]);
    expect(keyChecks.lastVerdicts()).toEqual({ byStagedId: {}, bySourceId: {} });
    noLeak(result);
  });

  it('from a diagnosis (sourceId): a definitive verdict is remembered for the source, a transient one never', async () => {
    let answer: 'revoked' | 'rate' = 'revoked';
    const { keyChecks, recorded } = await setup((_q, res) =>
      answer === 'revoked'
        ? anthropicError(res, 401, 'authentication_error', 'invalid x-api-key', { 'request-id': 'req_rev' })
        : anthropicError(res, 429, 'rate_limit_error', 'slow down', { 'retry-after': '1' }),
    );
    await keyChecks.checkTyped({ profileId: 'p1', key: KEY, sourceId: 'src_1' });
    expect(keyChecks.lastVerdicts().bySourceId['src_1']?.verdict.verdict).toBe('invalid_key');
    expect(recorded).toHaveLength(1);
    answer = 'rate';
    await keyChecks.checkTyped({ profileId: 'p1', key: KEY, sourceId: 'src_1' });
    expect(keyChecks.lastVerdicts().bySourceId['src_1']?.verdict.verdict).toBe('invalid_key');
  });

  it('refuses a key that breaks the client-side rules before any request', async () => {
    const { server, keyChecks } = await setup((_q, res) => sendJson(res, 200, EMPTY_PAGE));
    const claudeKey = 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789';
    const error = await keyChecks.checkTyped({ profileId: 'p1', key: claudeKey }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_argument');
    expect((error as AppError).details).toEqual({ field: 'key', reason: 'claude_api_key' });
    expect(JSON.stringify((error as AppError).toData())).not.toContain(claudeKey);
    await expect(keyChecks.checkTyped({ profileId: 'p1', key: 'has space inside' })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('an unknown profile is profile.not_found', async () => {
    const { keyChecks } = await setup((_q, res) => sendJson(res, 200, EMPTY_PAGE));
    await expect(keyChecks.checkTyped({ profileId: 'nope', key: KEY })).rejects.toMatchObject({
      code: 'profile.not_found',
    });
  });
});

describe('key checks: staged keys', () => {
  it('reads staged:<id> from the keychain, checks it, remembers and announces the verdict', async () => {
    const { keyChecks, recorded, noLeak, server } = await setup((_q, res) =>
      anthropicError(res, 403, 'permission_error', 'Missing scope. Got: [admin:read]', { 'request-id': 'req_403' }),
    );
    const result = await keyChecks.checkStaged({ stagedId: 'stg_1' });
    expect(server.requests[0]?.headers['x-api-key']).toBe(KEY);
    expect(result.verdict).toMatchObject({ verdict: 'missing_scope', scopes: ['admin:read'], requestId: 'req_403' });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      stagedId: 'stg_1',
      sourceId: null,
      profileId: 'p1',
      fingerprint: 'sk-ant-api01-…Z9y8',
    });
    expect(keyChecks.lastVerdictFor({ stagedId: 'stg_1' })?.verdict.verdict).toBe('missing_scope');
    noLeak(result);
  });

  it('uses the outbox lookup: the entry’s profile and source', async () => {
    const { keyChecks } = await setup(
      (_q, res) => anthropicError(res, 401, 'authentication_error', 'invalid x-api-key'),
      {
        lookup: (id) => (id === 'stg_1' ? { profileId: 'p1', sourceId: 'src_9' } : null),
      },
    );
    await keyChecks.checkStaged({ stagedId: 'stg_1' });
    expect(keyChecks.lastVerdictFor({ sourceId: 'src_9' })?.verdict.verdict).toBe('invalid_key');
    expect(keyChecks.lastVerdicts().bySourceId['src_9']?.stagedId).toBe('stg_1');
    await expect(keyChecks.checkStaged({ stagedId: 'stg_other' })).rejects.toMatchObject({ code: 'outbox.not_found' });
  });

  it('a staged entry of another type holds no compliance key: refused as such (never "gone"), no request', async () => {
    const unit = JSON.stringify({ clientId: 'genie-client-5f2c9a7e41b3d2c8', clientSecret: 'dose-genie-9c1e7a3b' });
    const { keyChecks, server } = await setup((_q, res) => sendJson(res, 200, EMPTY_PAGE), {
      stored: { 'staged:stg_1': unit },
      lookup: () => ({ profileId: 'p1', sourceId: null, sourceType: 'databricks_genie' }),
    });
    const error = await keyChecks.checkStaged({ stagedId: 'stg_1' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_argument', details: { sourceType: 'databricks_genie' } });
    expect(JSON.stringify((error as AppError).toData())).not.toContain('dose-genie');
    expect(server.requests).toHaveLength(0);
  });

  it('a key gone from the keychain is outbox.key_missing, with no request', async () => {
    const { keyChecks, server } = await setup((_q, res) => sendJson(res, 200, EMPTY_PAGE), { stored: {} });
    await expect(keyChecks.checkStaged({ stagedId: 'stg_1' })).rejects.toMatchObject({ code: 'outbox.key_missing' });
    await expect(keyChecks.previewStaged({ stagedId: 'stg_1' })).rejects.toMatchObject({ code: 'outbox.key_missing' });
    expect(server.requests).toHaveLength(0);
  });

  it('a locked keychain (reads null, writes refused) is keychain.unavailable, not key_missing', async () => {
    const { keyChecks, server, secrets } = await setup((_q, res) => sendJson(res, 200, EMPTY_PAGE));
    // What libsecret does on a locked collection: the key reads back null and nothing can be written.
    secrets.get = async () => null;
    secrets.failNext('set');
    await expect(keyChecks.checkStaged({ stagedId: 'stg_1' })).rejects.toMatchObject({ code: 'keychain.unavailable' });
    expect(server.requests).toHaveLength(0);
  });

  it('two checks of one entry at once share one request', async () => {
    const { keyChecks, server } = await setup((_q, res) => setTimeout(() => sendJson(res, 200, EMPTY_PAGE), 50));
    const [a, b] = await Promise.all([
      keyChecks.checkStaged({ stagedId: 'stg_1' }),
      keyChecks.checkStaged({ stagedId: 'stg_1' }),
    ]);
    expect(a).toBe(b);
    expect(server.requests).toHaveLength(1);
    await keyChecks.checkStaged({ stagedId: 'stg_1' });
    expect(server.requests).toHaveLength(2);
  });

  it('recordVerdict (the outbox worker’s key check) and linkSource feed the same memory and event', async () => {
    const { keyChecks, recorded } = await setup((_q, res) => sendJson(res, 200, EMPTY_PAGE));
    const { verdict } = await keyChecks.checkTyped({ profileId: 'p1', key: KEY });
    await keyChecks.recordVerdict({
      verdict,
      fingerprint: 'sk-ant-api01-…Z9y8',
      stagedId: 'stg_7',
      sourceId: null,
      profileId: 'p1',
      anthropicBaseUrl: 'x',
    });
    await keyChecks.linkSource('stg_7', 'src_7');
    expect(keyChecks.lastVerdictFor({ sourceId: 'src_7' })?.stagedId).toBe('stg_7');
    expect(recorded.map((r) => r.sourceId)).toEqual([null, 'src_7']);
  });
});

describe('key checks: preview', () => {
  const activity = (i: number, extra: Record<string, unknown> = {}) => ({
    id: `activity_${i}`,
    created_at: '2026-11-28T11:00:00Z',
    organization_id: 'org_1',
    organization_uuid: null,
    actor: {
      type: 'user_actor',
      email_address: 'a@x.test',
      user_id: `user_${i}`,
      ip_address: '1.2.3.4',
      user_agent: 'ua',
    },
    type: 'claude_chat_created',
    claude_chat_id: `chat_${i}`,
    ...extra,
  });

  it('asks for 20 and maps them; unknown types pass through', async () => {
    const data = Array.from({ length: 20 }, (_, i) =>
      activity(i, i === 3 ? { type: 'brand_new_type', actor: { type: 'alien_actor' } } : {}),
    );
    const { keyChecks, server } = await setup((_q, res) =>
      sendJson(res, 200, { data, has_more: true, first_id: 'a', last_id: 'b' }, { 'request-id': 'req_p' }),
    );
    const result = await keyChecks.previewTyped({ profileId: 'p1', key: KEY });
    expect(server.requests[0]?.url).toBe('/v1/compliance/activities?limit=20');
    expect(result.preview.events).toHaveLength(20);
    expect(result.preview.events[3]).toMatchObject({
      action: { type: 'brand_new_type' },
      actor: { kind: 'alien_actor', id: null },
    });
    expect(result.preview.requestId).toBe('req_p');
  });

  it('a failing staged preview throws the verdict (plus base URL and fingerprint) and remembers it', async () => {
    const { keyChecks, server, recorded, noLeak } = await setup((_q, res) => {
      res.writeHead(302, { location: 'https://elsewhere.test/login' });
      res.end();
    });
    const error = (await keyChecks.previewStaged({ stagedId: 'stg_1' }).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('anthropic.request_failed');
    expect(error.details).toMatchObject({
      anthropicBaseUrl: server.url,
      fingerprint: 'sk-ant-api01-…Z9y8',
      verdict: { verdict: 'wrong_endpoint', reason: 'redirect' },
    });
    expect(recorded[0]?.verdict.verdict).toBe('wrong_endpoint');
    noLeak(error.toData());
  });
});

describe('key checks: attached to the outbox', () => {
  const FINGERPRINT = 'sk-ant-api01-…Z9y8';
  const entry = { stagedId: 'stg_1', profileId: 'p2', fingerprint: FINGERPRINT };

  function fakeOutbox(baseUrl: string) {
    const listeners = new Set<(submitted: { id: string; sourceId: string | null }) => void>();
    return {
      stagedKeyTarget: (id: string) =>
        id === 'stg_1' ? { profileId: 'p2', sourceId: null, anthropicBaseUrl: baseUrl } : null,
      onSubmitted(listener: (submitted: { id: string; sourceId: string | null }) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      submit: (id: string, sourceId: string) => listeners.forEach((l) => l({ id, sourceId })),
    };
  }

  it('remembers the automatic key check, and files it under the source once the entry is submitted', async () => {
    const { keyChecks, recorded, server, noLeak } = await setup((_q, res) =>
      anthropicError(res, 401, 'authentication_error', 'invalid x-api-key', { 'request-id': 'req_auto' }),
    );
    const outbox = fakeOutbox(server.url);
    keyChecks.attachOutbox(outbox);
    const verdict = await keyChecks.checkForOutbox({ key: KEY, baseUrl: server.url, entry });
    expect(verdict).toMatchObject({ verdict: 'invalid_key', requestId: 'req_auto' });
    expect(recorded).toEqual([
      expect.objectContaining({ stagedId: 'stg_1', sourceId: null, profileId: 'p2', anthropicBaseUrl: server.url }),
    ]);
    expect(await keyChecks.lastCheckOf('src_1')).toBeNull();
    outbox.submit('stg_1', 'src_1');
    await vi.waitFor(() => expect(recorded.map((r) => r.sourceId)).toEqual([null, 'src_1']));
    // The diagnosis' fact about the key this console sent to the source.
    expect(await keyChecks.lastCheckOf('src_1')).toEqual({
      verdict: 'invalid_key',
      requestId: 'req_auto',
      checkedAt: verdict.checkedAt,
      fingerprint: FINGERPRINT,
    });
    noLeak(verdict, await keyChecks.lastCheckOf('src_1'));
  });

  it('tests staged keys against the outbox entry (its profile and URL), not the active profile', async () => {
    const { keyChecks, server } = await setup((_q, res) => sendJson(res, 200, EMPTY_PAGE));
    keyChecks.attachOutbox(fakeOutbox(server.url));
    // p2's own URL answers nothing: the entry's URL is the one asked.
    expect(await keyChecks.checkStaged({ stagedId: 'stg_1' })).toMatchObject({
      profileId: 'p2',
      anthropicBaseUrl: server.url,
    });
    await expect(keyChecks.checkStaged({ stagedId: 'stg_gone' })).rejects.toMatchObject({ code: 'outbox.not_found' });
  });

  it('a verdict that cannot be remembered never blocks the submission', async () => {
    const { keyChecks, server, log } = await setup((_q, res) => sendJson(res, 200, EMPTY_PAGE), { memoryFails: true });
    const verdict = await keyChecks.checkForOutbox({ key: KEY, baseUrl: server.url, entry });
    expect(verdict.verdict).toBe('valid');
    expect(log.text()).toContain('key check verdict not remembered');
  });
});
