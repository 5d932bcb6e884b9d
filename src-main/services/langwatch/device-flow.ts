/**
 * The CLI device flow (contract §5, §7) for read-only support access: start, poll until the
 * person approves in a browser, refresh the rotating token pair, revoke. Tokens are secrets:
 * they are returned to the session manager (which keeps them in the keychain) and nowhere else.
 */
import { hostname } from 'node:os';
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { DeviceOrganization, type LangwatchUser } from '../../../src-shared/domain/langwatch';
import { systemClock, type Clock } from '../clock';
import { cliError, errorCode } from './cli-errors';
import { parseJsonBody, type HttpResponse, type LangwatchHttp, unexpectedAnswer } from './http';
import { parseAnswer } from './schemas';

const BASE = '/api/auth/cli';
/**
 * The device fingerprint LangWatch keeps for its devices inventory: only `device_label`,
 * `hostname`, `uname` and `platform` survive its schema (anything else is dropped), and an
 * over-long value fails the whole exchange, so each is cut to the server's limit. No user
 * name is sent: the label and host identify the device well enough.
 */
export function clientInfo(host: string = hostname()): { device_label: string; hostname: string; platform: string } {
  return {
    device_label: 'LangWatch Ingestion Console',
    hostname: host.slice(0, 255),
    platform: process.platform.slice(0, 32),
  };
}

/** What the person needs to approve the device. `deviceCode` is a secret of this flow. */
export interface DeviceFlowStart {
  deviceCode: string;
  userCode: string;
  verificationUriComplete: string;
  expiresIn: number;
  interval: number;
}

/** The device token pair; expiries are epoch milliseconds (by the given clock). */
export interface DeviceTokens {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: number;
  refreshExpiresAt: number | null;
}

/** An approved device: tokens plus who and which organisation they are bound to. */
export interface DeviceGrant {
  tokens: DeviceTokens;
  user: LangwatchUser;
  organization: DeviceOrganization;
}

/**
 * Bounds on what the server says about time. A broken or hostile answer (an interval or a
 * lifetime of 1e20 s) would otherwise make an invalid date, or a timer that Node fires at
 * once (delays past 2^31 ms overflow), i.e. a tight polling loop.
 */
export const MAX_POLL_INTERVAL_SEC = 60;
export const MAX_DEVICE_CODE_TTL_SEC = 1800;
export const MAX_ACCESS_TTL_SEC = 24 * 3600;
export const MAX_REFRESH_TTL_SEC = 365 * 24 * 3600;
const clampSec = (value: number, max: number) => (Number.isFinite(value) ? Math.min(value, max) : max);

const WireStart = z.object({
  device_code: z.string().min(1),
  user_code: z.string().min(1),
  verification_uri: z.string().optional(),
  verification_uri_complete: z.string().min(1),
  expires_in: z.number().positive(),
  interval: z.number().positive(),
});
const WireTokens = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
  refresh_expires_in: z.number().positive().nullable().optional(),
});
const WireGrant = WireTokens.extend({
  user: z.object({ id: z.string(), email: z.string().nullable().optional(), name: z.string().nullable().optional() }),
  organization: DeviceOrganization,
});

/** What {@link DeviceFlow.pollDeviceFlow} needs to wait for one approval. */
export interface DevicePoll {
  deviceCode: string;
  /** Seconds between polls, as the server asked (kept within 4..60 s). */
  interval: number;
  signal?: AbortSignal;
  clock?: Clock;
  /** Seconds until the code expires; past it, polling stops with `auth.device_expired`. */
  expiresIn?: number;
}

/** The device-flow client of one deployment. */
export interface DeviceFlow {
  /** Asks for a device code; the approval link is checked to be an http(s) address. */
  startDeviceFlow(signal?: AbortSignal): Promise<DeviceFlowStart>;
  /** Polls until the person approves, denies or the code expires (or the signal aborts). */
  pollDeviceFlow(args: DevicePoll): Promise<DeviceGrant>;
  /** Exchanges the refresh token for a new pair (refresh tokens rotate). */
  refreshTokens(refreshToken: string, signal?: AbortSignal): Promise<DeviceTokens>;
  /** Revokes the pair, and the CLI key its sign-in minted, server-side. */
  logout(tokens: Pick<DeviceTokens, 'accessToken' | 'refreshToken'>, signal?: AbortSignal): Promise<void>;
}

