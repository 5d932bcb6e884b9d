/**
 * What the sign-in screen tells the person when reaching or signing in to a deployment fails:
 * one specific message per cause (unreachable, not LangWatch, TLS, wrong password, password
 * sign-in disabled, rate limited), with secret-free details the renderer can act on.
 */
import { classifyApprovalLink } from '../../../src-shared/domain/device-approval';
import { AppError, isAppError, type ErrorCode } from '../../../src-shared/errors';
import type { DeviceOutcome } from '../../../src-shared/ipc/channels/auth';

/** Details the renderer may rely on; everything else a lower layer attached is dropped. */
const KEPT_DETAILS = ['httpStatus', 'path', 'serverCode', 'cause', 'retryAfterSec', 'browserAvailable'] as const;

function keptDetails(error: AppError, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  for (const key of KEPT_DETAILS) if (error.details?.[key] !== undefined) details[key] = error.details[key];
  return { ...details, ...extra };
}

/** The shared wording for failures to reach a deployment at all. */
function reachError(error: AppError, origin: string): AppError | null {
  switch (error.code) {
    case 'network.offline':
      return new AppError(
        'network.offline',
        `Could not reach ${origin}: the deployment is unreachable from this computer. Check the network connection and the deployment URL.`,
        keptDetails(error),
      );
    case 'network.timeout':
      return new AppError(
        'network.timeout',
        `${origin} did not answer in time. Check the network connection and try again.`,
        keptDetails(error),
      );
    case 'network.tls':
      return new AppError(
        'network.tls',
        `The secure auth to ${origin} failed: its certificate could not be verified${
          typeof error.details?.cause === 'string' ? ` (${error.details.cause})` : ''
        }. Check the URL and the system clock; a self-hosted deployment needs a certificate this computer trusts.`,
        keptDetails(error),
      );
    case 'network.unexpected_answer':
    case 'langwatch.not_found':
    case 'langwatch.validation':
      return notLangwatch(error, origin);
    default:
      return null;
  }
}

function notLangwatch(error: AppError, origin: string): AppError {
  return new AppError(
    'network.unexpected_answer',
    `${origin} answered, but not like a LangWatch deployment. Check the deployment URL (it is the address you open LangWatch at in a browser).`,
    keptDetails(error),
  );
}

/** Maps a failure of `auth.methods` (publicEnv) to the sign-in screen's message. */
export function describeMethodsError(error: unknown, origin: string): unknown {
  if (!isAppError(error)) return error;
  return reachError(error, origin) ?? error;
}

/**
 * Maps a failure of email sign-in. The password is only known to make sure it is never
 * echoed: any message or detail that contains it is replaced (a server could reflect input).
 */
export function describeEmailSignInError(error: unknown, origin: string, password: string): unknown {
  if (!isAppError(error)) return error;
  const mapped = mapEmailError(error, origin);
  return scrubbed(mapped, password);
}

function mapEmailError(error: AppError, origin: string): AppError {
  const reach = reachError(error, origin);
  if (reach) return reach;
  switch (error.code) {
    case 'auth.invalid_credentials':
      return new AppError(
        'auth.invalid_credentials',
        'Wrong email or password. Check them and try again.',
        keptDetails(error),
      );
    case 'auth.password_disabled':
      return new AppError(
        'auth.password_disabled',
        `Password sign-in is turned off on ${origin} (it signs in with SSO). Use "Sign in with browser" instead.`,
        keptDetails(error, { browserAvailable: true }),
      );
    case 'auth.rate_limited': {
      const wait = error.details?.retryAfterSec;
      return new AppError(
        'auth.rate_limited',
        typeof wait === 'number'
          ? `Too many sign-in attempts. Wait ${formatWait(wait)} before trying again.`
          : 'Too many sign-in attempts. Wait a few minutes before trying again.',
        keptDetails(error),
      );
    }
    case 'auth.invalid_origin':
      return new AppError(
        'auth.invalid_origin',
        `${origin} refused the sign-in from this address (trusted-origins check). Use the exact URL your LangWatch is configured with.`,
        keptDetails(error),
      );
    default:
      return error;
  }
}

/** `75` → `1 min 15 s`. */
export function formatWait(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
}

function scrubbed(error: AppError, secret: string): AppError {
  if (secret === '') return error;
  const message = error.message.includes(secret) ? 'Sign-in failed.' : error.message;
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error.details ?? {})) {
    if (!JSON.stringify(value ?? null).includes(secret)) details[key] = value;
  }
  return new AppError(error.code, message, details);
}

/** How a device sign-in that did not succeed ended, and what to tell the person. */
export function deviceOutcomeOf(error: unknown): { outcome: DeviceOutcome; message: string } {
  const code: ErrorCode | null = isAppError(error) ? error.code : null;
  switch (code) {
    case 'auth.device_denied':
      return {
        outcome: 'denied',
        message: 'The sign-in request was denied in the browser. Start again if that was a mistake.',
      };
    case 'auth.device_expired':
      return { outcome: 'expired', message: 'The code expired before it was approved. Start again to get a new code.' };
    case 'cancelled':
      return { outcome: 'cancelled', message: 'Device sign-in cancelled.' };
    default:
      return {
        outcome: 'failed',
        message: isAppError(error) ? error.message.slice(0, 500) : 'The device sign-in failed. Start again.',
      };
  }
}

/**
 * The device approval URL, checked before it goes to the system browser: http(s) only, no
 * credentials, no downgrade. A link on another origin than the profile's (LangWatch builds it
 * from its configured public address) opens only once the person confirmed that exact origin.
 */
export function checkVerificationUrl(raw: string, deploymentUrl: string, confirmedOrigin?: string): string {
  const link = classifyApprovalLink(raw, deploymentUrl);
  if (link.kind === 'refused') throw new AppError('network.unexpected_answer', link.reason);
  if (link.kind === 'other_origin' && confirmedOrigin !== link.origin) {
    throw new AppError(
      'auth.invalid_origin',
      `The approval page is on ${link.origin}, not on ${link.deploymentOrigin}. Confirm that you recognise ${link.origin} before it is opened.`,
      { approvalOrigin: link.origin, expectedOrigin: link.deploymentOrigin },
    );
  }
  return link.url;
}
