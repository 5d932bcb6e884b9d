import { create } from 'zustand';
import type { WaitingIngestSecret } from '../../src-shared/domain/ingest-secret';
import { followEvent } from '../api/follow-event';
import { call, lw } from '../api/lw';
import { useAuthStateStore } from './auth-state-store';

interface IngestSecretsStore {
  /** The ingest secrets waiting for the person at the console: which sources, never a value. */
  waiting: WaitingIngestSecret[];
  /**
   * Follows `ingestSecrets.changed` (one arrived, was revealed or expired) and the auth state
   * (a sign-in change), then loads once.
   */
  start(): Promise<() => void>;
  reload(): Promise<void>;
}

/**
 * Which ingest secrets wait to be revealed. Holds nothing secret: the value itself only ever
 * lives in the reveal panel's own state. A sign-in change makes it someone else's list, so the
 * store reloads it when the auth state changes.
 */
export const useIngestSecretsStore = create<IngestSecretsStore>((set, get) => ({
  waiting: [],
  async start() {
    // A sign-in change makes it someone else's list: reload once here, not once per view.
    const offAuth = useAuthStateStore.subscribe((next, prev) => {
      if (next.state !== prev.state) void get().reload();
    });
    const off = await followEvent(
      'ingestSecrets.changed',
      () => void get().reload(),
      () => lw().ingestSecrets.list({}),
      (r) => {
        if (r.ok) set({ waiting: r.value });
      },
    );
    return () => {
      off();
      offAuth();
    };
  },
  async reload() {
    const r = await call(() => lw().ingestSecrets.list({}));
    if (r.ok) set({ waiting: r.value });
  },
}));
