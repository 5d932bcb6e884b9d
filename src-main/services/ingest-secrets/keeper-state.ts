/**
 * What the parts of the ingest-secret keeper share (keep.ts, reveal.ts, expiry.ts), built
 * once by ingest-secrets.ts: the keychain, the records, the clock and the one queue every
 * change of a secret goes through, so a reveal, an expiry and a rotation never interleave.
 */
import type { AuthService } from '../auth/types';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { IngestSecretRecords } from './record-file';

/** Dependencies of the keeper (one options object; fakes in tests). */
export interface IngestSecretsOptions {
  userDataDir: string;
  secrets: SecretStore;
  clock: Clock;
  log: Logger;
  auth: Pick<AuthService, 'state' | 'requireActive'>;
  /**
   * Whether the keychain answers now (the canary reads back): a null for a secret means
   * "absent" only then. Default: the namespace's canary.
   */
  keychainAnswers?: () => Promise<boolean>;
  /** Told whenever the waiting list may have changed (the facade emits `ingestSecrets.changed`). */
  onChange?: () => void;
}

/** The keeper's shared state. */
export interface KeeperState {
  options: IngestSecretsOptions;
  records: IngestSecretRecords;
  keychainAnswers: () => Promise<boolean>;
  /** Runs `step` after every step queued before it (failures do not block the queue). */
  serial<T>(step: () => Promise<T>): Promise<T>;
  /** Plans the next expiry at the earliest `expiresAt` (expiry.ts). */
  plan(): void;
}

/** A queue of steps run one after another. */
export function createSerial(): KeeperState['serial'] {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(step: () => Promise<T>): Promise<T> => {
    const run = tail.then(step, step);
    tail = run.catch(() => undefined);
    return run;
  };
}
