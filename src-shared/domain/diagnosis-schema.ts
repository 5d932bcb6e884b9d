/**
 * The shapes of a diagnosis: the facts main gathers about a source, and the causes it is
 * reasoned into (diagnosis.ts). Schemas, so IPC validates them and types derive from them.
 */
import { z } from 'zod';
import { keyVerdictKindSchema } from './key-verdict';
import type { ScheduleFact } from './schedule-fact';

const Iso = z.iso.datetime({ offset: true });

/** A key check: the one this console remembers for the source, or one the admin just ran. */
export const KeyCheckFact = z.object({
  verdict: keyVerdictKindSchema,
  requestId: z.string().nullable(),
  checkedAt: Iso,
  fingerprint: z.string().max(64),
  /** `recorded`: remembered from an automatic key check or "Test key"; `just_now`: run from this diagnosis. */
  origin: z.enum(['recorded', 'just_now']),
});
export type KeyCheckFact = z.infer<typeof KeyCheckFact>;

/** A preview of the compliance feed with that key. */
export const FeedFact = z.object({
  activities: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  fetchedAt: Iso,
  requestId: z.string().nullable(),
});
export type FeedFact = z.infer<typeof FeedFact>;

const ScheduleFactSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('server'), cron: z.string().nullable() }),
  z.object({ kind: z.literal('console'), cron: z.string(), at: Iso }),
  z.object({ kind: z.literal('unknown') }),
]) satisfies z.ZodType<ScheduleFact>;

/**
 * Where the source's health read (its events in 30 days) stands. It has a deadline of its own
 * and arrives after the other facts: the diagnosis is shown at once with it `loading`, and the
 * row fills in when the answer comes (or says why it is unavailable).
 */
export const HealthReadFact = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('loading') }),
  z.object({ kind: z.literal('ok') }),
  z.object({ kind: z.literal('enterprise_required') }),
  z.object({ kind: z.literal('forbidden') }),
  z.object({ kind: z.literal('unavailable'), reason: z.string().max(500) }),
]);
export type HealthReadFact = z.infer<typeof HealthReadFact>;

/** What the console knows about one source. */
export const DiagnosisFacts = z.object({
  sourceId: z.string(),
  sourceType: z.string(),
  /** The server's status; a value from a newer server is kept as is. */
  status: z.string(),
  archivedAt: Iso.nullable(),
  /** Server clock minus `createdAt` (both the server's); null when the server clock is unknown. */
  ageSec: z.number().nonnegative().nullable(),
  schedule: ScheduleFactSchema,
  /** When and with which key (fingerprint) this console last sent a key; null = never here. */
  keyedHere: z.object({ at: Iso, fingerprint: z.string().max(64) }).nullable(),
  keyCheck: KeyCheckFact.nullable(),
  feed: FeedFact.nullable(),
  /** Enterprise org (health available); null when unknown. */
  enterprise: z.boolean().nullable(),
  events30d: z.number().nullable(),
  /** Health's newest event time within 30 days (server clock). */
  lastEventIn30d: z.string().nullable(),
  /** The health read behind the three facts above; absent = read and answered (ok or null). */
  health: HealthReadFact.optional(),
  /**
   * Failed pulls in a row (newer LangWatch versions only; null = not reported) and, when this
   * console watched it change, the first count it saw and how long ago (measured here).
   */
  errors: z
    .object({
      count: z.number().int().nonnegative(),
      since: z.object({ count: z.number().int().nonnegative(), secondsAgo: z.number().nonnegative() }).nullable(),
    })
    .nullable(),
});
export type DiagnosisFacts = z.infer<typeof DiagnosisFacts>;

/** How strong a cause's evidence is; causes come strongest first. */
export const Evidence = z.enum(['confirmed', 'likely', 'possible']);
export type Evidence = z.infer<typeof Evidence>;

/** The action that fixes or confirms a cause (the detail view maps each to a button). */
export const DiagnosisAction = z.enum([
  'replace_key',
  'set_schedule',
  'test_key',
  'enable',
  'wait',
  'ask_operator',
  'create_new',
]);
export type DiagnosisAction = z.infer<typeof DiagnosisAction>;

export const CauseId = z.enum([
  'archived',
  'disabled',
  'key_rejected',
  'no_schedule',
  'not_due_yet',
  'feed_empty',
  'puller_failing',
  'key_never_sent_here',
  'key_unchecked',
  'schedule_unknown',
  'feed_unknown',
]);
export type CauseId = z.infer<typeof CauseId>;

export const Cause = z.object({
  id: CauseId,
  title: z.string(),
  evidence: z.string(),
  strength: Evidence,
  action: DiagnosisAction,
  /** The fix or the question, in a sentence. */
  fix: z.string(),
});
export type Cause = z.infer<typeof Cause>;

export const Diagnosis = z.object({
  /** False for an active source or another type: nothing to diagnose. */
  applies: z.boolean(),
  known: z.array(z.object({ label: z.string(), value: z.string(), unknown: z.boolean() })),
  causes: z.array(Cause),
});
export type Diagnosis = z.infer<typeof Diagnosis>;
