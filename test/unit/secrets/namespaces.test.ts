import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../../../src-main/services/create-services';
import { createNullLogger } from '../../../src-main/services/logging/logger';
import {
  ECHO_KEY_ACCOUNT,
  instanceNamespace,
  KEYCHAIN_CANARY_ACCOUNT,
} from '../../../src-main/services/secrets/accounts';
import { openInstanceSecrets } from '../../../src-main/services/secrets/instance-secrets';
import { secretStoreContract } from './secret-store-contract';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import { namespacedSecretStore } from '../../../src-main/services/secrets/namespaced-store';
import { createFakeKeytar } from './fake-keytar';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'lw-ns-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('namespaced store: the SecretStore contract', () => {
  secretStoreContract(() =>
    namespacedSecretStore(createMemorySecretStore({ 'lwc-other/staged:x': 'not ours' }), 'lwc-test'),
  );
});

describe('keychain namespaces per console instance', () => {
  it('one namespace per user-data folder, stable across runs', () => {
    const a = tempDir();
    expect(instanceNamespace(a)).toBe(instanceNamespace(`${a}/`));
    expect(instanceNamespace(a)).not.toBe(instanceNamespace(tempDir()));
    expect(instanceNamespace(a)).toMatch(/^lwc-[0-9a-f]{16}$/);
  });

  it('two namespaces over one keychain never see, list or delete each other', async () => {
    const raw = createMemorySecretStore();
    const a = namespacedSecretStore(raw, 'lwc-a');
    const b = namespacedSecretStore(raw, 'lwc-b');
    await a.set('staged:stg_1', 'key-of-a');
    await b.set('staged:stg_1', 'key-of-b');
    expect(await a.get('staged:stg_1')).toBe('key-of-a');
    expect(await b.listAccounts()).toEqual(['staged:stg_1']);
    expect(await b.delete('staged:stg_1')).toBe(true);
    expect(await a.get('staged:stg_1')).toBe('key-of-a');
    expect(await raw.listAccounts()).toEqual(['lwc-a/staged:stg_1']);
    await expect(a.set('', 'x')).rejects.toMatchObject({ code: 'invalid_argument' });
  });

  it("a second console's start-up sweep leaves the first console's staged key alone", async () => {
    const keychain = createFakeKeytar();
    const start = (dir: string) =>
      createServices({
        config: {
          mode: 'test',
          userDataDir: dir,
          secretBackend: 'keychain',
          defaultLangwatchUrl: 'http://127.0.0.1:9',
          defaultAnthropicUrl: 'http://127.0.0.1:9',
        },
        version: '0.0.0-test',
        loadKeytar: () => keychain,
      });
    const first = await start(tempDir());
    await first.secrets.set('staged:stg_first', 'sk-ant-api01-key-of-the-first-console');
    await first.close();

    const second = await start(tempDir());
    // Only its own accounts that hold no secret of the first console: the canary (written to
    // prove the keychain usable before any listing) and its echo-memory key.
    expect(await second.secrets.listAccounts()).toEqual([ECHO_KEY_ACCOUNT, KEYCHAIN_CANARY_ACCOUNT].sort());
    await second.close();
    expect([...keychain.entries.values()]).toContain('sk-ant-api01-key-of-the-first-console');
  });

  it('moves in only the legacy accounts this folder vouches for, leaves every other untouched', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'outbox.json'), JSON.stringify({ version: 1, entries: [{ id: 'stg_mine' }] }));
    writeFileSync(join(dir, 'profiles.json'), JSON.stringify({ version: 1, profiles: [{ id: 'p_mine' }] }));
    const raw = createMemorySecretStore({
      'staged:stg_mine': 'my-staged-key',
      'session:p_mine': 'better-auth.session_token=my-cookie',
      'device:p_mine': '{"accessToken":"a"}',
      'staged:stg_theirs': 'their-staged-key',
      'session:p_theirs': 'their-cookie',
      'lwc-other/staged:stg_mine': 'other-console-key',
      'selfcheck:abc': 'x',
    });
    const store = await openInstanceSecrets({ raw, userDataDir: dir, log: createNullLogger() });
    expect(await store.listAccounts()).toEqual([
      KEYCHAIN_CANARY_ACCOUNT,
      'device:p_mine',
      'session:p_mine',
      'staged:stg_mine',
    ]);
    expect(await store.get('staged:stg_mine')).toBe('my-staged-key');
    const left = await raw.listAccounts();
    expect(left).toEqual(
      expect.arrayContaining(['staged:stg_theirs', 'session:p_theirs', 'lwc-other/staged:stg_mine', 'selfcheck:abc']),
    );
    expect(left).not.toContain('staged:stg_mine');
    // Idempotent: a second start moves nothing more and loses nothing.
    const again = await openInstanceSecrets({ raw, userDataDir: dir, log: createNullLogger() });
    expect(await again.get('staged:stg_mine')).toBe('my-staged-key');
  });

  it('a damaged outbox.json vouches for nothing: no legacy key is moved or deleted', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'outbox.json'), '{"version":1,"entries":[{"id":"stg_mi');
    const raw = createMemorySecretStore({ 'staged:stg_mine': 'my-staged-key' });
    await openInstanceSecrets({ raw, userDataDir: dir, log: createNullLogger() });
    expect(await raw.get('staged:stg_mine')).toBe('my-staged-key');
  });
});
