import { create } from 'zustand';
import type { RecordedKeyVerdict } from '../../src-shared/domain/key-check';
import { followEvent } from '../api/follow-event';
import { lw } from '../api/lw';

interface KeyChecksState {
  /** The most recent verdict of each staged entry and each source (no secret: verdicts and fingerprints). */
  byStagedId: Record<string, RecordedKeyVerdict>;
  bySourceId: Record<string, RecordedKeyVerdict>;
  started: boolean;
  /** Loads the remembered verdicts once and follows `keyChecks.verdictRecorded`; returns the unsubscribe. */
  start(): Promise<() => void>;
}

/** The last key verdicts main remembers, for staged entries and the diagnosis of sources. */
export const useKeyChecksStore = create<KeyChecksState>((set, get) => ({
  byStagedId: {},
  bySourceId: {},
  started: false,
  async start() {
    if (get().started) return () => undefined;
    set({ started: true });
    const off = await followEvent(
      'keyChecks.verdictRecorded',
      (recorded) =>
        set((s) => ({
          byStagedId: recorded.stagedId === null ? s.byStagedId : { ...s.byStagedId, [recorded.stagedId]: recorded },
          bySourceId: recorded.sourceId === null ? s.bySourceId : { ...s.bySourceId, [recorded.sourceId]: recorded },
        })),
      () => lw().keyChecks.lastVerdicts({}),
      (result) => {
        // Events that arrived meanwhile are newer than the snapshot: they win.
        if (result.ok)
          set((s) => ({
            byStagedId: { ...result.value.byStagedId, ...s.byStagedId },
            bySourceId: { ...result.value.bySourceId, ...s.bySourceId },
          }));
      },
    );
    return () => {
      off();
      set({ started: false });
    };
  },
}));
