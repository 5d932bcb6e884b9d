/**
 * The composer's one schema: the form validates with it inline, and main validates the
 * staged submission with it again before the key touches the keychain.
 */
import { z } from 'zod';
import { cadenceSecSchema, cadenceToCron, cronToCadence } from './cadence';
import { complianceKeySchema } from './compliance-key';
import { pullScheduleSchema } from './cron';

/** Longest source name the server accepts. */
export const SOURCE_NAME_MAX = 128;
/** Longest description the console sends. */
export const SOURCE_DESCRIPTION_MAX = 2000;

const name = z
  .string({ error: 'Give the source a name.' })
  .trim()
  .min(1, 'Give the source a name.')
  .max(SOURCE_NAME_MAX, `The name can be at most ${SOURCE_NAME_MAX} characters.`);

const description = z
  .string()
  .trim()
  .max(SOURCE_DESCRIPTION_MAX, `The description can be at most ${SOURCE_DESCRIPTION_MAX} characters.`)
  .optional()
  .transform((d) => (d ? d : undefined));

const teamId = z
  .string()
  .trim()
  .max(128)
  .nullable()
  .optional()
  .transform((t) => (t ? t : null));

// How often LangWatch pulls: a fixed interval (seconds, sent as its canonical cron) or a
// custom cron (any schedule LangWatch accepts). At most one; see scheduleOf.
const schedule = { pollEverySec: cadenceSecSchema.optional(), pullSchedule: pullScheduleSchema.optional() };

/** The fields of a new `claude_compliance` source, key included (trimmed, checked). */
export const ComposerCreate = z.object({
  name,
  description,
  teamId,
  key: complianceKeySchema,
  ...schedule,
});
export type ComposerCreate = z.output<typeof ComposerCreate>;

/**
 * Re-key and/or schedule change of an existing source: the key is optional (kept when
 * absent), and so is the schedule (the server's, possibly set elsewhere, is kept when absent).
 */
export const ComposerUpdate = z.object({
  name,
  key: complianceKeySchema.optional(),
  ...schedule,
});
export type ComposerUpdate = z.output<typeof ComposerUpdate>;

/** Field name -> first message, for inline errors. Never contains the key. */
export type ComposerFieldErrors = Partial<
  Record<'name' | 'description' | 'teamId' | 'key' | 'pollEverySec' | 'pullSchedule', string>
>;

/** The schedule a submission sends: its cron, and its interval in seconds when it has a fixed one. */
export interface ScheduleChoice {
  pullSchedule: string;
  pollEverySec: number | null;
}

/**
 * The schedule chosen in parsed composer fields; null when none was chosen (an update then
 * keeps the server's schedule untouched). Both at once is refused: which one would win?
 */
export function scheduleOf(fields: {
  pollEverySec?: number | undefined;
  pullSchedule?: string | undefined;
}): ScheduleChoice | null {
  if (fields.pollEverySec !== undefined && fields.pullSchedule !== undefined) {
    throw new Error('Choose either a fixed interval or a custom schedule, not both.');
  }
  if (fields.pullSchedule !== undefined)
    return { pullSchedule: fields.pullSchedule, pollEverySec: cronToCadence(fields.pullSchedule) };
  if (fields.pollEverySec === undefined) return null;
  const cron = cadenceToCron(fields.pollEverySec);
  if (!cron.ok) throw new Error(cron.message);
  return { pullSchedule: cron.cron, pollEverySec: fields.pollEverySec };
}

/** The first message per field of a failed parse. */
export function composerFieldErrors(error: z.ZodError): ComposerFieldErrors {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    out[field] ??= issue.message;
  }
  return out as ComposerFieldErrors;
}

/**
 * The uniqueness rule: a name already used in the organisation (exact match after trimming,
 * like the server's constraint), archived sources included: LangWatch's unique index counts
 * them. `exceptSourceId` lets a source keep its own name.
 */
export function nameTakenMessage(
  candidate: string,
  existing: ReadonlyArray<{ id?: string; name: string; archived?: boolean }>,
  exceptSourceId?: string,
): string | null {
  const wanted = candidate.trim();
  if (!wanted) return null;
  const clash = existing.find(
    (s) => s.name.trim() === wanted && (exceptSourceId === undefined || s.id !== exceptSourceId),
  );
  if (!clash) return null;
  if (clash.archived) {
    return `An archived source is named "${wanted}", and LangWatch keeps archived names taken in the organisation. Choose another name.`;
  }
  return `A source named "${wanted}" already exists in this organisation. Choose another name.`;
}
