/**
 * One health signal per source row, derived only from what is known: status, archive,
 * schedule, the last key verdict this console saw, and ages. PURE (zod and src-shared only).
 *
 * Clocks: every age here is server time minus server time. `serverNowMs` is the deployment's
 * own clock (its `Date` header on the last list answer) moved on by a duration this console
 * measured itself; `createdAt` and `lastEventAt` are the server's. This machine's clock is
 * never compared with a server timestamp (it may be minutes or days off), and when the
 * server's clock is not known the age is shown as unknown rather than guessed.
 */
import type { HealthKind } from './health-kind';
import type { KeyVerdictKind } from './key-verdict';
import { isKnownSourceStatus } from './langwatch';
import type { Tone } from './look';
import type { ScheduleWords } from './schedule-fact';
import { HEALTH_LOOK } from './state-looks';

export { HEALTH_KINDS, healthRank, type HealthKind } from './health-kind';

/** The signal of one row. */
export interface HealthSignal {
  kind: HealthKind;
  label: string;
  /** Why, in a sentence (tooltip and screen readers). */
  reason: string;
  tone: Tone;
  /** Counted in "N need attention". */
  attention: boolean;
}

/** What the signal is derived from. */
export interface HealthInputs {
  sourceType: string;
  /** The server's status; a value this console does not know is passed through as is. */
  status: string;
  archived: boolean;
  createdAt: string;
  lastEventAt: string | null;
  schedule: Pick<ScheduleWords, 'cadenceSec' | 'scheduled'>;
  /** The last key verdict this console saw for the key it sent; null when none. */
  keyVerdict: KeyVerdictKind | null;
  /** The deployment's clock now (see the module comment); null when unknown. */
  serverNowMs: number | null;
}

/** Cadences a source may wait for its first event before it counts as new no longer. */
export const NEW_WITHIN_CADENCES = 2;
/** Cadences after which waiting (or silence) needs attention. */
export const ATTENTION_AFTER_CADENCES = 4;
/**
 * How long a source may wait for its first event (or stay silent) when its cadence is not
 * known: a stated default, so a source is never judged on what this console happens to know.
 */
export const DEFAULT_ATTENTION_AFTER_SEC = 24 * 3600;

/** Types LangWatch pulls on a schedule (the others are pushed to it and have none). */
const PULLED_TYPES = new Set(['claude_compliance', 'openai_compliance', 'anthropic_admin', 'databricks_genie']);

/** A bad or warning tone needs attention ("N need attention" counts it). */
export function needsAttention(tone: Tone): boolean {
  return tone === 'bad' || tone === 'warn';
}

/** The signal of one source. */
export function healthOf(input: HealthInputs): HealthSignal {
  const signal = (kind: HealthKind, reason: string, label: string = HEALTH_LOOK[kind].label): HealthSignal => ({
    kind,
    label,
    reason,
    tone: HEALTH_LOOK[kind].tone,
    attention: needsAttention(HEALTH_LOOK[kind].tone),
  });
  if (input.archived) return signal('archived', 'Archived: LangWatch never pulls it again.');
  if (input.status === 'disabled') return signal('disabled', 'Disabled by an admin: LangWatch does not pull it.');
  if (!isKnownSourceStatus(input.status)) {
    return signal('unknown', `The server reports the status "${input.status}", which this console does not know.`);
  }
  if (input.keyVerdict === 'invalid_key' || input.keyVerdict === 'missing_scope') {
    const why =
      input.keyVerdict === 'invalid_key' ? 'Anthropic rejected the key' : 'the key lacks read:compliance_activities';
    return signal('key_problem', `The last key check here failed: ${why}.`);
  }
  const pulled = PULLED_TYPES.has(input.sourceType);
  if (pulled && input.schedule.scheduled === false)
    return signal('never_pulled', 'No pull schedule: LangWatch never pulls this source.');
  const cadence = input.schedule.cadenceSec;
  if (input.status === 'awaiting_first_event') return awaiting(input, cadence, signal);
  if (input.lastEventAt === null) return signal('healthy', 'Active.');
  const silentSec = ageSec(input.serverNowMs, input.lastEventAt);
  if (silentSec === null) return signal('unjudged', UNJUDGED_REASON);
  const limit = attentionLimit(cadence);
  if (silentSec > limit.sec) {
    return signal(
      'silent',
      `Active, but no event for ${formatDuration(silentSec)} (${limit.words}).`,
      noEventIn(silentSec),
    );
  }
  return signal('healthy', 'Active: pulls bring events.');
}

type Signal = (kind: HealthKind, reason: string, label?: string) => HealthSignal;

const UNJUDGED_REASON = "Not judged: its age is unknown until the deployment's clock is read.";

/** "No event in 126 days": the label of a source that waited or stayed silent too long. */
function noEventIn(sec: number): string {
  return `No event in ${formatDuration(sec)}`;
}

/** After how long waiting or silence needs attention, and why that long. */
export function attentionLimit(cadence: number | null): { sec: number; words: string } {
  if (cadence === null) {
    return {
      sec: DEFAULT_ATTENTION_AFTER_SEC,
      words: `longer than the ${formatDuration(DEFAULT_ATTENTION_AFTER_SEC)} default, as its schedule is unknown`,
    };
  }
  return { sec: ATTENTION_AFTER_CADENCES * cadence, words: `more than ${ATTENTION_AFTER_CADENCES} pulls` };
}

function awaiting(input: HealthInputs, cadence: number | null, signal: Signal): HealthSignal {
  const age = ageSec(input.serverNowMs, input.createdAt);
  if (age === null) return signal('unjudged', UNJUDGED_REASON);
  const limit = attentionLimit(cadence);
  if (age > limit.sec) {
    return signal('waiting_too_long', `No event after ${formatDuration(age)}: ${limit.words}.`, noEventIn(age));
  }
  if (cadence === null) {
    const why = PULLED_TYPES.has(input.sourceType) ? 'the pull schedule is unknown' : 'it waits for a first push';
    return signal('awaiting', `Awaiting its first event for ${formatDuration(age)}; ${why}.`);
  }
  if (age < NEW_WITHIN_CADENCES * cadence)
    return signal('new', `Created ${formatDuration(age)} ago: younger than ${NEW_WITHIN_CADENCES} pulls.`);
  return signal('awaiting', `Awaiting its first event for ${formatDuration(age)}.`);
}

/** Server now minus a server timestamp, in seconds; null when either is unknown. */
export function ageSec(serverNowMs: number | null, iso: string | null): number | null {
  if (serverNowMs === null || iso === null) return null;
  const at = Date.parse(iso);
  return Number.isFinite(at) ? Math.max(0, (serverNowMs - at) / 1000) : null;
}

/** "40 s", "12 min", "3 h 5 min", "20 h", "126 days": minutes, hours and days, never "182465 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 48 * 3600) {
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return h >= 10 || m === 0 ? `${h} h` : `${h} h ${m} min`;
  }
  return `${Math.floor(s / 86_400)} days`;
}
