import { create } from 'zustand';
import type { ErrorData } from '../../src-shared/errors';
import { call, lw } from '../api/lw';

interface ProfilesStore {
  busy: boolean;
  error: ErrorData | null;
  /** Checks a typed URL; resolves with the normalised URL or the reason it is not valid. */
  checkUrl(baseUrl: string): Promise<{ ok: true; baseUrl: string } | { ok: false; message: string }>;
  add(input: { name?: string; baseUrl: string }): Promise<string | null>;
  edit(profileId: string, patch: { name?: string; baseUrl?: string }): Promise<boolean>;
  forget(profileId: string): Promise<boolean>;
}

/** Deployment profiles: add, edit, forget (the list itself is in the auth state). */
export const useProfilesStore = create<ProfilesStore>((set) => ({
  busy: false,
  error: null,
  async checkUrl(baseUrl) {
    const result = await call(() => lw().profiles.checkUrl({ baseUrl }));
    return result.ok ? { ok: true, baseUrl: result.value.baseUrl } : { ok: false, message: result.error.message };
  },
  async add(input) {
    set({ busy: true, error: null });
    const result = await call(() => lw().profiles.add(input));
    set({ busy: false, error: result.ok ? null : result.error });
    return result.ok ? result.value.id : null;
  },
  async edit(profileId, patch) {
    set({ busy: true, error: null });
    const result = await call(() => lw().profiles.edit({ profileId, ...patch }));
    set({ busy: false, error: result.ok ? null : result.error });
    return result.ok;
  },
  async forget(profileId) {
    set({ busy: true, error: null });
    const result = await call(() => lw().profiles.remove({ profileId }));
    set({ busy: false, error: result.ok ? null : result.error });
    return result.ok;
  },
}));
