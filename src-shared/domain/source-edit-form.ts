/**
 * The edit form of an existing source of any type (the renderer's form, apart from React):
 * what LangWatch lets an admin change (name, description, schedule, status, a re-key of the
 * type's secret fields), the staged change and the status it sends, and its errors. Only what
 * changed is sent; a secret's value is never part of a message.
 */
import { SOURCE_DESCRIPTION_MAX, SOURCE_NAME_MAX, nameTakenMessage } from './composer';
import { isKnownSourceType, type Source, type SourceStatus, type SourceType } from './langwatch';
import { catalogEntry, secretFields } from './source-catalog';
import { SECRET_VALUE_MAX } from './source-draft';
import { scheduleFields, scheduleValid, type ScheduleValue } from './schedule-value';

/**
 * A staged change of an existing source of any type (`outbox.stageSourceChange`, room out):
 * the name always (current or new); absent fields are kept; an empty description clears it.
 * Status is not part of it: it is the sources' own action (`sources.setStatus`).
 */
export interface SourceChangeInput {
  organizationId: string;
  sourceId: string;
  sourceType: SourceType;
  name: string;
  description?: string;
  /** A re-key: the type's secret fields, staged as one unit (all or nothing). */
  secrets?: Record<string, string>;
  pollEverySec?: number;
  pullSchedule?: string;
}

/** What an edit does: a staged change (null: none) and a new status (null: kept). */
export interface SourceEdit {
  sourceId: string;
  change: SourceChangeInput | null;
  status: SourceStatus | null;
}

export interface SourceEditForm {
  name: string;
  description: string;
  status: SourceStatus;
  /** `keep` unless the admin picks a new one. */
  schedule: ScheduleValue;
  /** The new secrets by field key; all empty = keep the stored credentials. */
  secrets: Record<string, string>;
}

export function editFormOf(source: Source): SourceEditForm {
  const status: SourceStatus = source.status === 'disabled' ? 'disabled' : 'active';
  return { name: source.name, description: source.description ?? '', status, schedule: { kind: 'keep' }, secrets: {} };
}

/** Whether the console can edit this source (a type it knows; archived sources are not edited). */
export function canEditSource(source: Source): source is Source & { sourceType: SourceType } {
  return isKnownSourceType(source.sourceType) && source.archivedAt === null;
}

export type EditResult = { ok: true; edit: SourceEdit } | { ok: false; errors: Record<string, string> };

/** The edit to stage, or the errors by form key (`name`, `description`, `schedule`, a secret key, `form`). */
export function sourceEdit(
  source: Source & { sourceType: SourceType },
  form: SourceEditForm,
  taken: ReadonlyArray<{ id?: string; name: string; archived?: boolean }>,
): EditResult {
  const errors: Record<string, string> = {};
  const base = { organizationId: source.organizationId, sourceId: source.id, sourceType: source.sourceType };
  const input: SourceChangeInput = { ...base, name: source.name };
  const name = form.name.trim();
  if (name === '') errors.name = 'Give the source a name.';
  else if (name.length > SOURCE_NAME_MAX) errors.name = `At most ${SOURCE_NAME_MAX} characters.`;
  else if (name !== source.name) {
    const clash = nameTakenMessage(name, taken, source.id);
    if (clash) errors.name = clash;
    else input.name = name;
  }
  const description = form.description.trim();
  if (description.length > SOURCE_DESCRIPTION_MAX) errors.description = `At most ${SOURCE_DESCRIPTION_MAX} characters.`;
  else if (description !== (source.description ?? '')) input.description = description;
  if (catalogEntry(source.sourceType).scheduled && form.schedule.kind !== 'keep') {
    if (!scheduleValid(form.schedule)) errors.schedule = 'Choose a schedule LangWatch can run.';
    else Object.assign(input, scheduleFields(form.schedule));
  }
  Object.assign(errors, rekey(source.sourceType, form.secrets, input));
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const status = form.status !== (source.status === 'disabled' ? 'disabled' : 'active') ? form.status : null;
  // The name is always sent; anything beyond it (or a new name) is a change to stage.
  const changed = input.name !== source.name || Object.keys(input).length > Object.keys(base).length + 1;
  if (!changed && status === null) return { ok: false, errors: { form: 'Nothing changed: edit a field first.' } };
  return { ok: true, edit: { sourceId: source.id, change: changed ? input : null, status } };
}

/** A re-key sends the type's secrets as one unit: once one is typed, every required one is needed. */
function rekey(type: SourceType, typed: Record<string, string>, input: SourceChangeInput): Record<string, string> {
  const errors: Record<string, string> = {};
  const given = Object.fromEntries(
    secretFields(type).flatMap((f) => ((typed[f.key] ?? '').trim() ? [[f.key, typed[f.key]!.trim()]] : [])),
  );
  if (Object.keys(given).length === 0) return errors;
  for (const f of secretFields(type)) {
    if (f.required && given[f.key] === undefined)
      errors[f.key] = `${f.label} is needed too: a re-key replaces every secret.`;
    if ((given[f.key]?.length ?? 0) > SECRET_VALUE_MAX) errors[f.key] = 'This value is too long.';
  }
  if (Object.keys(errors).length === 0) input.secrets = given;
  return errors;
}
