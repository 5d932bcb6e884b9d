import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import { secretStoreContract } from './secret-store-contract';

describe('memory secret store: contract', () => {
  secretStoreContract(() => createMemorySecretStore());
});

describe('memory secret store: failure injection', () => {
  it('failNext(op) fails only the next call of that op, as keychain.unavailable', async () => {
    const store = createMemorySecretStore({ 'staged:1': 'v' });
    store.failNext('get');
    await expect(store.set('staged:2', 'w')).resolves.toBeUndefined();
    const error = await store.get('staged:1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'keychain.unavailable' });
    expect(await store.get('staged:1')).toBe('v');
  });

  it('failNext() without op fails whatever comes next; queued and custom errors', async () => {
    const store = createMemorySecretStore();
    store.failNext();
    store.failNext('listAccounts', new AppError('internal', 'custom'));
    await expect(store.delete('x')).rejects.toMatchObject({ code: 'keychain.unavailable' });
    await expect(store.listAccounts()).rejects.toMatchObject({ code: 'internal', message: 'custom' });
    await expect(store.listAccounts()).resolves.toEqual([]);
  });

  it('a failed set stores nothing; setUnavailable toggles every call', async () => {
    const store = createMemorySecretStore();
    store.failNext('set');
    await expect(store.set('a', 'secret')).rejects.toMatchObject({ code: 'keychain.unavailable' });
    expect(store.size()).toBe(0);
    store.setUnavailable(true);
    await expect(store.listAccounts()).rejects.toMatchObject({ code: 'keychain.unavailable' });
    store.setUnavailable(false);
    await store.set('a', 'secret');
    expect(store.size()).toBe(1);
  });
});