/** Creates the device-flow client of one deployment. */
export function createDeviceFlow(options: { http: LangwatchHttp; clock?: Clock }): DeviceFlow {
  const { http } = options;
  const defaultClock = options.clock ?? systemClock;

  const post = (path: string, body: unknown, signal?: AbortSignal, headers?: Record<string, string>) =>
    http.request({ method: 'POST', path: `${BASE}${path}`, json: body, signal, headers });

  const toTokens = (w: z.infer<typeof WireTokens>, clock: Clock): DeviceTokens => ({
    accessToken: w.access_token,
    refreshToken: w.refresh_token,
    accessExpiresAt: clock.now() + clampSec(w.expires_in, MAX_ACCESS_TTL_SEC) * 1000,
    refreshExpiresAt: w.refresh_expires_in
      ? clock.now() + clampSec(w.refresh_expires_in, MAX_REFRESH_TTL_SEC) * 1000
      : null,
  });

  return {
    /** Asks for a device code; the approval link is checked to be an http(s) address. */
    async startDeviceFlow(signal?: AbortSignal): Promise<DeviceFlowStart> {
      const res = await post('/device-code', { credential_type: 'device_session' }, signal);
      if (res.status !== 200) throw cliError(res, `${BASE}/device-code`);
      const wire = parseAnswer(WireStart, parseJsonBody(res, `${BASE}/device-code`), `${BASE}/device-code`);
      return {
        deviceCode: wire.device_code,
        userCode: wire.user_code,
        verificationUriComplete: checkApprovalLink(wire.verification_uri_complete, http.origin),
        expiresIn: clampSec(wire.expires_in, MAX_DEVICE_CODE_TTL_SEC),
        interval: clampSec(wire.interval, MAX_POLL_INTERVAL_SEC),
      };
    },

    /**
     * Polls until approved: keeps going on `authorization_pending` and on passing network
     * trouble, slows down by 5 s on `slow_down`, stops on expiry, denial or the signal.
     */
    async pollDeviceFlow(args: DevicePoll): Promise<DeviceGrant> {
      const clock = args.clock ?? defaultClock;
      const deadline = args.expiresIn
        ? clock.now() + clampSec(args.expiresIn, MAX_DEVICE_CODE_TTL_SEC) * 1000
        : Infinity;
      // The server allows one poll per 4 s; never poll faster than that whatever it says, nor
      // slower than once a minute (a huge interval would overflow the timer into a tight loop).
      let waitMs = Math.max(4, clampSec(args.interval, MAX_POLL_INTERVAL_SEC)) * 1000;
      for (;;) {
        await sleep(clock, waitMs, args.signal);
        if (clock.now() > deadline) throw deviceExpired();
        let res: HttpResponse;
        try {
          res = await post('/exchange', { device_code: args.deviceCode, client_info: clientInfo() }, args.signal);
        } catch (error) {
          if (error instanceof AppError && (error.code === 'network.offline' || error.code === 'network.timeout'))
            continue;
          throw error;
        }
        if (res.status === 200) {
          const wire = parseAnswer(WireGrant, parseJsonBody(res, `${BASE}/exchange`), `${BASE}/exchange`);
          return {
            tokens: toTokens(wire, clock),
            user: { id: wire.user.id, email: wire.user.email ?? null, name: wire.user.name ?? null },
            organization: wire.organization,
          };
        }
        if (res.status === 428) continue;
        if (res.status === 429) {
          waitMs = Math.min(waitMs + 5000, MAX_POLL_INTERVAL_SEC * 1000);
          continue;
        }
        // 400 invalid_grant: the code is unknown or already used; either way, start again.
        if (res.status === 408 || res.status === 400) throw deviceExpired();
        if (res.status === 410) {
          throw new AppError(
            'auth.device_denied',
            'The sign-in request was denied in the browser. Start again if that was a mistake.',
            {
              httpStatus: 410,
            },
          );
        }
        if (res.status >= 500) continue; // a passing server error must not end the wait
        throw cliError(res, `${BASE}/exchange`);
      }
    },

    /** Exchanges the refresh token for a new pair (refresh tokens rotate). */
    async refreshTokens(refreshToken: string, signal?: AbortSignal): Promise<DeviceTokens> {
      const res = await post('/refresh', { refresh_token: refreshToken }, signal);
      if (res.status === 401 || res.status === 400) {
        throw new AppError(
          'auth.refresh_invalid',
          'The read-only sign-in has ended. Sign in again with a device code.',
          {
            httpStatus: res.status,
            serverCode: errorCode(res),
          },
        );
      }
      if (res.status !== 200) throw cliError(res, `${BASE}/refresh`);
      return toTokens(parseAnswer(WireTokens, parseJsonBody(res, `${BASE}/refresh`), `${BASE}/refresh`), defaultClock);
    },

    /**
     * Revokes the pair server-side, and with it the CLI key the sign-in minted. LangWatch reads
     * only the body (an Authorization header revokes nothing), so both tokens go there.
     */
    async logout(tokens: Pick<DeviceTokens, 'accessToken' | 'refreshToken'>, signal?: AbortSignal): Promise<void> {
      const res = await post(
        '/logout',
        { refresh_token: tokens.refreshToken, access_token: tokens.accessToken },
        signal,
      );
      if (res.status < 300 || res.status === 401) return;
      throw cliError(res, `${BASE}/logout`);
    },
  };
}

function deviceExpired(): AppError {
  return new AppError('auth.device_expired', 'The device code expired before it was approved. Start again.', {
    httpStatus: 408,
  });
}

/** Only an http(s) link on the deployment's own origin may be opened in the browser. */
function checkApprovalLink(link: string, origin: string): string {
  let url: URL;
  try {
    url = new URL(link, origin);
  } catch {
    throw unexpectedAnswer(`${BASE}/device-code`, 200, 'the approval link is not a URL');
  }
  // Another origin is allowed here: LangWatch builds the link from its configured public
  // address. The connect flow shows it and opens it only after the person confirms it.
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
    throw unexpectedAnswer(`${BASE}/device-code`, 200, 'the approval link is not an http(s) address');
  }
  return url.toString();
}

/** Waits `ms` on the clock; rejects with `cancelled` when the signal aborts. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AppError('cancelled', 'Cancelled.'));
      return;
    }
    const onAbort = () => {
      clock.clearTimeout(handle);
      reject(new AppError('cancelled', 'Cancelled.'));
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
