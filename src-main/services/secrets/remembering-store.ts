import { knownSecrets as processSecrets, type KnownSecrets } from '../logging/known-secrets';
import { holdsNoSecret } from './accounts';
import type { SecretStore } from './secret-store';

/**
 * A SecretStore that tells the registry of known secrets about every value passing through
 * it (stored or read back), and forgets it when its account is deleted. Staged keys, session
 * cookies and device tokens all live in the store, so this one wrapper keeps the registry
 * in step with what is live. The one non-secret account kind (a session's person) is skipped.
 */
export function rememberingSecretStore(store: SecretStore, registry: KnownSecrets = processSecrets): SecretStore {
  const byAccount = new Map<string, string>();
  const track = (account: string, value: string | null) => {
    if (holdsNoSecret(account)) return;
    const before = byAccount.get(account);
    if (before === value) return;
    if (before !== undefined) registry.forget(before);
    if (value === null) {
      byAccount.delete(account);
      return;
    }
    registry.remember(value);
    byAccount.set(account, value);
  };
  return {
    async set(account, value) {
      // Known before it is stored: an error of the store itself must not carry it either.
      track(account, value);
      await store.set(account, value);
    },
    async get(account) {
      const value = await store.get(account);
      if (value !== null) track(account, value);
      return value;
    },
    async delete(account) {
      const deleted = await store.delete(account);
      track(account, null);
      return deleted;
    },
    listAccounts: () => store.listAccounts(),
  };
}
