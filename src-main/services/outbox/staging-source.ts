/**
 * Staging for a source of any type: a new source from a `SourceDraft` (`outbox.stageSource`), a
 * change of an existing source (`outbox.stageSourceChange`) and the edit of a waiting entry
 * (`outbox.editSource`). Main parses every form again against the type's catalog entry; the
 * secret fields become ONE keychain item (staged, read, sent and wiped whole), the plain values
 * go on the record, and the worker sends both through `buildSourceRequest`.
 */
import { checkComplianceKey } from '../../../src-shared/domain/compliance-key';
import type { SourceType } from '../../../src-shared/domain/langwatch';
import { catalogEntry, secretFields } from '../../../src-shared/domain/source-catalog';
import { SourceChange } from '../../../src-shared/domain/source-change';
import { SourceDraft } from '../../../src-shared/domain/source-draft';
import { AppError } from '../../../src-shared/errors';
import type {
  OutboxEditSourceInput,
  OutboxStageSourceChangeInput,
  OutboxStageSourceInput,
} from '../../../src-shared/ipc/channels/outbox';
import type { OutboxEntry } from './entry';
import type { StageResult } from './outbox-options';
import { requireOwnEntry, stagingOwner } from './ownership';
import { complianceKeyOf, unitFingerprint, type SecretUnit } from './secret-unit';
import { chosenSchedule } from './staging';
import {
  applyEntryEdit,
  checkNameFree,
  invalidForm,
  stageNewEntry,
  stagedTtlMs,
  type StagingContext,
} from './staging-common';
import type { EntryEdit } from './transitions';

/** Stages sources of any type. */
export interface SourceStaging {
  stageSource(input: OutboxStageSourceInput): Promise<StageResult>;
  stageSourceChange(input: OutboxStageSourceChangeInput): Promise<StageResult>;
  editSource(input: OutboxEditSourceInput): Promise<StageResult>;
}

/** `secrets.clientSecret`, `values.tenantId`, `name`: where the form shows a message. */
const fieldOf = (path: PropertyKey[]) => path.map(String).join('.') || 'form';

/** The unit of a form (null when it holds no secret), refused when a compliance key breaks the key rules. */
function unitOf(type: SourceType, secrets: Record<string, string>): SecretUnit | null {
  if (Object.keys(secrets).length === 0) return null;
  const key = type === 'claude_compliance' ? complianceKeyOf(secrets) : null;
  const check = key === null ? null : checkComplianceKey(key);
  if (check && !check.ok)
    throw new AppError('invalid_argument', check.message, { fieldErrors: { 'secrets.token': check.message } });
  return secrets;
}

/** The answer: the unit's fingerprint, and a compliance key's format warning if any. */
function result(stagedId: string, fingerprint: string | null, type: SourceType, unit: SecretUnit | null): StageResult {
  const key = unit && type === 'claude_compliance' ? complianceKeyOf(unit) : null;
  const check = key === null ? null : checkComplianceKey(key);
  return { stagedId, fingerprint, ...(check?.ok && check.warning ? { warning: check.warning } : {}) };
}

/** A scheduled type's create must say how often LangWatch pulls; a push type has no schedule. */
function createSchedule(type: SourceType, fields: { pollEverySec?: number; pullSchedule?: string }) {
  const schedule = chosenSchedule(fields);
  if (schedule === null && catalogEntry(type).scheduled) {
    const message = 'Choose how often LangWatch pulls this source.';
    throw new AppError('invalid_argument', message, { fieldErrors: { pollEverySec: message } });
  }
  return schedule;
}

