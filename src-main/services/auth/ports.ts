/**
 * The two things connecting needs from outside plain Node: opening a URL in the system
 * browser and running a browser sign-in window. Electron supplies them in src-main/index.ts,
 * the e2e harness supplies Playwright ones; plain Node (unit tests, scripts) gets "unavailable".
 */
import { AppError } from '../../../src-shared/errors';

/** What the browser sign-in window needs to know about the deployment. */
export interface BrowserSignInRequest {
  profileId: string;
  /** The deployment's normalised origin (`https://app.langwatch.ai`). */
  baseUrl: string;
  /** Aborted when the sign-in is superseded or the console closes. */
  signal: AbortSignal;
}

/** Ports to the outside world; both validated by the caller before use. */
export interface AuthPorts {
  /** Opens an http(s) URL in the person's default browser. */
  openExternal(url: string): Promise<void>;
  /**
   * Lets the person sign in on the deployment's own page; resolves with the session cookie
   * pair (`name=value`, a secret: it goes straight to the keychain) or null when the window was closed.
   */
  browserSignIn(request: BrowserSignInRequest): Promise<string | null>;
}

/** Ports for plain Node: both fail with a clear message instead of silently doing nothing. */
export function unavailablePorts(): AuthPorts {
  return {
    async openExternal() {
      throw new AppError('internal', 'This build of the console cannot open the system browser.');
    },
    async browserSignIn() {
      throw new AppError(
        'internal',
        'This build of the console cannot open a sign-in window. Use email or a device code.',
      );
    },
  };
}
