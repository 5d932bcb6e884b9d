/**
 * Read-only device sessions of the session manager: the device sign-in (start + background
 * polling) and keeping the token pair fresh, refreshing ahead of expiry on the Clock.
 */
import { AppError, isAppError } from '../../../src-shared/errors';
import type { SessionState } from '../../../src-shared/domain/langwatch';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import { createDeviceFlow, type DeviceFlow } from '../langwatch/device-flow';
import type { LangwatchHttp } from '../langwatch/http';
import {
  deviceAccount,
  fromGrant,
  readDeviceCredentials,
  writeDeviceCredentials,
  type DeviceCredentials,
} from './device-credentials';

/** What the UI shows while the person approves the device in a browser. */
export interface DeviceSignInStart {
  userCode: string;
  /** Open this (it is on the deployment's own origin): the approval page has no code field. */
  verificationUriComplete: string;
  expiresAt: string;
  /** Settles when polling ends: the new state, or AppError (device_denied/expired, cancelled). */
  completion: Promise<SessionState>;
}

/** What the device part needs from the manager. */
export interface DeviceContext {
  secrets: SecretStore;
  clock: Clock;
  log: Logger;
  httpFor(profileId: string): Promise<LangwatchHttp>;
  setState(profileId: string, state: SessionState): void;
  /** Drops any cookie session before a device session replaces it. */
  clearCookieSession(profileId: string): Promise<void>;
  refreshAheadMs: number;
}

const RETRY_REFRESH_MS = 30_000;

/** The device state as shown to the renderer. */
export function deviceState(creds: DeviceCredentials): SessionState {
  return {
    kind: 'device',
    user: creds.user,
    organization: creds.organization,
    expiresAt: creds.refreshExpiresAt === null ? null : new Date(creds.refreshExpiresAt).toISOString(),
  };
}

/** The device sessions of every profile (read-only, token pair in the keychain). */
export interface DeviceSessions {
  /** Starts a device sign-in; polling continues in the background until settled. */
  start(profileId: string, signal?: AbortSignal): Promise<DeviceSignInStart>;
  /** Stops a running device sign-in (its completion rejects with `cancelled`). */
  cancel(profileId: string): void;
  /** Restores a stored device session and schedules its refresh; null when none. */
  restore(profileId: string): Promise<SessionState | null>;
  /** A valid access token, refreshed first when it is about to expire; null when none. */
  accessToken(profileId: string): Promise<string | null>;
  /** Forces a refresh (after a 401 from CLI REST). */
  refresh(profileId: string): Promise<DeviceCredentials | null>;
  /** Revokes server-side (best effort) and deletes the stored pair. */
  end(profileId: string): Promise<void>;
  /** Stops every timer and poll (app shutdown, tests). */
  dispose(): void;
}

/** What the device functions share: running polls, refresh timers and refreshes per profile. */
interface DeviceSessionsState {
  ctx: DeviceContext;
  polls: Map<string, AbortController>;
  timers: Map<string, unknown>;
  refreshing: Map<string, Promise<DeviceCredentials | null>>;
}

const flowFor = async (state: DeviceSessionsState, profileId: string): Promise<DeviceFlow> =>
  createDeviceFlow({ http: await state.ctx.httpFor(profileId), clock: state.ctx.clock });

function cancelTimer(state: DeviceSessionsState, profileId: string): void {
  const handle = state.timers.get(profileId);
  if (handle !== undefined) state.ctx.clock.clearTimeout(handle);
  state.timers.delete(profileId);
}

function schedule(state: DeviceSessionsState, profileId: string, creds: DeviceCredentials, delayMs?: number): void {
  const { ctx, timers } = state;
  cancelTimer(state, profileId);
  const due = delayMs ?? Math.max(0, creds.accessExpiresAt - ctx.refreshAheadMs - ctx.clock.now());
  timers.set(
    profileId,
    ctx.clock.setTimeout(() => {
      timers.delete(profileId);
      void refresh(state, profileId).catch(() => undefined);
    }, due),
  );
}

/** Refreshes the pair (one at a time per profile); null when the session has ended. */
function refresh(state: DeviceSessionsState, profileId: string): Promise<DeviceCredentials | null> {
  const running = state.refreshing.get(profileId);
  if (running) return running;
  const run = refreshOnce(state, profileId).finally(() => state.refreshing.delete(profileId));
  state.refreshing.set(profileId, run);
  return run;
}

async function refreshOnce(state: DeviceSessionsState, profileId: string): Promise<DeviceCredentials | null> {
  const { ctx } = state;
  const creds = await readDeviceCredentials(ctx.secrets, profileId);
  if (!creds) return null;
  try {
    const tokens = await (await flowFor(state, profileId)).refreshTokens(creds.refreshToken);
    const next = { ...creds, ...tokens, refreshExpiresAt: tokens.refreshExpiresAt ?? creds.refreshExpiresAt };
    await writeDeviceCredentials(ctx.secrets, profileId, next);
    ctx.log.info('device tokens refreshed', { profileId });
    schedule(state, profileId, next);
    return next;
  } catch (error) {
    if (isAppError(error) && error.code === 'auth.refresh_invalid') {
      ctx.log.info('device session ended', { profileId });
      cancelTimer(state, profileId);
      await ctx.secrets.delete(deviceAccount(profileId));
      ctx.setState(profileId, {
        kind: 'signed_out',
        reason: 'The read-only sign-in has ended. Sign in again with a device code.',
      });
      return null;
    }
    // Offline or a server hiccup: keep the session and try again a bit later.
    ctx.log.warn('device token refresh failed; will retry', {
      profileId,
      code: isAppError(error) ? error.code : 'internal',
    });
    schedule(state, profileId, creds, RETRY_REFRESH_MS);
    throw error;
  }
}

