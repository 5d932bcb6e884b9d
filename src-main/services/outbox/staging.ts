/**
 * Staging and editing outbox entries: the form is parsed again here (main trusts no renderer),
 * the name is checked against the waiting creates and the archived names, the key goes to
 * the keychain and the record to disk before the worker is woken.
 */
import type { z } from 'zod';
import { checkComplianceKey, keyFingerprint } from '../../../src-shared/domain/compliance-key';
import {
  ComposerCreate,
  ComposerUpdate,
  composerFieldErrors,
  scheduleOf,
  type ScheduleChoice,
} from '../../../src-shared/domain/composer';
import { AppError } from '../../../src-shared/errors';
import type { OutboxEditInput, OutboxStageInput } from '../../../src-shared/ipc/channels/outbox';
import type { StageResult } from './outbox-options';
import { requireOwnEntry, stagingOwner } from './ownership';
import { applyEntryEdit, checkNameFree, stageNewEntry, stagedTtlMs, type StagingContext } from './staging-common';
import type { EntryEdit } from './transitions';

export type { StagingContext } from './staging-common';

/** Stages new entries and edits waiting ones. */
export interface Staging {
  stage(input: OutboxStageInput): Promise<StageResult>;
  edit(input: OutboxEditInput): Promise<StageResult>;
}

/** The chosen schedule of parsed fields, as data errors; null = none chosen (keep the current). */
export function chosenSchedule(fields: {
  pollEverySec?: number | undefined;
  pullSchedule?: string | undefined;
}): ScheduleChoice | null {
  try {
    return scheduleOf(fields);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Check the schedule.';
    throw new AppError('invalid_argument', message, { fieldErrors: { pullSchedule: message } });
  }
}

function invalid(error: z.ZodError): AppError {
  const fieldErrors = composerFieldErrors(error);
  const first = Object.values(fieldErrors)[0] ?? 'Check the form.';
  return new AppError('invalid_argument', first, { fieldErrors });
}

/** The answer of a stage or an edit: the fingerprint, and the key's format warning if any. */
function stageResult(stagedId: string, fingerprint: string | null, key: string | undefined): StageResult {
  const warning = key ? checkComplianceKey(key) : null;
  return { stagedId, fingerprint, ...(warning?.ok && warning.warning ? { warning: warning.warning } : {}) };
}

/** The compliance key as the entry's secret unit (the catalog's `token` field). */
const complianceUnit = (key: string) => ({ token: key });

/** Creates stage and edit over the outbox's store and worker. */
export function createStaging(ctx: StagingContext): Staging {
  const { options, viewer, existing } = ctx;
  const { clock, auth } = options;

  async function stage(input: OutboxStageInput): Promise<StageResult> {
    const parsed = input.kind === 'create' ? ComposerCreate.safeParse(input) : ComposerUpdate.safeParse(input);
    if (!parsed.success) throw invalid(parsed.error);
    const fields = parsed.data;
    const key = fields.key;
    const { profileId, owner } = await stagingOwner(auth, input.organizationId);
    if (input.kind === 'create') checkNameFree(ctx, { profileId, organizationId: input.organizationId }, fields.name);
    const schedule = chosenSchedule(fields);
    if (schedule === null && input.kind === 'create') {
      const message = 'Choose how often LangWatch pulls this source.';
      throw new AppError('invalid_argument', message, { fieldErrors: { pollEverySec: message } });
    }
    if (schedule === null && !key)
      throw new AppError('invalid_argument', 'Nothing to change: give a new key, a new schedule, or both.');
    const entry = await stageNewEntry(
      ctx,
      {
        kind: input.kind,
        profileId,
        organizationId: input.organizationId,
        owner,
        sourceId: input.kind === 'update' ? (input.sourceId ?? null) : null,
        name: fields.name,
        description: input.kind === 'create' ? ((fields as ComposerCreate).description ?? null) : null,
        teamId: input.kind === 'create' ? ((fields as ComposerCreate).teamId ?? null) : null,
        pollEverySec: schedule?.pollEverySec ?? null,
        pullSchedule: schedule?.pullSchedule ?? null,
      },
      key ? complianceUnit(key) : null,
    );
    return stageResult(entry.id, entry.fingerprint, key);
  }

  async function edit(input: OutboxEditInput): Promise<StageResult> {
    const entry = existing(input.stagedId);
    requireOwnEntry(entry, viewer());
    if (entry.sourceType !== 'claude_compliance')
      throw new AppError(
        'invalid_argument',
        'This entry is not a compliance source: edit it with its own form (outbox.editSource).',
        { reason: 'wrong_form', sourceType: entry.sourceType },
      );
    const raw = { ...input, key: input.key === undefined || input.key === '' ? undefined : input.key };
    const parsed =
      entry.kind === 'create' ? ComposerCreate.partial({ key: true }).safeParse(raw) : ComposerUpdate.safeParse(raw);
    if (!parsed.success) throw invalid(parsed.error);
    const fields = parsed.data;
    if (entry.kind === 'create') checkNameFree(ctx, entry, fields.name, entry.id);
    // No schedule in the edit: the entry keeps the one it was staged with.
    const schedule = chosenSchedule(fields) ?? { pollEverySec: entry.pollEverySec, pullSchedule: entry.pullSchedule };
    const key = fields.key;
    const change: EntryEdit = {
      name: fields.name,
      description: entry.kind === 'create' ? ((fields as ComposerCreate).description ?? null) : entry.description,
      teamId: entry.kind === 'create' ? ((fields as ComposerCreate).teamId ?? null) : entry.teamId,
      pollEverySec: schedule.pollEverySec,
      pullSchedule: schedule.pullSchedule,
      ...(key
        ? {
            newKey: {
              fingerprint: keyFingerprint(key),
              expiresAt: new Date(clock.now() + (await stagedTtlMs(options))).toISOString(),
            },
          }
        : {}),
    };
    await applyEntryEdit(ctx, entry, change, key ? { type: entry.sourceType, secrets: complianceUnit(key) } : null);
    return stageResult(entry.id, key ? keyFingerprint(key) : entry.fingerprint, key);
  }

  return { stage, edit };
}
