import { create } from 'zustand';
import type { ConnectionState } from '../../src-shared/domain/connection';
import type { ErrorData } from '../../src-shared/errors';
import { followEvent } from '../api/follow-event';
import { call, lw } from '../api/lw';

interface ConnectionStore {
  /** null until the first answer from main. */
  state: ConnectionState | null;
  error: ErrorData | null;
  /** Loads the state once and follows `connection.changed`; returns the unsubscribe. */
  start(): Promise<() => void>;
  selectOrganization(organizationId: string): Promise<void>;
  selectProfile(profileId: string): Promise<void>;
}

/** The connection as main sees it: profiles, session, organisations, permissions. */
export const useConnectionStore = create<ConnectionStore>((set) => ({
  state: null,
  error: null,
  start: () =>
    followEvent(
      'connection.changed',
      (state) => set({ state, error: null }),
      () => lw().connection.get({}),
      (result) => set(result.ok ? { state: result.value } : { error: result.error }),
    ),
  async selectOrganization(organizationId) {
    const result = await call(() => lw().connection.selectOrganization({ organizationId }));
    set(result.ok ? { state: result.value, error: null } : { error: result.error });
  },
  async selectProfile(profileId) {
    const result = await call(() => lw().connection.selectProfile({ profileId }));
    set(result.ok ? { state: result.value, error: null } : { error: result.error });
  },
}));

/** Convenience selectors used across features. */
export const selectActiveOrganization = (s: ConnectionStore) =>
  s.state?.organizations.find((o) => o.id === s.state?.activeOrganizationId) ?? null;
export const selectCanManage = (s: ConnectionStore) => Boolean(s.state?.permissions?.canManage) && !s.state?.readOnly;
