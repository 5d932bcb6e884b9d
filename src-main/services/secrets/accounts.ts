/**
 * The one place keychain account names are built. Inside a console instance, names say what
 * a secret is for (`staged:<id>`, `session:<profileId>`, `device:<profileId>`,
 * `selfcheck:<random>`); in the keychain each carries its instance's namespace
 * (`lwc-<id kept in the user-data folder>/…`, see namespaced-store.ts), so two consoles on one
 * desktop (the app, the demo, tests, a second profile folder) never see each other's keys.
 */
import { randomBytes } from 'node:crypto';
import { resolveInstanceIdentity } from './instance-identity';

const STAGED = 'staged:';
const SESSION = 'session:';
const SESSION_USER = 'session-user:';
const DEVICE = 'device:';
const INGEST = 'ingest:';

/** Account of a staged key of outbox entry `id`. */
export const stagedAccount = (id: string): string => `${STAGED}${id}`;
/** The entry id of a `staged:<id>` account, or null for any other account. */
export const stagedIdOf = (account: string): string | null =>
  account.startsWith(STAGED) ? account.slice(STAGED.length) : null;
/** Account of a profile's LangWatch session cookie pair. */
export const sessionAccount = (profileId: string): string => `${SESSION}${profileId}`;
/**
 * Account of the person of a profile's cookie session (JSON of LangwatchUser, no secret),
 * written with the cookie and removed with it: an offline start still knows whose session it
 * restored, so staged keys stay bound to that person.
 */
export const sessionUserAccount = (profileId: string): string => `${SESSION_USER}${profileId}`;
/**
 * The canary of an instance's namespace: a random, non-secret value written whenever the
 * keychain is proven usable. A staged key that reads back null while the canary reads back
 * null too proves nothing about the key: the keychain is locked or unavailable, not empty.
 */
export const KEYCHAIN_CANARY_ACCOUNT = 'canary';
/**
 * True for an account whose value is no secret (the person of a session): the registry of
 * known secrets must not learn its values, or names and emails would be redacted everywhere.
 */
export const holdsNoSecret = (account: string): boolean =>
  account.startsWith(SESSION_USER) || account === KEYCHAIN_CANARY_ACCOUNT;
/** Account of a profile's device-flow token pair (JSON). */
export const deviceAccount = (profileId: string): string => `${DEVICE}${profileId}`;
/** The profile an account belongs to (`session:`/`session-user:`/`device:`), or null. */
export function profileIdOf(account: string): string | null {
  for (const prefix of [SESSION, SESSION_USER, DEVICE])
    if (account.startsWith(prefix)) return account.slice(prefix.length);
  return null;
}
/**
 * Account of a one-time ingest secret waiting for its owner (ingest-secrets/): the person, the
 * source and the deployment (profile), each part URI-encoded so no id can reach into another's.
 * The profile comes last, like `session:<profileId>`: forgetting a deployment deletes every
 * account ending in `:<profileId>` (session-manager.ts), so its waiting secrets go with it.
 */
export const ingestSecretAccount = (owner: { profileId: string; userId: string }, sourceId: string): string =>
  `${INGEST}${[owner.userId, sourceId, owner.profileId].map(encodeURIComponent).join(':')}`;
/** True for an account made by {@link ingestSecretAccount}. */
export const isIngestSecretAccount = (account: string): boolean => account.startsWith(INGEST);
/** Account of the key of the echo memory's hashes (echo-memory-file.ts): random bytes, no user secret. */
export const ECHO_KEY_ACCOUNT = 'echo-hash-key';
/** A throwaway account for the keychain self-check. */
export const selfCheckAccount = (): string => `selfcheck:${randomBytes(6).toString('hex')}`;

/** Separates an instance's namespace from the account name inside it. */
export const NAMESPACE_SEPARATOR = '/';

/**
 * The namespace of the console whose user-data folder is `userDataDir`: `lwc-<id>`, the id kept
 * in the folder itself (instance-identity.ts), so a moved folder keeps its accounts and a copy
 * gets its own. Stable across runs; different for any other folder.
 */
export function instanceNamespace(userDataDir: string): string {
  return resolveInstanceIdentity(userDataDir).namespace;
}

/** True for an account written before namespaces existed (`staged:…`, `session:…`, `session-user:…`, `device:…`). */
export function isLegacyAccount(account: string): boolean {
  return !account.includes(NAMESPACE_SEPARATOR) && (stagedIdOf(account) !== null || profileIdOf(account) !== null);
}
