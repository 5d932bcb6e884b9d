import { create } from 'zustand';
import type { ErrorData } from '../../src-shared/errors';
import type { SourceDraftInput } from '../../src-shared/domain/source-draft';
import type { SourceEdit } from '../../src-shared/domain/source-edit-form';
import type { IpcResult } from '../../src-shared/ipc/define';
import { call, lw } from '../api/lw';
import type { ChannelOutput } from '../../src-shared/ipc/contract';

/** What `sources.plan` answers; null fields = not known (the server decides, and the screen says so). */
export type SourcesPlan = ChannelOutput<'sources.plan'>;
/** What staging answers: the entry id and the fingerprint of the secret unit (null when none). */
export type StageAnswer = ChannelOutput<'outbox.stageSource'>;

/** What an edit did: the staged change (null: none) and the status now (null: not changed). */
export interface EditAnswer {
  staged: StageAnswer | null;
  status: string | null;
}

interface SourceTypesState {
  /** The organisation's plan as LangWatch told it; null until answered (or when it could not be read). */
  plan: SourcesPlan | null;
  /** Why the plan is not known (the channel failed); null while loading or known. */
  planError: ErrorData | null;
  loadPlan(): Promise<void>;
  /** Stages a new source of any type in the outbox (`outbox.stageSource`). */
  stageSource(organizationId: string, draft: SourceDraftInput): Promise<IpcResult<StageAnswer>>;
  /** Stages a change of an existing source (`outbox.stageSourceChange`), then sets its status. */
  applySourceEdit(edit: SourceEdit): Promise<IpcResult<EditAnswer>>;
}

/**
 * Sources of every type: the plan gate the composer states up front, and the two staging
 * actions. Each IPC call sits in exactly one action, so wiring a renamed channel is one line.
 */
export const useSourceTypesStore = create<SourceTypesState>((set) => ({
  plan: null,
  planError: null,
  async loadPlan() {
    const r = await call(() => lw().sources.plan({}));
    // A failed read leaves the plan unknown: the composer says so and lets the server decide.
    set(r.ok ? { plan: r.value, planError: null } : { plan: null, planError: r.error });
  },
  stageSource: (organizationId, draft) => call(() => lw().outbox.stageSource({ ...draft, organizationId })),
  async applySourceEdit({ sourceId: id, change, status }) {
    let staged: StageAnswer | null = null;
    if (change) {
      const r = await call(() => lw().outbox.stageSourceChange(change));
      if (!r.ok) return r;
      staged = r.value;
    }
    if (status === null) return { ok: true, value: { staged, status: null } };
    // Status is direct (not staged), as the compliance source's Enable/Disable always was.
    const r = await call(() => lw().sources.setStatus({ id, status }));
    return r.ok ? { ok: true, value: { staged, status: r.value.status } } : r;
  },
}));
