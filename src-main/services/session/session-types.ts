/**
 * The public shape of the session manager (session-manager.ts): its options, its change
 * events and its methods. No secret travels in any of them.
 */
import type { Profile, SessionState } from '../../../src-shared/domain/langwatch';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { LangwatchApi } from '../langwatch/api';
import type { CliRest } from '../langwatch/cli-rest';
import type { LangwatchHttp } from '../langwatch/http';
import type { CookieSessions } from './cookie-sessions';
import type { DeviceSignInStart } from './device-sessions';

/** A state change of one profile (never holds a secret). */
export interface SessionChange {
  profileId: string;
  state: SessionState;
}

/** Options of {@link createSessionManager}. */
export interface SessionManagerOptions {
  /** Profile lookup and removal (the profiles service fits). */
  profiles: { get(id: string): Promise<Profile>; remove(id: string): Promise<void> };
  secrets: SecretStore;
  clock?: Clock;
  log: Logger;
  /** Request function per deployment (default: undici over the shared agent). */
  httpFactory?: (baseUrl: string) => LangwatchHttp;
  /** How long before access-token expiry device tokens are refreshed (default 60 s). */
  refreshAheadMs?: number;
}

/** The sessions of every profile (see createSessionManager). */
export interface SessionManager extends Pick<
  CookieSessions,
  'signInWithEmail' | 'completeBrowserSignIn' | 'confirmedUser'
> {
  /** The current state (loaded from the keychain on first use). */
  getState(profileId: string): Promise<SessionState>;
  /**
   * What the keychain alone says, without asking the server: the console starts on it (no
   * network wait before the window shows); `getState` confirms it with the server.
   */
  localState(profileId: string): Promise<SessionState>;
  /** Subscribes to state changes; returns the unsubscribe function. */
  onChange(listener: (change: SessionChange) => void): () => void;
  /** Starts a read-only device sign-in (see DeviceSignInStart). */
  startDeviceSignIn(profileId: string, signal?: AbortSignal): Promise<DeviceSignInStart>;
  /** Stops a running device sign-in. */
  cancelDeviceSignIn(profileId: string): void;
  /** Marks the session expired (any 401); work waiting in waitForSession resumes on re-sign-in. */
  markExpired(profileId: string): Promise<void>;
  /** Resolves once the profile has a cookie session (or a device one if allowed). */
  waitForSession(
    profileId: string,
    signal?: AbortSignal,
    opts?: { allowDevice?: boolean; userId?: string },
  ): Promise<SessionState>;
  /** The cookie pair for API calls, null when none (stays inside main: never sent to the renderer). */
  getCookie(profileId: string): Promise<string | null>;
  /** A fresh device access token, null when there is no device session. */
  getAccessToken(profileId: string): Promise<string | null>;
  /** The typed tRPC API bound to this profile's cookie; a 401 marks the session expired. */
  api(profileId: string): Promise<LangwatchApi>;
  /** The read-only CLI client bound to this profile's device session. */
  cli(profileId: string): Promise<CliRest>;
  /** Signs out: revokes server-side (best effort, e.g. offline), then deletes the keychain entries. */
  signOut(profileId: string): Promise<void>;
  /** Signs out, removes the profile, and deletes every keychain entry for it. */
  forgetProfile(profileId: string): Promise<void>;
  /** Stops timers and polls (app shutdown, tests). */
  dispose(): void;
}
