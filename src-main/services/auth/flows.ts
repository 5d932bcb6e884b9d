/**
 * The sign-in flows the sign-in screen drives, on top of the session manager: which methods a
 * deployment offers, email, browser window and device sign-in, sign-out. Keeps the running
 * device sign-ins (their completion and approval URL) and browser windows per profile.
 * Nothing it returns or emits holds a cookie, token or password.
 */
import type { SessionState } from '../../../src-shared/domain/langwatch';
import { AppError } from '../../../src-shared/errors';
import type { DeviceOutcome } from '../../../src-shared/ipc/channels/auth';
import type { Auth } from './auth-state';
import type { Logger } from '../logging/logger';
import type { Profiles } from '../profiles/profiles';
import type { SessionManager } from '../session/session-manager';
import type { AuthPorts } from './ports';
import { classifyApprovalLink } from '../../../src-shared/domain/device-approval';
import type { DeviceSignInStart } from '../../../src-shared/ipc/channels/auth';
import {
  checkVerificationUrl,
  describeEmailSignInError,
  describeMethodsError,
  deviceOutcomeOf,
} from './sign-in-errors';

/** Options of {@link createAuthFlows}. */
export interface AuthFlowsOptions {
  profiles: Pick<Profiles, 'get'>;
  sessions: Pick<
    SessionManager,
    'signInWithEmail' | 'completeBrowserSignIn' | 'startDeviceSignIn' | 'cancelDeviceSignIn' | 'signOut' | 'getState'
  >;
  auth: Pick<Auth, 'apiFor'>;
  ports: AuthPorts;
  log: Logger;
  /** Where device results go (the `auth.deviceResult` push event). */
  onDeviceResult(result: { profileId: string; outcome: DeviceOutcome; message: string }): void;
  /** publicEnv timeout (default 15 s). */
  methodsTimeoutMs?: number;
}

/** The sign-in flows of a profile (`services.authFlows`). */
export interface AuthFlows {
  /** The methods the deployment offers: the password form only where publicEnv says "email". */
  methods(profileId: string): Promise<{ password: boolean; browser: true; device: true }>;
  /** Email + password; the password is passed on once and not kept (not even in the error). */
  signInWithEmail(profileId: string, email: string, password: string): Promise<SessionState>;
  /** Runs the browser sign-in window; a second call replaces a window still open. */
  signInWithBrowser(
    profileId: string,
  ): Promise<{ outcome: 'signed_in'; session: SessionState } | { outcome: 'cancelled' }>;
  /** Starts a device sign-in; its end is reported through `onDeviceResult`. */
  startDeviceSignIn(profileId: string): Promise<DeviceSignInStart>;
  /** Stops a running device sign-in (reported as `cancelled`). */
  cancelDeviceSignIn(profileId: string): { cancelled: boolean };
  /** Opens the approval page of the running device sign-in in the system browser. */
  openVerificationPage(profileId: string, confirmedOrigin?: string): Promise<{ opened: true }>;
  /** Signs out (server-side revoke, keychain entries deleted) and ends any running flow. */
  signOut(profileId: string): Promise<SessionState>;
  /** Closes every open sign-in window (shutdown). */
  dispose(): void;
}

/** What the flows share: the running device sign-ins and the open browser windows. */
interface FlowsState {
  options: AuthFlowsOptions;
  devices: Map<string, { verificationUriComplete: string; token: object }>;
  browserWindows: Map<string, AbortController>;
}

/** Runs the browser sign-in window; a second call replaces a window still open. */
async function signInWithBrowser(
  state: FlowsState,
  profileId: string,
): Promise<{ outcome: 'signed_in'; session: SessionState } | { outcome: 'cancelled' }> {
  const { profiles, sessions, ports, log } = state.options;
  const { browserWindows } = state;
  const profile = await profiles.get(profileId);
  browserWindows.get(profileId)?.abort();
  const controller = new AbortController();
  browserWindows.set(profileId, controller);
  try {
    log.info('browser sign-in window opened', { profileId });
    const cookiePair = await ports.browserSignIn({
      profileId,
      baseUrl: profile.baseUrl,
      signal: controller.signal,
    });
    if (!cookiePair) {
      log.info('browser sign-in window closed without a session', { profileId });
      return { outcome: 'cancelled' };
    }
    const session = await sessions.completeBrowserSignIn(profileId, cookiePair);
    return { outcome: 'signed_in', session };
  } finally {
    if (browserWindows.get(profileId) === controller) browserWindows.delete(profileId);
  }
}

