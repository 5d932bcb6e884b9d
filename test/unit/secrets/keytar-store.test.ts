import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import { createMemoryLogger } from '../../../src-main/services/logging/logger';
import { createKeytarSecretStore, type KeytarModule } from '../../../src-main/services/secrets/keytar-store';
import { KEYCHAIN_SERVICE } from '../../../src-main/services/secrets/secret-store';
import { anthropicKey } from '../logging/fixtures';
import { secretStoreContract } from './secret-store-contract';

/** keytar's observable behaviour, in memory, keyed by service; `failWith` scripts libsecret errors. */
function fakeKeytar() {
  const data = new Map<string, Map<string, string>>();
  const state = { failWith: undefined as string | undefined, calls: [] as string[] };
  const bucket = (service: string) => data.get(service) ?? data.set(service, new Map()).get(service)!;
  const guard = async (name: string): Promise<void> => {
    state.calls.push(name);
    await Promise.resolve();
    if (state.failWith) throw new Error(state.failWith);
  };
  const module: KeytarModule = {
    async getPassword(service, account) {
      await guard('getPassword');
      return bucket(service).get(account) ?? null;
    },
    async setPassword(service, account, password) {
      await guard('setPassword');
      bucket(service).set(account, password);
    },
    async deletePassword(service, account) {
      await guard('deletePassword');
      return bucket(service).delete(account);
    },
    async findCredentials(service) {
      await guard('findCredentials');
      return [...bucket(service)].map(([account, password]) => ({ account, password }));
    },
  };
  return { module, state, data };
}

describe('keytar secret store over a fake keytar: contract', () => {
  secretStoreContract(() => createKeytarSecretStore({ loadKeytar: () => fakeKeytar().module }));
});

describe('keytar secret store', () => {
  it('uses the app service name by default and isolates other services', async () => {
    const fake = fakeKeytar();
    const app = createKeytarSecretStore({ loadKeytar: () => fake.module });
    const other = createKeytarSecretStore({ service: 'test.other', loadKeytar: () => fake.module });
    await app.set('staged:1', 'a');
    await other.set('staged:1', 'b');
    expect([...fake.data.keys()].sort()).toEqual([KEYCHAIN_SERVICE, 'test.other'].sort());
    expect(await app.get('staged:1')).toBe('a');
    expect(await other.listAccounts()).toEqual(['staged:1']);
  });

  it('loads keytar once, in the factory', () => {
    let loads = 0;
    createKeytarSecretStore({ loadKeytar: () => (loads++, fakeKeytar().module) });
    expect(loads).toBe(1);
  });

  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no_dbus', /D-Bus/],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'locked', /Unlock your keyring/],
    [
      'The name org.freedesktop.secrets was not provided by any .service files',
      'no_service',
      /apt-get install gnome-keyring/,
    ],
    ['Something unexpected', 'refused', /keyring/],
  ])('maps "%s" to keychain.unavailable (%s) with the way out', async (raw, reason, hint) => {
    const fake = fakeKeytar();
    const store = createKeytarSecretStore({ loadKeytar: () => fake.module });
    fake.state.failWith = raw;
    const key = anthropicKey();
    for (const call of [
      () => store.set('staged:9', key),
      () => store.get('staged:9'),
      () => store.delete('staged:9'),
      () => store.listAccounts(),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      const data = (error as AppError).toData();
      expect(data).toMatchObject({ code: 'keychain.unavailable', details: { reason } });
      expect(data.message).toMatch(hint);
      expect(JSON.stringify(data)).not.toContain(key);
    }
  });

  it('a missing native module surfaces on use, not at startup', async () => {
    const store = createKeytarSecretStore({
      loadKeytar: () => {
        throw new Error('libsecret-1.so.0: cannot open shared object file');
      },
    });
    await expect(store.get('x')).rejects.toMatchObject({
      code: 'keychain.unavailable',
      details: { reason: 'module_missing' },
    });
  });

  it('logs steps with account names, never values; list returns names only', async () => {
    const fake = fakeKeytar();
    const log = createMemoryLogger();
    const store = createKeytarSecretStore({ loadKeytar: () => fake.module, log });
    const key = anthropicKey();
    const cookie = 'Zm9vYmFyYmF6cXV4.c2lnbmF0dXJlK3ZhbHVl%3D';
    await store.set('staged:01HX', key);
    await store.set('session:p1', cookie);
    expect(await store.get('staged:01HX')).toBe(key);
    const accounts = await store.listAccounts();
    expect(accounts).toEqual(['session:p1', 'staged:01HX']);
    expect(JSON.stringify(accounts)).not.toContain(key);
    await store.delete('staged:01HX');
    fake.state.failWith = 'Cannot autolaunch D-Bus without X11 $DISPLAY';
    await store.set('staged:01HX', key).catch(() => undefined);
    const text = log.text();
    expect(text).toContain('secret set staged:01HX');
    expect(text).toContain('secret delete staged:01HX');
    expect(text).toContain('secret set staged:01HX failed');
    expect(text).not.toContain(key);
    expect(text).not.toContain(cookie);
    expect(text).not.toContain(key.slice(13, 40));
  });
});
