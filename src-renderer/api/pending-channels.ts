/**
 * Channels of issue 20 that other rooms add to the IPC contract (rooms `out` and `core`):
 * `outbox.stageSource`, `outbox.stageSourceChange` and `sources.plan`. Until they are in
 * `IPC_CONTRACT`, `window.lw` has no such function; this is the one place that reaches for
 * them, and a build without them answers `ipc.unknown_channel` (said on screen), never a
 * pretend success. At merge each function becomes a plain `lw().<domain>.<verb>(input)`.
 */
import type { SourceDraftInput } from '../../src-shared/domain/source-draft';
import type { PlanFacts } from '../../src-shared/domain/source-form';
import type { SourceChangeInput } from '../../src-shared/domain/source-edit-form';
import type { IpcResult } from '../../src-shared/ipc/define';
import { call, lw } from './lw';

/** What `sources.plan` answers; null = not known (the server decides, and the screen says so). */
export type SourcesPlan = PlanFacts;

/** What staging answers: the entry id; the fingerprint of the secret unit (null when none). */
export interface StageAnswer {
  stagedId: string;
  fingerprint: string | null;
  warning?: string;
}

type Verb<I, O> = (input: I) => Promise<IpcResult<O>>;

function pending<I, O>(domain: string, verb: string): Verb<I, O> {
  return (input) => {
    const api = lw() as unknown as Record<string, Record<string, Verb<I, O> | undefined> | undefined>;
    const fn = api[domain]?.[verb];
    if (!fn)
      return Promise.resolve({
        ok: false,
        error: {
          code: 'ipc.unknown_channel',
          message: `This console build cannot do that yet: it has no “${domain}.${verb}”.`,
        },
      });
    return call(() => fn(input));
  };
}

/** A `SourceDraft` and the organisation it is staged for. */
export const stageSourceChannel = pending<SourceDraftInput & { organizationId: string }, StageAnswer>(
  'outbox',
  'stageSource',
);
export const stageSourceChangeChannel = pending<SourceChangeInput, StageAnswer>('outbox', 'stageSourceChange');
export const sourcesPlanChannel = pending<Record<string, never>, SourcesPlan>('sources', 'plan');
