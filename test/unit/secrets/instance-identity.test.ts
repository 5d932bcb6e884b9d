/**
 * The keychain namespace follows an identity kept inside the user-data folder: a moved folder
 * keeps every key and sign-in; a copy gets its own namespace and never reads or deletes the
 * original's accounts; an install from before keeps the accounts of its path-derived namespace.
 */
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../../support/fake-clock';
import { createNullLogger } from '../../../src-main/services/logging/logger';
import {
  IDENTITY_FILE,
  pathNamespace,
  resolveInstanceIdentity,
} from '../../../src-main/services/secrets/instance-identity';
import { openInstanceSecrets } from '../../../src-main/services/secrets/instance-secrets';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import { openConsoleSecrets } from '../../../src-main/services/secrets/open-secrets';
import { KEYCHAIN_SERVICE } from '../../../src-main/services/secrets/secret-store';
import { createFakeKeytar } from './fake-keytar';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A parent folder of this test, and a user-data folder in it that vouches for one entry and one profile. */
function userData(): { root: string; dir: string } {
  const root = mkdtempSync(join(tmpdir(), 'lw-identity-'));
  roots.push(root);
  const dir = join(root, 'user-data');
  cpSync(seed(), dir, { recursive: true });
  return { root, dir };
}

function seed(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lw-identity-seed-'));
  roots.push(dir);
  writeFileSync(join(dir, 'outbox.json'), JSON.stringify({ version: 1, entries: [{ id: 'stg_1' }] }));
  writeFileSync(join(dir, 'profiles.json'), JSON.stringify({ version: 1, profiles: [{ id: 'p_1' }] }));
  return dir;
}

const open = (raw: ReturnType<typeof createMemorySecretStore>, dir: string) =>
  openInstanceSecrets({ raw, userDataDir: dir, log: createNullLogger() });

describe('the keychain namespace of a user-data folder', () => {
  it('a moved folder keeps its staged keys and sign-ins', async () => {
    const raw = createMemorySecretStore();
    const { root, dir } = userData();
    const before = await open(raw, dir);
    await before.set('staged:stg_1', 'sk-ant-api01-moved-key');
    await before.set('session:p_1', 'better-auth.session_token=moved');
    const moved = join(root, 'moved-here');
    renameSync(dir, moved);
    const after = await open(raw, moved);
    expect(after.namespace).toBe(before.namespace);
    expect(await after.get('staged:stg_1')).toBe('sk-ant-api01-moved-key');
    expect(await after.get('session:p_1')).toBe('better-auth.session_token=moved');
    expect(JSON.parse(readFileSync(join(moved, IDENTITY_FILE), 'utf8'))).toMatchObject({ path: moved });
  });

  it("a copy gets its own namespace: it never sees, sweeps or deletes the original's accounts", async () => {
    const raw = createMemorySecretStore();
    const { root, dir } = userData();
    const original = await open(raw, dir);
    await original.set('staged:stg_1', 'sk-ant-api01-original-key');
    const copyDir = join(root, 'copy');
    cpSync(dir, copyDir, { recursive: true });
    const copy = await open(raw, copyDir);
    expect(resolveInstanceIdentity(copyDir).how).toBe('same_path'); // decided once, written down
    expect(copy.namespace).not.toBe(original.namespace);
    expect(await copy.get('staged:stg_1')).toBeNull();
    expect((await copy.listAccounts()).filter((a) => a.startsWith('staged:'))).toEqual([]);
    expect(await copy.delete('staged:stg_1')).toBe(false);
    // The original, started again, still has everything, under the same namespace.
    const again = await open(raw, dir);
    expect(again.namespace).toBe(original.namespace);
    expect(await again.get('staged:stg_1')).toBe('sk-ant-api01-original-key');
  });

  it('an install from before keeps its path-derived accounts; a copy of it takes none of them', async () => {
    const { root, dir } = userData();
    const copyDir = join(root, 'copy-before-identities');
    cpSync(dir, copyDir, { recursive: true });
    const old = pathNamespace(dir);
    const raw = createMemorySecretStore({
      [`${old}/staged:stg_1`]: 'sk-ant-api01-from-the-path-namespace',
      [`${old}/session:p_1`]: 'better-auth.session_token=old',
      [`${old}/staged:stg_unknown`]: 'sk-ant-api01-not-vouched-for',
    });
    // The copy (same outbox.json, other path) is started first: nothing of the original moves.
    const copy = await open(raw, copyDir);
    expect(await copy.get('staged:stg_1')).toBeNull();
    expect(await raw.get(`${old}/staged:stg_1`)).toBe('sk-ant-api01-from-the-path-namespace');

    const store = await open(raw, dir);
    expect(store.namespace).not.toBe(old);
    expect(await store.get('staged:stg_1')).toBe('sk-ant-api01-from-the-path-namespace');
    expect(await store.get('session:p_1')).toBe('better-auth.session_token=old');
    expect(await raw.get(`${old}/staged:stg_1`)).toBeNull();
    // What this folder does not vouch for stays where it was.
    expect(await raw.get(`${old}/staged:stg_unknown`)).toBe('sk-ant-api01-not-vouched-for');
  });

  it('an upgrade started on a locked keyring moves its older accounts in once the keychain answers', async () => {
    const { dir } = userData();
    const keytar = createFakeKeytar();
    keytar.entries.set(`${KEYCHAIN_SERVICE}\u0000${pathNamespace(dir)}/staged:stg_1`, 'sk-ant-api01-older-key');
    keytar.locked = true;
    const config = {
      mode: 'test' as const,
      userDataDir: dir,
      secretBackend: 'keychain' as const,
      defaultLangwatchUrl: 'http://127.0.0.1:9',
      defaultAnthropicUrl: 'http://127.0.0.1:9',
    };
    const { secrets, checkKeychain } = await openConsoleSecrets(
      { config, loadKeytar: () => keytar, clock: createFakeClock() },
      createNullLogger(),
    );
    keytar.locked = false;
    await checkKeychain();
    // Before any worker reads it: found in the new namespace, not taken as missing.
    expect(await secrets.get('staged:stg_1')).toBe('sk-ant-api01-older-key');
    expect(keytar.crashes).toBe(0);
  });
});
