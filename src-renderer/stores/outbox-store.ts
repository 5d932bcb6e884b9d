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
  /** Discards pending their "Undo" wait (id -> refusal message, or null while waiting). */
  pendingDiscards: Record<string, { failed: string | null }>;
  /** Discards after `delayMs` unless undone; the wait survives the entry's row re-rendering. */
  discardLater(stagedId: string, delayMs: number): void;
  undoDiscard(stagedId: string): void;
}

const discardTimers = new Map<string, ReturnType<typeof setTimeout>>();

/** The outbox as the renderer sees it: states, attempts, fingerprints; never a key. */
export const useOutboxStore = create<OutboxStore>((set, get) => ({
  entries: [],
  error: null,
  pendingDiscards: {},
  discardLater(stagedId, delayMs) {
    clearTimeout(discardTimers.get(stagedId));
    set((s) => ({ pendingDiscards: { ...s.pendingDiscards, [stagedId]: { failed: null } } }));
    discardTimers.set(
      stagedId,
      setTimeout(() => {
        discardTimers.delete(stagedId);
        void get()
          .discard(stagedId)
          .then((failure) => {
            set((s) => {
              const { [stagedId]: _done, ...rest } = s.pendingDiscards;
              return { pendingDiscards: failure ? { ...rest, [stagedId]: { failed: failure.message } } : rest };
            });
          });
      }, delayMs),
    );
  },
  undoDiscard(stagedId) {
    clearTimeout(discardTimers.get(stagedId));
    discardTimers.delete(stagedId);
    set((s) => {
      const { [stagedId]: _undone, ...rest } = s.pendingDiscards;
      return { pendingDiscards: rest };
    });
  },
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