/** Starts a device sign-in; polling continues in the background until settled. */
async function start(state: DeviceSessionsState, profileId: string, signal?: AbortSignal): Promise<DeviceSignInStart> {
  const { ctx, polls } = state;
  polls.get(profileId)?.abort();
  const flow = await flowFor(state, profileId);
  const started = await flow.startDeviceFlow(signal);
  const controller = new AbortController();
  polls.set(profileId, controller);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  ctx.log.info('device sign-in started', { profileId });
  const completion = pollUntilSettled(state, profileId, flow, started, controller).finally(() => {
    signal?.removeEventListener('abort', onAbort);
    if (polls.get(profileId) === controller) polls.delete(profileId);
  });
  // The caller may rely on state events alone; a settled-but-unobserved failure is fine.
  completion.catch(() => undefined);
  return {
    userCode: started.userCode,
    verificationUriComplete: started.verificationUriComplete,
    expiresAt: new Date(ctx.clock.now() + started.expiresIn * 1000).toISOString(),
    completion,
  };
}

/** Polls until the person approves (the device session starts) or the flow ends. */
async function pollUntilSettled(
  state: DeviceSessionsState,
  profileId: string,
  flow: DeviceFlow,
  started: Awaited<ReturnType<DeviceFlow['startDeviceFlow']>>,
  controller: AbortController,
): Promise<SessionState> {
  const { ctx } = state;
  try {
    const grant = await flow.pollDeviceFlow({
      deviceCode: started.deviceCode,
      interval: started.interval,
      expiresIn: started.expiresIn,
      signal: controller.signal,
      clock: ctx.clock,
    });
    const creds = fromGrant(grant);
    await ctx.clearCookieSession(profileId);
    await writeDeviceCredentials(ctx.secrets, profileId, creds);
    schedule(state, profileId, creds);
    const session = deviceState(creds);
    ctx.log.info('device sign-in approved', {
      profileId,
      userId: creds.user.id,
      organizationId: creds.organization.id,
    });
    ctx.setState(profileId, session);
    return session;
  } catch (error) {
    ctx.log.info('device sign-in ended without approval', {
      profileId,
      code: isAppError(error) ? error.code : 'internal',
    });
    throw error;
  }
}

/** Revokes server-side (best effort) and deletes the stored pair. */
async function end(state: DeviceSessionsState, profileId: string): Promise<void> {
  const { ctx } = state;
  state.polls.get(profileId)?.abort();
  cancelTimer(state, profileId);
  const creds = await readDeviceCredentials(ctx.secrets, profileId);
  if (creds) {
    try {
      await (await flowFor(state, profileId)).logout(creds, AbortSignal.timeout(5000));
    } catch (error) {
      ctx.log.warn('device sign-out not confirmed by the server; removing it locally', {
        profileId,
        code: isAppError(error) ? error.code : 'internal',
      });
    }
  }
  await ctx.secrets.delete(deviceAccount(profileId));
}

/** Creates the device-session part of the session manager. */
export function createDeviceSessions(ctx: DeviceContext): DeviceSessions {
  const state: DeviceSessionsState = { ctx, polls: new Map(), timers: new Map(), refreshing: new Map() };
  return {
    start: (profileId, signal) => start(state, profileId, signal),
    cancel(profileId: string): void {
      state.polls.get(profileId)?.abort();
    },
    async restore(profileId: string): Promise<SessionState | null> {
      const creds = await readDeviceCredentials(ctx.secrets, profileId);
      if (!creds) return null;
      if (creds.refreshExpiresAt !== null && creds.refreshExpiresAt <= ctx.clock.now()) {
        await ctx.secrets.delete(deviceAccount(profileId));
        return null;
      }
      schedule(state, profileId, creds);
      return deviceState(creds);
    },
    async accessToken(profileId: string): Promise<string | null> {
      const creds = await readDeviceCredentials(ctx.secrets, profileId);
      if (!creds) return null;
      if (creds.accessExpiresAt - ctx.clock.now() > ctx.refreshAheadMs) return creds.accessToken;
      return (await refresh(state, profileId))?.accessToken ?? null;
    },
    refresh: (profileId) => refresh(state, profileId),
    end: (profileId) => end(state, profileId),
    dispose(): void {
      for (const controller of state.polls.values()) controller.abort();
      for (const profileId of [...state.timers.keys()]) cancelTimer(state, profileId);
    },
  };
}

/** Used by the manager to tell a cancelled wait from a failure. */
export function cancelledError(): AppError {
  return new AppError('cancelled', 'Cancelled.');
}
