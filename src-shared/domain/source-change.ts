/**
 * A change of an existing source of any type, as the edit form sends it to main
 * (`outbox.stageSourceChange`) and as a waiting update entry is edited (`outbox.editSource`):
 * its name (the current one, or a new one), the description (absent: kept, null or empty:
 * cleared), changed plain values, a new schedule, and a re-key. LangWatch replaces the stored
 * `credentials` whole when a request carries any, so a re-key is a whole new secret unit: every
 * required secret field of the type, never one field of it. Checked against the type's catalog
 * entry like a draft; never echoes a secret in a message. Status is not here: it is the
 * sources' own action (`sources.setStatus`).
 */
import { z } from 'zod';
import { cadenceSecSchema } from './cadence';
import { SOURCE_DESCRIPTION_MAX, SOURCE_NAME_MAX } from './composer';
import { pullScheduleSchema } from './cron';
import { SourceType } from './langwatch';
import { catalogEntry, secretFields } from './source-catalog';
import { FIELD_VALUE_MAX, nonEmpty, SECRET_VALUE_MAX } from './source-draft';

const fieldKey = z.string().min(1).max(64);

/** The fields of a change (the IPC inputs extend this). */
export const sourceChangeFields = {
  sourceType: SourceType,
  name: z.string().trim().min(1, 'Give the source a name.').max(SOURCE_NAME_MAX),
  description: z.string().trim().max(SOURCE_DESCRIPTION_MAX).nullable().optional(),
  /** Changed plain values by field key (empty: left as it is). */
  values: z.record(fieldKey, z.string().max(FIELD_VALUE_MAX)).default({}),
  /** A new secret unit (empty: the stored credentials are kept). */
  secrets: z.record(fieldKey, z.string().max(SECRET_VALUE_MAX)).default({}),
  pollEverySec: cadenceSecSchema.optional(),
  pullSchedule: pullScheduleSchema.optional(),
};

export const SourceChangeShape = z.object(sourceChangeFields).strict();

type ChangeIn = z.output<typeof SourceChangeShape>;

/** Adds an issue for every field that is not the type's, or on the wrong side (plain or secret). */
function checkFieldsOfType(
  d: Pick<ChangeIn, 'sourceType' | 'values' | 'secrets'>,
  ctx: z.RefinementCtx,
  unitGiven: boolean,
): void {
  const entry = catalogEntry(d.sourceType);
  const fields = new Map(entry.fields.map((f) => [f.key, f]));
  for (const [key, value] of Object.entries(d.values)) {
    const f = fields.get(key);
    if (!f || f.secret)
      ctx.addIssue({
        code: 'custom',
        path: ['values', key],
        message: f ? `${f.label} is a secret and goes with the secrets.` : `${entry.label} has no field "${key}".`,
      });
    else if (f.kind === 'choice' && f.choices && !f.choices.includes(value))
      ctx.addIssue({
        code: 'custom',
        path: ['values', key],
        message: `${f.label} must be one of ${f.choices.join(', ')}.`,
      });
  }
  for (const key of Object.keys(d.secrets))
    if (!fields.get(key)?.secret)
      ctx.addIssue({ code: 'custom', path: ['secrets', key], message: `${entry.label} has no secret "${key}".` });
  if (!unitGiven) return;
  for (const f of secretFields(d.sourceType))
    if (f.required && d.secrets[f.key] === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['secrets', f.key],
        message: `${f.label} is required: a new key replaces every secret of the source at once.`,
      });
}

/** A change after validation: values and secrets trimmed, empty ones dropped. */
export const SourceChange = SourceChangeShape.transform((d) => ({
  ...d,
  description: d.description === undefined ? undefined : d.description || null,
  values: nonEmpty(d.values),
  secrets: nonEmpty(d.secrets),
})).superRefine((d, ctx) => {
  checkFieldsOfType(d, ctx, Object.keys(d.secrets).length > 0);
  if (!catalogEntry(d.sourceType).scheduled && (d.pollEverySec !== undefined || d.pullSchedule !== undefined))
    ctx.addIssue({
      code: 'custom',
      path: ['pullSchedule'],
      message: `${catalogEntry(d.sourceType).label} is pushed to LangWatch; it has no schedule.`,
    });
});
export type SourceChangeInput = z.input<typeof SourceChangeShape>;
export type SourceChange = z.output<typeof SourceChange>;
