import { expect, it } from 'vitest';
import type { SecretStore } from '../../../src-main/services/secrets/secret-store';

/**
 * The behaviour every SecretStore shares, run against the memory store, the keytar store over
 * a fake module, and (in test/integration) the keytar store over the real keyring.
 * `makeStore` must return an empty store; `prefix` keeps accounts unique per run.
 */
export function secretStoreContract(makeStore: () => SecretStore | Promise<SecretStore>, prefix = ''): void {
  const acct = (name: string): string => `${prefix}${name}`;

  it('set / get / list / delete round trip', async () => {
    const store = await makeStore();
    await store.set(acct('staged:01'), 'sk-ant-api01-value-one');
    await store.set(acct('session:p1'), 'cookie-value');
    expect(await store.get(acct('staged:01'))).toBe('sk-ant-api01-value-one');
    expect(await store.listAccounts()).toEqual([acct('session:p1'), acct('staged:01')].sort());
    expect(await store.delete(acct('staged:01'))).toBe(true);
    expect(await store.get(acct('staged:01'))).toBeNull();
    expect(await store.listAccounts()).toEqual([acct('session:p1')]);
    expect(await store.delete(acct('session:p1'))).toBe(true);
    expect(await store.listAccounts()).toEqual([]);
  });

  it('replaces an existing value', async () => {
    const store = await makeStore();
    await store.set(acct('device:p1'), 'first');
    await store.set(acct('device:p1'), 'second');
    expect(await store.get(acct('device:p1'))).toBe('second');
    expect(await store.listAccounts()).toEqual([acct('device:p1')]);
    await store.delete(acct('device:p1'));
  });

  it('missing accounts: get is null, delete is false', async () => {
    const store = await makeStore();
    expect(await store.get(acct('staged:missing'))).toBeNull();
    expect(await store.delete(acct('staged:missing'))).toBe(false);
  });

  it('keeps unicode and long values exactly', async () => {
    const store = await makeStore();
    const unicode = 'pässwörd ✓ 秘密 🔑 \t tab \n newline "quotes" \\ backslash';
    const long = JSON.stringify({
      access_token: `lw_at_${'a'.repeat(6000)}`,
      refresh_token: `lw_rt_${'b'.repeat(6000)}`,
    });
    await store.set(acct('unicode:ü'), unicode);
    await store.set(acct('device:long'), long);
    expect(await store.get(acct('unicode:ü'))).toBe(unicode);
    expect(await store.get(acct('device:long'))).toBe(long);
    await store.delete(acct('unicode:ü'));
    await store.delete(acct('device:long'));
  });

  it('rejects an empty account name', async () => {
    const store = await makeStore();
    await expect(store.set('', 'x')).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(store.get('')).rejects.toMatchObject({ code: 'invalid_argument' });
  });
}
