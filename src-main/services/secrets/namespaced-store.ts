import { AppError } from '../../../src-shared/errors';
import { NAMESPACE_SEPARATOR } from './accounts';
import type { SecretStore } from './secret-store';

/** A SecretStore confined to one namespace, and the namespace it is confined to. */
export interface NamespacedSecretStore extends SecretStore {
  readonly namespace: string;
}

/**
 * The part of `store` that belongs to one console instance: every account is stored as
 * `<namespace>/<account>`, and `listAccounts` answers only this namespace's accounts (without
 * the prefix). Whatever sweeps or lists through it can never reach another instance's keys.
 */
export function namespacedSecretStore(store: SecretStore, namespace: string): NamespacedSecretStore {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(namespace))
    throw new AppError('invalid_argument', 'A keychain namespace is 1-64 letters, digits, ".", "_" or "-".');
  const prefix = `${namespace}${NAMESPACE_SEPARATOR}`;
  const full = (account: string) => {
    // An empty name would address the namespace itself; same refusal as the stores below.
    if (typeof account !== 'string' || account.length === 0)
      throw new AppError('invalid_argument', 'A keychain account name must be a non-empty string.');
    return `${prefix}${account}`;
  };
  return {
    namespace,
    set: async (account, value) => store.set(full(account), value),
    get: async (account) => store.get(full(account)),
    delete: async (account) => store.delete(full(account)),
    async listAccounts() {
      return (await store.listAccounts())
        .filter((a) => a.startsWith(prefix))
        .map((a) => a.slice(prefix.length))
        .sort();
    },
  };
}
