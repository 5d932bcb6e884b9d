import type { AuthState } from '../../../src-shared/domain/auth';
import type { LangwatchUser, Permissions, Profile } from '../../../src-shared/domain/langwatch';
import type { LangwatchApi } from '../langwatch/api';
import type { SourcesReader } from '../langwatch/sources-reader';

/** The active profile and organisation, resolved for work that needs them now. */
export interface ActiveAuth {
  profile: Profile;
  organizationId: string;
  permissions: Permissions;
  /** Cookie-authenticated tRPC API (admins), or null in a read-only device session. */
  api: LangwatchApi | null;
  /** Reads of the organisation's sources, through the API or (device sessions) the CLI REST. */
  sources: SourcesReader;
  readOnly: boolean;
}

/**
 * "Where is the console connected and as whom": profiles, sessions, the active organisation
 * and its permissions. Outbox and status depend on this interface only.
 */
export interface AuthService {
  state(): AuthState;
  onChange(listener: (state: AuthState) => void): () => void;
  /** The active auth; throws AppError('auth.not_signed_in') when there is none. */
  requireActive(): ActiveAuth;
  /**
   * The cookie API of one profile, for work that belongs to that profile whatever is active
   * now (a staged key is submitted to the deployment it was staged for). A 401 through it
   * marks that profile's session expired.
   */
  apiFor(profileId: string): Promise<LangwatchApi>;
  /**
   * Resolves once the profile has a usable cookie session (after a sign-in if need be); with
   * `userId`, only a session of that person (or one whose person is not confirmed yet).
   */
  waitForSession(profileId: string, signal?: AbortSignal, userId?: string): Promise<void>;
  close(): Promise<void>;
}

/** Who holds a profile's cookie session: a staged key is sent only under its owner's session. */
export interface SessionOwners {
  /**
   * The person of the profile's cookie session, confirmed with the server when the keychain
   * restored it without one (offline start); null when there is no cookie session.
   */
  sessionUser(profileId: string, signal?: AbortSignal): Promise<LangwatchUser | null>;
}
