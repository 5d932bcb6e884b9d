import { create } from 'zustand';
import type { WaitingIngestSecret } from '../../src-shared/domain/ingest-secret';
import { followEvent } from '../api/follow-event';
import { call, lw } from '../api/lw';

interface IngestSecretsStore {
  /** The ingest secrets waiting for the person at the console: which sources, never a value. */
  waiting: WaitingIngestSecret[];
  /** Follows `ingestSecrets.changed` (one arrived, was revealed or expired), then loads once. */
  start(): Promise<() => void>;
  reload(): Promise<void>;
}

/**
 * Which ingest secrets wait to be revealed. Holds nothing secret: the value itself only ever
 * lives in the reveal panel's own state. A sign-in change makes it someone else's list, so the
 * views reload it when the auth state changes.
 */
export const useIngestSecretsStore = create<IngestSecretsStore>((set, get) => ({
  waiting: [],
  start: () =>
    followEvent(
      'ingestSecrets.changed',
      () => void get().reload(),
      () => lw().ingestSecrets.list({}),
      (r) => {
        if (r.ok) set({ waiting: r.value });
      },
    ),
  async reload() {
    const r = await call(() => lw().ingestSecrets.list({}));
    if (r.ok) set({ waiting: r.value });
  },
}));
