/**
 * What the summary strip may say about the whole list. PURE (src-shared only).
 *
 * "Nothing needs attention" is a claim about every source: it is made only when the list is
 * loaded and fresh and every listed source was judged on facts. A list that failed, is out of
 * date, could not be read for lack of permission, or holds rows that could not be judged says
 * so instead: not knowing is a state of its own, never an all-clear.
 */
import type { HealthKind, HealthSignal } from './source-health';

/** The state of the list the signals were derived from. */
export type ListState =
  /** No answer yet. */
  | 'loading'
  /** The last answer is the current one. */
  | 'fresh'
  /** Rows from an earlier answer; the latest refresh failed or the machine is offline. */
  | 'stale'
  /** No list at all: the first load failed. */
  | 'failed'
  /** The session may not read the list (no `ingestionSources:view`). */
  | 'no_access';

/** Signals that are not a judgement: the row is listed, but nothing is known of its health. */
export const UNJUDGED_KINDS: ReadonlySet<HealthKind> = new Set<HealthKind>(['unjudged', 'unknown']);

/** The strip's headline. */
export interface AttentionSummary {
  /** `attention`: some need it; `clear`: every row judged, none needs it; `unsure`: no all-clear can be given. */
  verdict: 'attention' | 'clear' | 'unsure';
  /** Sources that need attention (among those judged). */
  attention: number;
  /** Listed sources that could not be judged. */
  unjudged: number;
  /** The sentence, e.g. "3 need attention · 2 not judged" or "Nothing needs attention". */
  text: string;
}

const LIST_WORDS: Record<Exclude<ListState, 'fresh'>, string> = {
  loading: 'Loading the list: nothing judged yet',
  stale: 'List out of date: the last refresh failed',
  failed: 'The list did not load: health unknown',
  no_access: 'No permission to view sources: health unknown',
};

/** The headline for a list in `list` state whose rows carry `signals`. */
export function summarizeAttention(signals: Iterable<HealthSignal>, list: ListState): AttentionSummary {
  let attention = 0;
  let unjudged = 0;
  for (const s of signals) {
    if (s.attention) attention += 1;
    else if (UNJUDGED_KINDS.has(s.kind)) unjudged += 1;
  }
  const parts: string[] = [];
  if (attention > 0) parts.push(`${attention} need${attention === 1 ? 's' : ''} attention`);
  if (unjudged > 0) parts.push(`${unjudged} not judged`);
  if (list !== 'fresh') parts.push(LIST_WORDS[list]);
  if (attention > 0) return { verdict: 'attention', attention, unjudged, text: parts.join(' · ') };
  if (parts.length > 0) return { verdict: 'unsure', attention, unjudged, text: parts.join(' · ') };
  return { verdict: 'clear', attention, unjudged, text: 'Nothing needs attention' };
}

/** The list state from what the monitor reported: phase, whether it ever answered, and an error. */
export function listStateOf(input: {
  phase: 'idle' | 'running' | 'paused_offline' | 'error' | null;
  everLoaded: boolean;
  errorCode: string | null;
}): ListState {
  if (input.errorCode === 'langwatch.forbidden') return 'no_access';
  if (input.phase === null) return input.errorCode ? 'failed' : 'loading';
  if (input.phase === 'error' || input.phase === 'paused_offline') return input.everLoaded ? 'stale' : 'failed';
  if (input.phase === 'idle') return 'loading';
  return input.everLoaded ? 'fresh' : 'loading';
}