/** Starts a device sign-in; its end is reported through `onDeviceResult`. */
async function startDeviceSignIn(state: FlowsState, profileId: string): Promise<DeviceSignInStart> {
  const { profiles, sessions } = state.options;
  const profile = await profiles.get(profileId);
  // A sign-in started again supersedes the old one silently (its "cancelled" is not news).
  state.devices.delete(profileId);
  const started = await sessions.startDeviceSignIn(profileId);
  const link = classifyApprovalLink(started.verificationUriComplete, profile.baseUrl);
  if (link.kind === 'refused') {
    sessions.cancelDeviceSignIn(profileId);
    throw new AppError('network.unexpected_answer', link.reason);
  }
  const verificationUriComplete = link.url;
  const token = {};
  state.devices.set(profileId, { verificationUriComplete, token });
  started.completion.then(
    () => report(state, profileId, token, { outcome: 'approved', message: 'Signed in read-only with a device code.' }),
    (error: unknown) => report(state, profileId, token, deviceOutcomeOf(error)),
  );
  // Another origin is shown with both addresses; it opens only once the person confirms it.
  return {
    userCode: started.userCode,
    verificationUriComplete,
    expiresAt: started.expiresAt,
    approvalOrigin: link.origin,
    deploymentOrigin: new URL(profile.baseUrl).origin,
  };
}

function report(
  state: FlowsState,
  profileId: string,
  token: object,
  result: { outcome: DeviceOutcome; message: string },
): void {
  state.options.log.info('device sign-in finished', { profileId, outcome: result.outcome });
  // Only the latest device sign-in of a profile reports; a superseded one ends quietly.
  if (state.devices.get(profileId)?.token !== token) return;
  state.devices.delete(profileId);
  state.options.onDeviceResult({ profileId, ...result });
}

/** Creates the connect flows. */
export function createAuthFlows(options: AuthFlowsOptions): AuthFlows {
  const { profiles, sessions, auth, ports } = options;
  const state: FlowsState = { options, devices: new Map(), browserWindows: new Map() };
  const { devices, browserWindows } = state;

  return {
    /** The methods the deployment offers: the password form only where publicEnv says "email". */
    async methods(profileId: string): Promise<{ password: boolean; browser: true; device: true }> {
      const profile = await profiles.get(profileId);
      try {
        const api = await auth.apiFor(profileId);
        const env = await api.publicEnv({ timeoutMs: options.methodsTimeoutMs ?? 15_000 });
        return { password: env.NEXTAUTH_PROVIDER === 'email', browser: true, device: true };
      } catch (error) {
        throw describeMethodsError(error, profile.baseUrl);
      }
    },

    /** Email + password; the password is passed on once and not kept (not even in the error). */
    async signInWithEmail(profileId: string, email: string, password: string): Promise<SessionState> {
      const profile = await profiles.get(profileId);
      try {
        return await sessions.signInWithEmail(profileId, { email, password });
      } catch (error) {
        throw describeEmailSignInError(error, profile.baseUrl, password);
      }
    },

    signInWithBrowser: (profileId) => signInWithBrowser(state, profileId),
    startDeviceSignIn: (profileId) => startDeviceSignIn(state, profileId),

    /** Stops a running device sign-in (reported as `cancelled`). */
    cancelDeviceSignIn(profileId: string): { cancelled: boolean } {
      const running = devices.has(profileId);
      sessions.cancelDeviceSignIn(profileId);
      return { cancelled: running };
    },

    /** Opens the approval page of the running device sign-in in the system browser. */
    async openVerificationPage(profileId: string, confirmedOrigin?: string): Promise<{ opened: true }> {
      const running = devices.get(profileId);
      if (!running) throw new AppError('not_found', 'No device sign-in is running. Start one first.');
      const profile = await profiles.get(profileId);
      // Checked again against the profile as it is now (it may have been edited meanwhile).
      await ports.openExternal(checkVerificationUrl(running.verificationUriComplete, profile.baseUrl, confirmedOrigin));
      return { opened: true };
    },

    /** Signs out (server-side revoke, keychain entries deleted) and ends any running flow. */
    async signOut(profileId: string): Promise<SessionState> {
      browserWindows.get(profileId)?.abort();
      if (devices.has(profileId)) sessions.cancelDeviceSignIn(profileId);
      await sessions.signOut(profileId);
      return sessions.getState(profileId);
    },

    /** Closes every open sign-in window (shutdown). */
    dispose(): void {
      for (const controller of browserWindows.values()) controller.abort();
      browserWindows.clear();
    },
  };
}
