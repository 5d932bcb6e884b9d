import { randomBytes } from 'node:crypto';
import { AppError } from '../../../src-shared/errors';
import { selfCheckAccount } from './accounts';
import type { KeychainGate } from './keychain-gate';
import type { SecretStore } from './secret-store';

/**
 * The "Check keychain" button: round-trips a throwaway entry through the console's secret
 * store and resolves with the time it took. After "unlock your keyring" the gate probes
 * again first and, once the keychain answers, staging is back.
 */
export function keychainCheck(secrets: SecretStore, gate: KeychainGate): () => Promise<number> {
  return async () => {
    if (!(await gate.recheck())) {
      const problem = gate.problem();
      throw new AppError('keychain.unavailable', problem?.message ?? 'The keychain does not answer.', problem?.details);
    }
    const account = selfCheckAccount();
    const probe = randomBytes(16).toString('hex');
    const started = performance.now();
    await secrets.set(account, probe);
    const back = await secrets.get(account);
    await secrets.delete(account);
    if (back !== probe) throw new Error('keychain returned a different value than was stored');
    return performance.now() - started;
  };
}
