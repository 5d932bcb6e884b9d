import { create } from 'zustand';
import type { AuthState } from '../../src-shared/domain/auth';
import type { ErrorData } from '../../src-shared/errors';
import { followEvent } from '../api/follow-event';
import { call, lw } from '../api/lw';

interface AuthStateStore {
  /** null until the first answer from main. */
  state: AuthState | null;
  error: ErrorData | null;
  /** Loads the state once and follows `auth.changed`; returns the unsubscribe. */
  start(): Promise<() => void>;
  selectOrganization(organizationId: string): Promise<void>;
  selectProfile(profileId: string): Promise<void>;
}

/** The auth as main sees it: profiles, session, organisations, permissions. */
export const useAuthStateStore = create<AuthStateStore>((set) => ({
  state: null,
  error: null,
  start: () =>
    followEvent(
      'auth.changed',
      (state) => set({ state, error: null }),
      () => lw().auth.get({}),
      (result) => set(result.ok ? { state: result.value } : { error: result.error }),
    ),
  async selectOrganization(organizationId) {
    const result = await call(() => lw().auth.selectOrganization({ organizationId }));
    set(result.ok ? { state: result.value, error: null } : { error: result.error });
  },
  async selectProfile(profileId) {
    const result = await call(() => lw().auth.selectProfile({ profileId }));
    set(result.ok ? { state: result.value, error: null } : { error: result.error });
  },
}));

/** Convenience selectors used across features. */
export const selectActiveOrganization = (s: AuthStateStore) =>
  s.state?.organizations.find((o) => o.id === s.state?.activeOrganizationId) ?? null;
export const selectCanManage = (s: AuthStateStore) => Boolean(s.state?.permissions?.canManage) && !s.state?.readOnly;
