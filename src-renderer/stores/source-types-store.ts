import { create } from 'zustand';
import type { ErrorData } from '../../src-shared/errors';
import type { SourceDraftInput } from '../../src-shared/domain/source-draft';
import type { IpcResult } from '../../src-shared/ipc/define';
import type { SourceEditInput } from '../../src-shared/domain/source-edit-form';
import {
  sourcesPlanChannel,
  stageSourceChannel,
  stageSourceEditChannel,
  type SourcesPlan,
  type StageAnswer,
} from '../api/pending-channels';

interface SourceTypesState {
  /** The organisation's plan as LangWatch told it; null until answered (or when it could not be read). */
  plan: SourcesPlan | null;
  /** Why the plan is not known (the channel failed); null while loading or known. */
  planError: ErrorData | null;
  loadPlan(): Promise<void>;
  /** Stages a new source of any type in the outbox (`outbox.stageSource`). */
  stageSource(draft: SourceDraftInput): Promise<IpcResult<StageAnswer>>;
  /** Stages an edit of an existing source of any type (`outbox.stageSourceEdit`). */
  stageSourceEdit(input: SourceEditInput): Promise<IpcResult<StageAnswer>>;
}

/**
 * Sources of every type: the plan gate the composer states up front, and the two staging
 * actions. Each IPC call sits in exactly one action, so wiring a renamed channel is one line.
 */
export const useSourceTypesStore = create<SourceTypesState>((set) => ({
  plan: null,
  planError: null,
  async loadPlan() {
    const r = await sourcesPlanChannel({});
    // A failed read leaves the plan unknown: the composer says so and lets the server decide.
    set(r.ok ? { plan: r.value, planError: null } : { plan: null, planError: r.error });
  },
  stageSource: (draft) => stageSourceChannel(draft),
  stageSourceEdit: (input) => stageSourceEditChannel(input),
}));
