import { create } from 'zustand';
import type { Source } from '../../src-shared/domain/langwatch';

interface SourcesState {
  /** Server sources of the active organisation (not archived ones unless the server sends them). */
  sources: Source[];
  /** ISO time of the last successful refresh, null before the first. */
  updatedAt: string | null;
}

/** Live list of ingestion sources, fed by the main-process status monitor. */
export const useSourcesStore = create<SourcesState>(() => ({
  sources: [],
  updatedAt: null,
}));
