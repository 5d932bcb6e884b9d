/**
 * The composer's model for a source of any type (the renderer's form, apart from React): the
 * form's values, what a type switch keeps, the `SourceDraft` it sends, its inline errors, and the plan gate. Errors
 * come from the one shared schema (`SourceDraft`) and name fields by their catalog label; a
 * secret's value is never part of a message.
 */
import { DEFAULT_CADENCE_SEC } from './cadence';
import { nameTakenMessage } from './composer';
import type { SourceType } from './langwatch';
import {
  catalogEntry,
  groupOfMode,
  isTypeLocked,
  SOURCE_CATALOG,
  SOURCE_GROUPS,
  type SourceGroup,
  type SourceTypeEntry,
} from './source-catalog';
import { FIELD_VALUE_MAX, SECRET_VALUE_MAX, SourceDraft, type SourceDraftInput } from './source-draft';
import { scheduleFields, type ScheduleValue } from './schedule-value';

export interface SourceForm {
  sourceType: SourceType;
  name: string;
  description: string;
  teamId: string;
  /** Plain field values by field key, of the current type. */
  values: Record<string, string>;
  /** Secret field values by field key, of the current type only. */
  secrets: Record<string, string>;
  schedule: ScheduleValue;
  /** Plain values typed for other types, so switching back loses nothing. */
  kept: Partial<Record<SourceType, Record<string, string>>>;
}

export const DEFAULT_SCHEDULE: ScheduleValue = { kind: 'interval', seconds: DEFAULT_CADENCE_SEC };

export function emptySourceForm(sourceType: SourceType): SourceForm {
  return {
    sourceType,
    name: '',
    description: '',
    teamId: '',
    values: {},
    secrets: {},
    schedule: DEFAULT_SCHEDULE,
    kept: {},
  };
}

/**
 * A switch to another type keeps the common fields and the plain values typed for each type
 * (back on a type, its values return; a plain field of the same key carries over). Secrets
 * never carry over: a secret typed for one vendor is not sent to another.
 */
export function switchType(form: SourceForm, next: SourceType): SourceForm {
  if (next === form.sourceType) return form;
  const kept = { ...form.kept, [form.sourceType]: form.values };
  const nextFields = catalogEntry(next).fields.filter((f) => !f.secret);
  const carried = Object.fromEntries(
    nextFields.flatMap((f) => (form.values[f.key] !== undefined ? [[f.key, form.values[f.key]!]] : [])),
  );
  return { ...form, sourceType: next, values: { ...carried, ...(kept[next] ?? {}) }, secrets: {}, kept };
}

/** Labels of the secrets a switch to `next` clears (the form says so). */
export function secretsClearedBySwitch(form: SourceForm, next: SourceType): string[] {
  if (next === form.sourceType) return [];
  const entry = catalogEntry(form.sourceType);
  return entry.fields.filter((f) => f.secret && (form.secrets[f.key] ?? '') !== '').map((f) => f.label);
}

/** The `SourceDraft` input the form sends (`outbox.stageSource`); the schedule only for scheduled types. */
export function draftInput(form: SourceForm): SourceDraftInput {
  const entry = catalogEntry(form.sourceType);
  return {
    sourceType: form.sourceType,
    name: form.name,
    description: form.description,
    teamId: form.teamId || null,
    values: form.values,
    secrets: form.secrets,
    ...(entry.scheduled ? scheduleFields(form.schedule) : {}),
  };
}

/** Field errors by form key (`name`, `description`, `schedule`, or a catalog field key). */
export type SourceFormErrors = Record<string, string>;

/** The inline errors: the shared schema, then the name clash. */
export function sourceFormErrors(
  form: SourceForm,
  taken: ReadonlyArray<{ id?: string; name: string; archived?: boolean }>,
): SourceFormErrors {
  const out: SourceFormErrors = {};
  const draft = draftInput(form);
  // zod checks the catalog rules only once the plain shape passes, so they are asked apart
  // (with a stand-in name and clipped values): every error shows at once, not round by round.
  const catalogOnly = {
    ...draft,
    name: 'stand-in',
    description: '',
    values: clip(draft.values, FIELD_VALUE_MAX),
    secrets: clip(draft.secrets, SECRET_VALUE_MAX),
  };
  for (const result of [SourceDraft.safeParse(draft), SourceDraft.safeParse(catalogOnly)]) {
    for (const issue of result.success ? [] : result.error.issues) {
      const key = errorKey(issue.path);
      // The schema's messages name fields by label; a length error gets a message of our own.
      if (!out[key]) out[key] = issue.code === 'too_big' ? 'This value is too long.' : issue.message;
    }
  }
  const clash = nameTakenMessage(form.name, taken);
  if (clash && !out.name) out.name = clash;
  return out;
}

function clip(record: Record<string, string> | undefined, max: number): Record<string, string> {
  return Object.fromEntries(Object.entries(record ?? {}).map(([k, v]) => [k, v.slice(0, max)]));
}

function errorKey(path: ReadonlyArray<PropertyKey>): string {
  const [head, field] = path;
  if ((head === 'values' || head === 'secrets') && typeof field === 'string') return field;
  if (head === 'pollEverySec' || head === 'pullSchedule') return 'schedule';
  return String(head ?? 'form');
}

/** What the console knows about the plan (null: nothing yet). */
export interface PlanFacts {
  isEnterprise: boolean | null;
  cap: number | null;
  active: number | null;
}

export type PlanGate =
  | { kind: 'unknown'; text: string }
  | { kind: 'enterprise'; text: string }
  | { kind: 'limited'; text: string; left: number | null };

/** The plan gate stated up front: only what LangWatch said, "not known" otherwise. */
export function planGate(plan: PlanFacts | null): PlanGate {
  if (!plan || plan.isEnterprise === null)
    return {
      kind: 'unknown',
      text: 'Plan not known: LangWatch decides at submit (without Enterprise, only Generic OpenTelemetry, up to a cap of active sources).',
    };
  if (plan.isEnterprise) return { kind: 'enterprise', text: 'Enterprise plan: every source type can be created.' };
  const base = 'This organisation is not on the Enterprise plan: only Generic OpenTelemetry sources can be created.';
  if (plan.cap === null || plan.active === null)
    return { kind: 'limited', left: null, text: `${base} Its cap of active sources is not known.` };
  const left = Math.max(plan.cap - plan.active, 0);
  const count = `${plan.active} of ${plan.cap} active sources in use, ${left} left.`;
  return {
    kind: 'limited',
    left,
    text: left === 0 ? `${base} ${count} Archive one before adding another.` : `${base} ${count}`,
  };
}

export interface TypeChoice {
  entry: SourceTypeEntry;
  /** Locked by a plan LangWatch reported (never guessed). */
  locked: boolean;
}

/** The type picker's groups in LangWatch's order, with the plan gate applied where it is known. */
export function typeGroups(
  plan: PlanFacts | null,
): Array<{ group: SourceGroup; title: string; blurb: string; choices: TypeChoice[] }> {
  return (['realtime', 'scheduled'] as const).map((group) => ({
    group,
    ...SOURCE_GROUPS[group],
    choices: SOURCE_CATALOG.filter((e) => groupOfMode(e.mode) === group).map((entry) => ({
      entry,
      locked: plan?.isEnterprise != null && isTypeLocked(entry.type, { isEnterprise: plan.isEnterprise }),
    })),
  }));
}

/** The type the composer opens on: the compliance source, unless the plan is known to lock it. */
export function initialType(plan: PlanFacts | null): SourceType {
  return plan?.isEnterprise === false ? 'otel_generic' : 'claude_compliance';
}
