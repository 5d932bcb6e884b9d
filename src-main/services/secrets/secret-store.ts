/**
 * The one place secrets live: the OS keychain in the app (keytar), memory in unit tests.
 *
 * Accounts are namespaced strings under one service name for the whole app:
 * `staged:<stagedId>` (a compliance key waiting to be submitted), `session:<profileId>`
 * (a LangWatch session cookie), `device:<profileId>` (device-flow token pair, JSON).
 * Implementations log steps, never values.
 */
export interface SecretStore {
  /** Stores or replaces the secret for `account`. */
  set(account: string, value: string): Promise<void>;
  /** The secret, or null when there is none. */
  get(account: string): Promise<string | null>;
  /** Deletes it; true when something was deleted. */
  delete(account: string): Promise<boolean>;
  /** Every account currently stored under the app's service name. */
  listAccounts(): Promise<string[]>;
}

/** The keychain service name shared by every account of this app. */
export const KEYCHAIN_SERVICE = 'ai.langwatch.ingestion-console';
