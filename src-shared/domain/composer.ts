/**
 * The composer's one schema: the form validates with it inline, and main validates the
 * staged submission with it again before the key touches the keychain.
 */
import { z } from 'zod';
import { cadenceSecSchema } from './cadence';
import { complianceKeySchema } from './compliance-key';

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

const teamId = z.string().trim().max(128).nullable().optional().transform((t) => (t ? t : null));

/** The fields of a new `claude_compliance` source, key included (trimmed, checked). */
export const ComposerCreate = z.object({
  name,
  description,
  teamId,
  key: complianceKeySchema,
  pollEverySec: cadenceSecSchema,
});
export type ComposerCreate = z.output<typeof ComposerCreate>;

/** Re-key and/or cadence change of an existing source: the key is optional (kept when absent). */
export const ComposerUpdate = z.object({
  name,
  key: complianceKeySchema.optional(),
  pollEverySec: cadenceSecSchema,
});
export type ComposerUpdate = z.output<typeof ComposerUpdate>;

/** Field name -> first message, for inline errors. Never contains the key. */
export type ComposerFieldErrors = Partial<Record<'name' | 'description' | 'teamId' | 'key' | 'pollEverySec', string>>;

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
 * like the server's constraint). `exceptSourceId` lets a source keep its own name.
 */
export function nameTakenMessage(
  candidate: string,
  existing: ReadonlyArray<{ id?: string; name: string }>,
  exceptSourceId?: string,
): string | null {
  const wanted = candidate.trim();
  if (!wanted) return null;
  const clash = existing.find((s) => s.name.trim() === wanted && (exceptSourceId === undefined || s.id !== exceptSourceId));
  return clash ? `A source named "${wanted}" already exists in this organisation. Choose another name.` : null;
}
