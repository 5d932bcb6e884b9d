import { AppError } from '../../../src-shared/errors';
import { createNullLogger, type Logger } from '../logging/logger';
import { redactSecrets } from '../logging/redact';
import { KEYCHAIN_SERVICE, type SecretStore } from './secret-store';

/** The part of keytar this store uses (its real module satisfies it). */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

/** Options of {@link createKeytarSecretStore}. */
export interface KeytarSecretStoreOptions {
  /** Keychain service name; tests use their own so they never touch the app's entries. */
  service?: string;
  log?: Logger;
  /** Test seam: how keytar is obtained. Default `require('keytar')`, called once here. */
  loadKeytar?: () => KeytarModule;
}

type Operation = 'set' | 'get' | 'delete' | 'listAccounts';
type Reason = 'module_missing' | 'no_dbus' | 'no_service' | 'locked' | 'refused';

// Why the keychain failed, told by libsecret's message, and what the user can do about it.
const DIAGNOSES: ReadonlyArray<{ reason: Reason; test: RegExp; message: string }> = [
  {
    reason: 'no_dbus',
    test: /autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Could not connect|Failed to connect to socket|dbus-launch/i,
    message:
      'The system keyring cannot be reached: there is no D-Bus session. Start the app from your desktop session ' +
      '(or wrap it in `dbus-run-session`), with a Secret Service such as gnome-keyring running ' +
      '(`sudo apt install gnome-keyring`), and unlock the keyring.',
  },
  {
    reason: 'no_service',
    test: /ServiceUnknown|not provided by any \.service files|org\.freedesktop\.secrets was not provided|No such interface/i,
    message:
      'No Secret Service (system keyring) is running. Install and start gnome-keyring ' +
      '(`sudo apt-get install gnome-keyring`) or another provider such as KeePassXC, then try again.',
  },
  {
    reason: 'locked',
    test: /Object does not exist at path|locked|prompt|dismissed|No such secret collection|cancel/i,
    message:
      'The system keyring is locked or has no default ("login") collection. Unlock your keyring ' +
      '(sign in to the desktop session, or open "Passwords and Keys"), then try again.',
  },
];

function toKeychainError(error: unknown, operation: Operation, account?: string): AppError {
  const raw = error instanceof Error ? error.message : String(error);
  const found = DIAGNOSES.find((d) => d.test.test(raw));
  const reason: Reason = found?.reason ?? 'refused';
  const message =
    found?.message ??
    'The system keyring refused the request. Check that your keyring (e.g. gnome-keyring) is installed and unlocked, then try again.';
  // The cause is libsecret's own text (never our value); redacted and cut anyway, for support.
  const details: Record<string, unknown> = { operation, reason, cause: redactSecrets(raw).slice(0, 300) };
  if (account !== undefined) details.account = account;
  return new AppError('keychain.unavailable', message, details);
}

function assertAccount(account: string): void {
  if (typeof account !== 'string' || account.length === 0) {
    throw new AppError('invalid_argument', 'A keychain account name must be a non-empty string.');
  }
}

function defaultLoadKeytar(): KeytarModule {
  // Loaded here, not at import time, so modules that only import this file's types (and their
  // unit tests) never load the native addon. Plain `require` stays external in the bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('keytar') as KeytarModule;
}

/**
 * SecretStore over the OS keychain via keytar (libsecret on Linux, Keychain on macOS,
 * Credential Vault on Windows). Failures become `keychain.unavailable` with the way out.
 */
export function createKeytarSecretStore(options: KeytarSecretStoreOptions = {}): SecretStore {
  const service = options.service ?? KEYCHAIN_SERVICE;
  // The caller scopes the logger (e.g. `log.child('secrets')`); no second scope added here.
  const log = options.log ?? createNullLogger();
  let keytar: KeytarModule | undefined;
  let loadError: AppError | undefined;
  try {
    keytar = (options.loadKeytar ?? defaultLoadKeytar)();
  } catch (error) {
    // The app must still start (and say why) when the addon or libsecret is missing.
    loadError = new AppError(
      'keychain.unavailable',
      'The keychain module could not be loaded. Reinstall the app; on Linux also install libsecret ' +
        '(`sudo apt-get install libsecret-1-0 gnome-keyring`).',
      {
        reason: 'module_missing' satisfies Reason,
        cause: redactSecrets(String((error as Error)?.message ?? error)).slice(0, 300),
      },
    );
    log.error('keytar could not be loaded', { err: loadError });
  }

  // One keytar call at a time: on a locked collection libsecret tries an unlock prompt per
  // call, and concurrent prompts deadlock the process (timers included) where none can be shown.
  let queue: Promise<unknown> = Promise.resolve();
  function run<T>(
    operation: Operation,
    account: string | undefined,
    call: (k: KeytarModule) => Promise<T>,
  ): Promise<T> {
    const turn = queue.then(() => runNow(operation, account, call));
    queue = turn.catch(() => undefined);
    return turn;
  }

  async function runNow<T>(
    operation: Operation,
    account: string | undefined,
    call: (k: KeytarModule) => Promise<T>,
  ): Promise<T> {
    if (account !== undefined) assertAccount(account);
    if (!keytar) throw loadError ?? new AppError('keychain.unavailable', 'The keychain module is not available.');
    const started = Date.now();
    try {
      const result = await call(keytar);
      log.debug(`secret ${operation}${account === undefined ? '' : ` ${account}`} ok`, { ms: Date.now() - started });
      return result;
    } catch (error) {
      const appError = toKeychainError(error, operation, account);
      log.warn(`secret ${operation}${account === undefined ? '' : ` ${account}`} failed`, { err: appError });
      throw appError;
    }
  }

  return {
    async set(account, value) {
      assertAccount(account);
      if (typeof value !== 'string') throw new AppError('invalid_argument', 'A secret must be a string.');
      await run('set', account, (k) => k.setPassword(service, account, value));
      log.info(`secret set ${account}`);
    },
    get(account) {
      return run('get', account, (k) => k.getPassword(service, account));
    },
    async delete(account) {
      const deleted = await run('delete', account, (k) => k.deletePassword(service, account));
      log.info(`secret delete ${account}`, { deleted });
      return deleted;
    },
    listAccounts() {
      // findCredentials also returns every password: keep only the names, drop the rest here.
      return run('listAccounts', undefined, async (k) =>
        (await k.findCredentials(service)).map((c) => c.account).sort(),
      );
    },
  };
}
