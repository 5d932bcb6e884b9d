/**
 * Starting without a usable keychain (no Secret Service, no D-Bus, a locked keyring): the
 * console must still open and say what is missing, instead of failing its start. The gate
 * probes the keychain once at start; when it does not answer:
 * - staged keys cannot be kept safely, so staging (and anything else that needs a stored
 *   secret) is refused with the keychain's own diagnosis and its fix;
 * - a sign-in is held in memory for this run only (never written anywhere), so status stays
 *   viewable; it is gone when the console quits;
 * - listing accounts fails, so no start-up sweep can mistake unreachable keys for orphans.
 * The probe writes and reads back the namespace's canary (keychain-canary.ts), never lists:
 * keytar's listing crashes the process (SIGSEGV) on a locked collection. For the same reason
 * every listing through the gate proves the keychain usable first.
 * `recheck()` (the "Check keychain" button) switches back once the keychain answers, moving
 * the in-memory sign-ins into it.
 */
import { AppError, isAppError, type ErrorData } from '../../../src-shared/errors';
import type { Logger } from '../logging/logger';
import { profileIdOf } from './accounts';
import { proveKeychainUsable } from './keychain-canary';
import type { SecretStore } from './secret-store';

/** The keychain as the rest of the console sees it, and whether it is really there. */
export interface KeychainGate extends SecretStore {
  /** null while the keychain works; otherwise what is wrong and how to fix it. */
  problem(): ErrorData | null;
  /** Probes again; true (and normal service) once the keychain answers. */
  recheck(): Promise<boolean>;
}

const CONSEQUENCE =
  ' Until then, staging keys is disabled; sources and their status stay viewable, and a sign-in lasts only until the console closes.';

function unavailable(cause: AppError): AppError {
  return new AppError('keychain.unavailable', `${cause.message}${CONSEQUENCE}`, {
    ...(cause.details ?? {}),
    degraded: true,
  });
}

/** Probes `store` and wraps it; never throws for a missing keychain (only for bugs). */
export async function openKeychainGate(
  store: SecretStore,
  log: Logger,
  /** Runs once a keychain missing at start answers, before anything else uses it (the move of older accounts). */
  onBack?: () => Promise<unknown>,
): Promise<KeychainGate> {
  let problem: AppError | null = null;
  const held = new Map<string, string>(); // sign-ins of this run while the keychain is away

  async function probe(): Promise<boolean> {
    try {
      await proveKeychainUsable(store);
      return true;
    } catch (error) {
      if (!isAppError(error) || error.code !== 'keychain.unavailable') throw error;
      problem = unavailable(error);
      return false;
    }
  }
  if (!(await probe()))
    log.warn('keychain unavailable at start: staging disabled, sign-ins held in memory', { err: problem! });

  // Only sign-ins may live in memory: a staged key must survive a restart or not be taken.
  const inMemory = (account: string) => problem !== null && profileIdOf(account) !== null;
  const refuse = (): never => {
    throw problem!;
  };

  return {
    async set(account, value) {
      if (inMemory(account)) return void held.set(account, value);
      if (problem) refuse();
      await store.set(account, value);
    },
    async get(account) {
      if (inMemory(account)) return held.get(account) ?? null;
      if (problem) refuse();
      return store.get(account);
    },
    async delete(account) {
      if (inMemory(account)) return held.delete(account);
      if (problem) refuse();
      return store.delete(account);
    },
    async listAccounts() {
      if (problem) refuse();
      await proveKeychainUsable(store);
      return store.listAccounts();
    },
    problem: () => problem?.toData() ?? null,
    async recheck() {
      if (!problem) return true;
      // The diagnosis stays up while the probe runs: a window asking meanwhile still sees it.
      if (!(await probe())) return false;
      await onBack?.();
      problem = null;
      for (const [account, value] of held) await store.set(account, value);
      held.clear();
      log.info('keychain available again: staging enabled, sign-ins moved into it');
      return true;
    },
  };
}
