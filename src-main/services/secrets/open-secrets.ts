import type { RuntimeConfig } from '../../runtime-config';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import { openEchoMemory } from './echo-memory-file';
import { openInstanceSecrets } from './instance-secrets';
import { keychainCheck } from './keychain-check';
import { openKeychainGate, type KeychainGate } from './keychain-gate';
import { createKeytarSecretStore, type KeytarModule } from './keytar-store';
import { createMemorySecretStore } from './memory-store';
import { knownSecrets } from '../logging/known-secrets';
import { rememberingSecretStore } from './remembering-store';
import type { SecretStore } from './secret-store';

/**
 * The secret store of one console, layered: the backend (OS keychain, confined to this
 * instance's namespace; or memory; or the caller's own store), the gate that keeps the
 * console usable without a keychain, and the registry of known secrets on top, with its
 * echo memory (hashes of wiped secrets) persisted in this console's user-data folder.
 */
export async function openConsoleSecrets(
  options: {
    config: RuntimeConfig;
    /** A store the caller owns (tests share one across restarts); used as is, not namespaced. */
    secrets?: SecretStore;
    loadKeytar?: () => KeytarModule;
    clock: Clock;
  },
  log: Logger,
): Promise<{
  secrets: SecretStore;
  gate: KeychainGate;
  checkKeychain: () => Promise<number>;
  /** Writes what the echo memory still holds and detaches it from the registry. */
  closeEchoMemory: () => Promise<void>;
}> {
  const { config } = options;
  // The OS keychain is shared by every console on the desktop: this one sees only its namespace.
  const instance =
    options.secrets || config.secretBackend === 'memory'
      ? null
      : await openInstanceSecrets({
          raw: createKeytarSecretStore({ log, loadKeytar: options.loadKeytar }),
          userDataDir: config.userDataDir,
          log,
        });
  const backend = options.secrets ?? instance ?? createMemorySecretStore();
  // Older accounts not moved in at start (the keychain did not answer) move in once it does.
  const onBack = instance ? () => instance.moveInOlderAccounts() : undefined;
  const gate = await openKeychainGate(backend, log, onBack);
  // Every value stored or read back becomes a known secret, redacted by value at every boundary.
  const secrets = rememberingSecretStore(gate);
  const echoMemory = await openEchoMemory({ secrets, userDataDir: config.userDataDir, clock: options.clock, log });
  const detach = knownSecrets.attachMemory(echoMemory);
  const closeEchoMemory = async () => {
    await echoMemory.flush();
    detach();
  };
  return { secrets, gate, checkKeychain: keychainCheck(secrets, gate), closeEchoMemory };
}
