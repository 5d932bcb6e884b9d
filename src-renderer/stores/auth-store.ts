import { create, type StoreApi } from 'zustand';
import type { ErrorData } from '../../src-shared/errors';
import type { ChannelOutput } from '../../src-shared/ipc/contract';
import type { DeviceOutcome } from '../../src-shared/ipc/channels/auth';
import { call, lw } from '../api/lw';

type Methods = ChannelOutput<'auth.methods'>;

/** The device sign-in as the sign-in screen shows it. */
export type DeviceSignIn =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | {
      phase: 'waiting';
      profileId: string;
      userCode: string;
      expiresAt: string;
      /** Where the approval page is, and the profile's own origin (they may differ). */
      approvalOrigin: string;
      deploymentOrigin: string;
      openError: ErrorData | null;
    }
  | { phase: 'done'; outcome: DeviceOutcome; message: string };

interface AuthStore {
  /** Sign-in methods of the profile last asked about. */
  methods: { profileId: string; value: Methods | null; error: ErrorData | null; loading: boolean } | null;
  emailBusy: boolean;
  emailError: ErrorData | null;
  /** Epoch ms until which email sign-in is rate limited (drives the countdown). */
  rateLimitedUntil: number | null;
  browserBusy: boolean;
  browserError: ErrorData | null;
  /** The browser window was closed without a session. */
  browserCancelled: boolean;
  device: DeviceSignIn;
  signOutError: ErrorData | null;
  /** Follows `auth.deviceResult`; returns the unsubscribe. */
  start(): () => void;
  loadMethods(profileId: string): Promise<void>;
  /** Resolves true when signed in. The caller clears its password field either way. */
  signInWithEmail(profileId: string, email: string, password: string): Promise<boolean>;
  signInWithBrowser(profileId: string): Promise<void>;
  startDevice(profileId: string): Promise<void>;
  /** `confirmedOrigin`: the approval origin the person confirmed when it is not the profile's. */
  openApprovalPage(profileId: string, confirmedOrigin?: string): Promise<void>;
  cancelDevice(profileId: string): Promise<void>;
  resetDevice(): void;
  signOut(profileId: string): Promise<void>;
}

type SetAuth = StoreApi<AuthStore>['setState'];
type GetAuth = StoreApi<AuthStore>['getState'];

/** The device sign-in actions (code, approval page, pushed result), apart from email and browser sign-in. */
function deviceActions(
  set: SetAuth,
  get: GetAuth,
): Pick<AuthStore, 'start' | 'startDevice' | 'openApprovalPage' | 'cancelDevice' | 'resetDevice'> {
  return {
    start() {
      return lw().events.on('auth.deviceResult', (result) => {
        const device = get().device;
        if (device.phase !== 'waiting' || device.profileId !== result.profileId) return;
        set({ device: { phase: 'done', outcome: result.outcome, message: result.message } });
      });
    },

    async startDevice(profileId) {
      set({ device: { phase: 'starting' } });
      const result = await call(() => lw().auth.startDeviceSignIn({ profileId }));
      if (!result.ok) {
        set({ device: { phase: 'done', outcome: 'failed', message: result.error.message } });
        return;
      }
      const { userCode, expiresAt, approvalOrigin, deploymentOrigin } = result.value;
      set({
        device: { phase: 'waiting', profileId, userCode, expiresAt, approvalOrigin, deploymentOrigin, openError: null },
      });
    },

    async openApprovalPage(profileId, confirmedOrigin) {
      const result = await call(() =>
        lw().auth.openVerificationPage({ profileId, ...(confirmedOrigin ? { confirmedOrigin } : {}) }),
      );
      const device = get().device;
      if (device.phase === 'waiting') set({ device: { ...device, openError: result.ok ? null : result.error } });
    },

    async cancelDevice(profileId) {
      await call(() => lw().auth.cancelDeviceSignIn({ profileId }));
    },

    resetDevice() {
      set({ device: { phase: 'idle' } });
    },
  };
}

/** Sign-in state of the sign-in screen. Holds no password: forms keep it only until submit. */
export const useAuthStore = create<AuthStore>((set, get) => ({
  methods: null,
  emailBusy: false,
  emailError: null,
  rateLimitedUntil: null,
  browserBusy: false,
  browserError: null,
  browserCancelled: false,
  device: { phase: 'idle' },
  signOutError: null,
  ...deviceActions(set, get),

  async loadMethods(profileId) {
    // Another deployment: the previous one's sign-in messages no longer apply.
    const switched = get().methods?.profileId !== profileId;
    set({
      methods: { profileId, value: null, error: null, loading: true },
      ...(switched ? { emailError: null, browserError: null, browserCancelled: false, rateLimitedUntil: null } : {}),
    });
    const result = await call(() => lw().auth.methods({ profileId }));
    if (get().methods?.profileId !== profileId) return;
    set({
      methods: {
        profileId,
        value: result.ok ? result.value : null,
        error: result.ok ? null : result.error,
        loading: false,
      },
    });
  },

  async signInWithEmail(profileId, email, password) {
    set({ emailBusy: true, emailError: null });
    const result = await call(() => lw().auth.signInWithEmail({ profileId, email, password }));
    if (result.ok) {
      set({ emailBusy: false, emailError: null, rateLimitedUntil: null });
      return true;
    }
    const wait = result.error.code === 'auth.rate_limited' ? result.error.details?.retryAfterSec : undefined;
    set({
      emailBusy: false,
      emailError: result.error,
      rateLimitedUntil: typeof wait === 'number' ? Date.now() + wait * 1000 : get().rateLimitedUntil,
    });
    return false;
  },

  async signInWithBrowser(profileId) {
    set({ browserBusy: true, browserError: null, browserCancelled: false });
    const result = await call(() => lw().auth.signInWithBrowser({ profileId }));
    if (result.ok)
      set({ browserBusy: false, browserCancelled: result.value.outcome === 'cancelled', emailError: null });
    else set({ browserBusy: false, browserError: result.error });
  },

  async signOut(profileId) {
    const result = await call(() => lw().auth.signOut({ profileId }));
    set({ signOutError: result.ok ? null : result.error, device: { phase: 'idle' }, emailError: null });
  },
}));
