import { AppError } from '../../../src-shared/errors';
import { KEYCHAIN_CANARY_ACCOUNT, NAMESPACE_SEPARATOR } from './accounts';
import type { SecretStore } from './secret-store';

const isCanary = (account: string) =>
  account === KEYCHAIN_CANARY_ACCOUNT || account.endsWith(`${NAMESPACE_SEPARATOR}${KEYCHAIN_CANARY_ACCOUNT}`);

/** A SecretStore operation whose next call can be made to fail. */
export type SecretStoreOperation = 'set' | 'get' | 'delete' | 'listAccounts';

/** The in-memory store plus the controls tests use to script keychain trouble. */
export interface MemorySecretStore extends SecretStore {
  /**
   * Makes the next call of `op` (any operation when omitted) throw `error`, by default
   * `keychain.unavailable` as the keytar store would. Queued: call it twice to fail twice.
   */
  failNext(op?: SecretStoreOperation, error?: Error): void;
  /** While true every call fails like a locked keyring; false restores normal service. */
  setUnavailable(unavailable: boolean): void;
  /**
   * How many secrets are stored (for "nothing left behind" assertions, without values); a
   * namespace's canary holds none and is not counted.
   */
  size(): number;
}

function keychainDown(op: SecretStoreOperation): AppError {
  return new AppError(
    'keychain.unavailable',
    'The system keyring is locked or has no default ("login") collection. Unlock your keyring, then try again.',
    { operation: op, reason: 'locked', injected: true },
  );
}

/**
 * SecretStore in memory, with the same semantics as the keytar one (null when missing,
 * delete says whether something went, names sorted, every call asynchronous) for unit tests.
 */
export function createMemorySecretStore(initial: Record<string, string> = {}): MemorySecretStore {
  const secrets = new Map<string, string>(Object.entries(initial));
  const failures: Array<{ op: SecretStoreOperation | undefined; error: Error | undefined }> = [];
  let unavailable = false;

  async function enter(op: SecretStoreOperation, account?: string): Promise<void> {
    // Always yield, so callers cannot accidentally depend on synchronous completion.
    await Promise.resolve();
    if (account !== undefined && (typeof account !== 'string' || account.length === 0)) {
      throw new AppError('invalid_argument', 'A keychain account name must be a non-empty string.');
    }
    if (unavailable) throw keychainDown(op);
    const index = failures.findIndex((f) => f.op === undefined || f.op === op);
    if (index >= 0) {
      const [failure] = failures.splice(index, 1);
      throw failure?.error ?? keychainDown(op);
    }
  }

  return {
    async set(account, value) {
      await enter('set', account);
      if (typeof value !== 'string') throw new AppError('invalid_argument', 'A secret must be a string.');
      secrets.set(account, value);
    },
    async get(account) {
      await enter('get', account);
      return secrets.get(account) ?? null;
    },
    async delete(account) {
      await enter('delete', account);
      return secrets.delete(account);
    },
    async listAccounts() {
      await enter('listAccounts');
      return [...secrets.keys()].sort();
    },
    failNext(op, error) {
      failures.push({ op, error });
    },
    setUnavailable(flag) {
      unavailable = flag;
    },
    size: () => [...secrets.keys()].filter((a) => !isCanary(a)).length,
  };
}
