import { create } from 'zustand';
import { OPEN_OUTBOX_STATES, type OutboxEntryView } from '../../src-shared/domain/outbox';
import type { ErrorData } from '../../src-shared/errors';
import { call, lw } from '../api/lw';

interface OutboxStore {
  /** Every entry (open ones first), as main pushes them on `outbox.changed`. */
  entries: OutboxEntryView[];
  error: ErrorData | null;
  /** Loads the list and follows `outbox.changed`; returns the unsubscribe. */
  start(): Promise<() => void>;
  retryNow(stagedId: string): Promise<ErrorData | null>;
  discard(stagedId: string): Promise<ErrorData | null>;
}

/** The outbox as the renderer sees it: states, attempts, fingerprints; never a key. */
export const useOutboxStore = create<OutboxStore>((set) => ({
  entries: [],
  error: null,
  async start() {
    const off = lw().events.on('outbox.changed', (entries) => set({ entries, error: null }));
    const result = await call(() => lw().outbox.list({}));
    if (result.ok) set({ entries: result.value });
    else set({ error: result.error });
    return off;
  },
  async retryNow(stagedId) {
    const result = await call(() => lw().outbox.retryNow({ stagedId }));
    return result.ok ? null : result.error;
  },
  async discard(stagedId) {
    const result = await call(() => lw().outbox.discard({ stagedId }));
    return result.ok ? null : result.error;
  },
}));

/** How many entries still need the worker or the admin (the nav badge). */
export const selectOpenCount = (s: OutboxStore) => s.entries.filter((e) => OPEN_OUTBOX_STATES.includes(e.state)).length;
