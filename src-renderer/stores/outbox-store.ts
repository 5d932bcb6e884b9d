import { create } from 'zustand';
import { OPEN_OUTBOX_STATES, type OutboxEntryView } from '../../src-shared/domain/outbox';
import type { ErrorData } from '../../src-shared/errors';
import { followEvent } from '../api/follow-event';
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
  start: () =>
    followEvent(
      'outbox.changed',
      (entries) => set({ entries, error: null }),
      () => lw().outbox.list({}),
      (result) => set(result.ok ? { entries: result.value } : { error: result.error }),
    ),
  async retryNow(stagedId) {
    const result = await call(() => lw().outbox.retryNow({ stagedId }));
    return result.ok ? null : result.error;
  },
  async discard(stagedId) {
    const result = await call(() => lw().outbox.discard({ stagedId }));
    return result.ok ? null : result.error;
  },
}));

/** This person's open entries (the nav badge): another person's entry is never counted as yours. */
export const selectOpenCount = (s: OutboxStore) =>
  s.entries.filter((e) => e.access === 'mine' && OPEN_OUTBOX_STATES.includes(e.state)).length;