/** Creates the any-type staging over the outbox's store and worker. */
export function createSourceStaging(ctx: StagingContext): SourceStaging {
  const { options, viewer, existing } = ctx;
  const { clock, auth } = options;

  /** The new entry of a create or a change, staged with its unit: what both stagings share. */
  async function stageNew(
    fields: { kind: 'create' | 'update'; sourceId: string | null; teamId: string | null; setsDescription?: boolean },
    form: { sourceType: SourceType; values: Record<string, string>; name: string; description?: string | null },
    schedule: ReturnType<typeof chosenSchedule>,
    unit: SecretUnit | null,
    scope: Pick<OutboxEntry, 'profileId' | 'organizationId' | 'owner'>,
  ): Promise<StageResult> {
    const entry = await stageNewEntry(
      ctx,
      {
        ...fields,
        sourceType: form.sourceType,
        values: form.values,
        ...scope,
        name: form.name,
        description: form.description ?? null,
        pollEverySec: schedule?.pollEverySec ?? null,
        pullSchedule: schedule?.pullSchedule ?? null,
      },
      unit,
    );
    return result(entry.id, entry.fingerprint, form.sourceType, unit);
  }

  async function stageSource(input: OutboxStageSourceInput): Promise<StageResult> {
    const { organizationId, ...form } = input;
    const parsed = SourceDraft.safeParse(form);
    if (!parsed.success) throw invalidForm(parsed.error, fieldOf);
    const draft = parsed.data;
    const unit = unitOf(draft.sourceType, draft.secrets);
    const { profileId, owner } = await stagingOwner(auth, organizationId);
    checkNameFree(ctx, { profileId, organizationId }, draft.name);
    const schedule = createSchedule(draft.sourceType, draft);
    const fields = { kind: 'create', sourceId: null, teamId: draft.teamId } as const;
    return stageNew(fields, draft, schedule, unit, { profileId, organizationId, owner });
  }

  async function stageSourceChange(input: OutboxStageSourceChangeInput): Promise<StageResult> {
    const { organizationId, sourceId, ...form } = input;
    const parsed = SourceChange.safeParse(form);
    if (!parsed.success) throw invalidForm(parsed.error, fieldOf);
    const change = parsed.data;
    const unit = unitOf(change.sourceType, change.secrets);
    const { profileId, owner } = await stagingOwner(auth, organizationId);
    // The name is always sent (the current one, or a new one): a rename alone is a change too.
    const schedule = chosenSchedule(change);
    const fields = {
      kind: 'update',
      sourceId,
      teamId: null,
      setsDescription: change.description !== undefined,
    } as const;
    return stageNew(fields, change, schedule, unit, { profileId, organizationId, owner });
  }

  async function editSource(input: OutboxEditSourceInput): Promise<StageResult> {
    const entry = existing(input.stagedId);
    requireOwnEntry(entry, viewer());
    const { change, unit } = parseEdit(entry, input);
    if (entry.kind === 'create') checkNameFree(ctx, entry, change.name, entry.id);
    const fingerprint = unit ? unitFingerprint(entry.sourceType, unit) : entry.fingerprint;
    const edit: EntryEdit = {
      ...change,
      ...(unit && fingerprint
        ? { newKey: { fingerprint, expiresAt: new Date(clock.now() + (await stagedTtlMs(options))).toISOString() } }
        : {}),
    };
    await applyEntryEdit(ctx, entry, edit, unit ? { type: entry.sourceType, secrets: unit } : null);
    return result(entry.id, fingerprint, entry.sourceType, unit);
  }

  return { stageSource, stageSourceChange, editSource };
}

/**
 * An edit of a waiting entry, parsed as what the entry is: a create's form is a whole draft (its
 * staged unit stands in for secrets not given again), an update's a change. No schedule in the
 * edit: the entry keeps its own.
 */
function parseEdit(
  entry: OutboxEntry,
  input: OutboxEditSourceInput,
): { change: Omit<EntryEdit, 'newKey'>; unit: SecretUnit | null } {
  const { stagedId: _id, teamId, ...form } = input;
  const given = Object.values(form.secrets ?? {}).some((v) => v.trim() !== '');
  const kept = (s: { pollEverySec?: number; pullSchedule?: string }) =>
    chosenSchedule(s) ?? { pollEverySec: entry.pollEverySec, pullSchedule: entry.pullSchedule };
  if (entry.kind === 'create') {
    // Secrets not given again are the staged unit's: stand-ins meet their "required" rule, never stored.
    const secrets = given ? form.secrets : stagedStandIns(entry.sourceType);
    // A draft clears its description by leaving it out (null is the change form's word for it).
    const description = form.description ?? undefined;
    const draftOf = (s: Record<string, string> | undefined) =>
      SourceDraft.safeParse({ ...form, description, secrets: s, teamId, sourceType: entry.sourceType });
    let parsed = draftOf(secrets);
    // A type whose secrets are alternatives (Genie: a client pair or a token) has no required
    // one to stand in for: the kept unit met the rule across them when it was staged.
    if (!given && !parsed.success && parsed.error.issues.every((i) => i.path[0] === 'secrets'))
      parsed = draftOf(stagedStandIns(entry.sourceType, 'all'));
    if (!parsed.success) {
      const others = parsed.error.issues.filter((i) => given || i.path[0] !== 'secrets');
      // Only the secrets are in question (a rule across them): they must be entered again.
      throw invalidForm({ issues: others.length > 0 ? others : parsed.error.issues }, fieldOf);
    }
    const draft = parsed.data;
    return {
      change: {
        name: draft.name,
        description: draft.description ?? null,
        teamId: draft.teamId,
        values: draft.values,
        ...kept(form),
      },
      unit: given ? unitOf(entry.sourceType, draft.secrets) : null,
    };
  }
  const parsed = SourceChange.safeParse({ ...form, sourceType: entry.sourceType });
  if (!parsed.success) throw invalidForm(parsed.error, fieldOf);
  const change = parsed.data;
  return {
    change: {
      name: change.name,
      description: change.description === undefined ? entry.description : change.description,
      setsDescription: entry.setsDescription || change.description !== undefined,
      teamId: entry.teamId,
      values: change.values,
      ...kept(change),
    },
    unit: unitOf(entry.sourceType, change.secrets),
  };
}

/** A stand-in for each required secret of a type, to check a draft whose staged unit is kept. */
function stagedStandIns(type: SourceType, which: 'required' | 'all' = 'required'): Record<string, string> {
  return Object.fromEntries(
    secretFields(type).flatMap((f) => (f.required || which === 'all' ? [[f.key, 'staged']] : [])),
  );
}
