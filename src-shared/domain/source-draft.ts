/**
 * A source of any type as the composer sends it to main (`outbox.stageSource`): its type, the
 * common fields, the non-secret field values and the secret unit. Checked against the type's
 * catalog entry: unknown keys, a secret sent as a plain value (or the reverse) and missing
 * required fields are refused with the field named. Never echoes a secret in a message.
 */
import { z } from 'zod';
import { SOURCE_DESCRIPTION_MAX, SOURCE_NAME_MAX } from './composer';
import { SourceType } from './langwatch';
import { catalogEntry } from './source-catalog';
import { cadenceSecSchema } from './cadence';
import { pullScheduleSchema } from './cron';
import { sourceRuleIssues } from './source-rules';

/** Longest plain field value (a mapping DSL can be long). */
export const FIELD_VALUE_MAX = 20_000;
/** Longest secret field value. */
export const SECRET_VALUE_MAX = 4_096;

const fieldKey = z.string().min(1).max(64);

export const SourceDraftShape = z
  .object({
    sourceType: SourceType,
    name: z.string().trim().min(1, 'Give the source a name.').max(SOURCE_NAME_MAX),
    description: z
      .string()
      .trim()
      .max(SOURCE_DESCRIPTION_MAX)
      .optional()
      .transform((d) => (d ? d : undefined)),
    teamId: z
      .string()
      .trim()
      .max(128)
      .nullable()
      .optional()
      .transform((t) => (t ? t : null)),
    /** Non-secret field values by field key (trimmed; empty means "not given"). */
    values: z.record(fieldKey, z.string().max(FIELD_VALUE_MAX)).default({}),
    /** Secret field values by field key: staged in the keychain as one unit. */
    secrets: z.record(fieldKey, z.string().max(SECRET_VALUE_MAX)).default({}),
    pollEverySec: cadenceSecSchema.optional(),
    pullSchedule: pullScheduleSchema.optional(),
  })
  .strict();

/** The draft after validation: empty values dropped, everything trimmed. */
export const SourceDraft = SourceDraftShape.transform((d) => ({
  ...d,
  values: nonEmpty(d.values),
  secrets: nonEmpty(d.secrets),
})).superRefine((d, ctx) => {
  const entry = catalogEntry(d.sourceType);
  const fields = new Map(entry.fields.map((f) => [f.key, f]));
  for (const key of Object.keys(d.values)) {
    const f = fields.get(key);
    if (!f) ctx.addIssue({ code: 'custom', path: ['values', key], message: `${entry.label} has no field "${key}".` });
    else if (f.secret)
      ctx.addIssue({
        code: 'custom',
        path: ['values', key],
        message: `${f.label} is a secret and goes with the secrets.`,
      });
  }
  for (const key of Object.keys(d.secrets)) {
    const f = fields.get(key);
    if (!f?.secret)
      ctx.addIssue({ code: 'custom', path: ['secrets', key], message: `${entry.label} has no secret "${key}".` });
  }
  for (const f of entry.fields) {
    const given = f.secret ? d.secrets[f.key] : d.values[f.key];
    if (f.required && given === undefined)
      ctx.addIssue({
        code: 'custom',
        path: [f.secret ? 'secrets' : 'values', f.key],
        message: `${f.label} is required.`,
      });
    if (given !== undefined && f.kind === 'choice' && f.choices && !f.choices.includes(given))
      ctx.addIssue({
        code: 'custom',
        path: ['values', f.key],
        message: `${f.label} must be one of ${f.choices.join(', ')}.`,
      });
  }
  // Cross-field and format rules of the type (only on values that are there: missing ones are named above).
  for (const issue of sourceRuleIssues(d.sourceType, d.values, d.secrets))
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  if (!entry.scheduled && (d.pollEverySec !== undefined || d.pullSchedule !== undefined))
    ctx.addIssue({
      code: 'custom',
      path: ['pullSchedule'],
      message: `${entry.label} is pushed to LangWatch; it has no schedule.`,
    });
});
export type SourceDraftInput = z.input<typeof SourceDraftShape>;
export type SourceDraft = z.output<typeof SourceDraft>;

/** Values trimmed, empty ones dropped: what a draft, a change and a request keep. */
export function nonEmpty(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record)
      .map(([k, v]) => [k, v.trim()] as const)
      .filter(([, v]) => v !== ''),
  );
}
