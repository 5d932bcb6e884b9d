/**
 * The persisted echo memory: what a later run needs to recognise a wiped key, and nothing
 * else. The file holds hashes only (no key, no tail of one); their key lives in the keychain;
 * the memory is bounded by count and age; without a keychain it lasts for one run and leaves
 * the file alone.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import type { Clock } from '../../../src-main/services/clock';
import { createNullLogger } from '../../../src-main/services/logging/logger';
import { ECHO_KEY_ACCOUNT } from '../../../src-main/services/secrets/accounts';
import { ECHO_MAX_AGE_MS } from '../../../src-main/services/logging/echo-memory';
import { ECHO_FILE, openEchoMemory } from '../../../src-main/services/secrets/echo-memory-file';
import { probesOfRun } from '../../../src-main/services/logging/echo-scan';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import type { SecretStore } from '../../../src-main/services/secrets/secret-store';
import { keyShapes } from '../../support/key-echo-matrix';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'lw-echo-file-'));
  dirs.push(d);
  return d;
};
let now = Date.UTC(2026, 11, 6);
const clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => undefined } as Clock;
const log = createNullLogger();
const recognises = (memory: { has(p: string): boolean }, text: string) => probesOfRun(text).some((p) => memory.has(p));

describe('the echo memory across restarts', () => {
  it('a later run recognises the key; the file holds hashes only; the hash key is in the keychain', async () => {
    const dir = tempDir();
    const secrets = createMemorySecretStore();
    const [shape] = keyShapes();
    const first = await openEchoMemory({ secrets, userDataDir: dir, clock, log });
    expect(first.persistent).toBe(true);
    first.add([shape!.key]);
    await first.flush();
    const file = readFileSync(join(dir, ECHO_FILE), 'utf8');
    const hashKey = await secrets.get(ECHO_KEY_ACCOUNT);
    expect(hashKey).toMatch(/^[0-9a-f]{64}$/);
    for (const part of [shape!.key, shape!.key.slice(-16), shape!.key.slice(-16).toLowerCase(), hashKey!])
      expect(file).not.toContain(part);

    const second = await openEchoMemory({ secrets, userDataDir: dir, clock, log });
    expect(recognises(second, Buffer.from(shape!.key).toString('base64'))).toBe(true);
    expect(recognises(second, 'src_cm4x8k2p90000abcdefghijkl')).toBe(false);
    // Another hash key (the keychain entry was removed): the old hashes are dropped, not misread.
    await secrets.delete(ECHO_KEY_ACCOUNT);
    const third = await openEchoMemory({ secrets, userDataDir: dir, clock, log });
    expect(third.isEmpty()).toBe(true);
  });

  it('bounded: secrets older than the age limit are dropped at the next start', async () => {
    const dir = tempDir();
    const secrets = createMemorySecretStore();
    const [shape] = keyShapes();
    const memory = await openEchoMemory({ secrets, userDataDir: dir, clock, log });
    memory.add([shape!.key]);
    await memory.flush();
    now += ECHO_MAX_AGE_MS + 1;
    const later = await openEchoMemory({ secrets, userDataDir: dir, clock, log });
    expect(later.isEmpty()).toBe(true);
  });

  it('without a keychain: this run only, and the file of a run that had one is left as it is', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, ECHO_FILE), '{"version":1,"keyId":"someone-elses","entries":[]}\n');
    const unavailable = new AppError('keychain.unavailable', 'No Secret Service.');
    const noKeychain: SecretStore = {
      get: () => Promise.reject(unavailable),
      set: () => Promise.reject(unavailable),
      delete: () => Promise.reject(unavailable),
      listAccounts: () => Promise.reject(unavailable),
    };
    const [shape] = keyShapes();
    const memory = await openEchoMemory({ secrets: noKeychain, userDataDir: dir, clock, log });
    expect(memory.persistent).toBe(false);
    memory.add([shape!.key]);
    await memory.flush();
    expect(recognises(memory, shape!.key)).toBe(true);
    expect(readFileSync(join(dir, ECHO_FILE), 'utf8')).toContain('someone-elses');
    expect(existsSync(join(dir, ECHO_FILE))).toBe(true);
  });
});
