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
  nameTakenMessage,
  scheduleOf,
  type ScheduleChoice,
} from '../../../src-shared/domain/composer';
import { AppError } from '../../../src-shared/errors';
import type { OutboxEditInput, OutboxStageInput } from '../../../src-shared/ipc/channels/outbox';
import { isTerminal, stagedAccount, type OutboxEntry } from './entry';
import type { OutboxOptions, StageResult } from './outbox-options';
import type { OutboxStore } from './outbox-store';
import { requireOwnEntry, stagingOwner, type Viewer } from './ownership';
import { newEntry, transition, type EntryEdit } from './transitions';
import { wipeStagedKey } from './wipe';
import type { OutboxWorker } from './worker';

/** What staging needs from the outbox facade. */
export interface StagingContext {
  options: OutboxOptions;
  store: OutboxStore;
  worker: OutboxWorker;
  viewer(): Viewer;
  /** The entry with this id (outbox.not_found otherwise). */
  existing(id: string): OutboxEntry;
  newId(): string;
  newMarker(): string;
  /** Pushes the list to the renderer. */
  notify(): void;
}

/** Stages new entries and edits waiting ones. */
export interface Staging {
  stage(input: OutboxStageInput): Promise<StageResult>;
  edit(input: OutboxEditInput): Promise<StageResult>;
}

/** The chosen schedule of parsed fields, as data errors; null = none chosen (keep the current). */
function chosenSchedule(fields: {
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

/** Creates stage and edit over the outbox's store and worker. */
export function createStaging(ctx: StagingContext): Staging {
  const { options, store, worker, viewer, existing, newId, newMarker, notify } = ctx;
  const { clock, log, secrets, auth } = options;

  async function ttlMs(): Promise<number> {
    return (await options.settings.get()).stagedKeyTtlHours * 3600_000;
  }

  const stagingContext = (organizationId: string) => stagingOwner(auth, organizationId);

  function checkNameFree(scope: { profileId: string; organizationId: string }, name: string, exceptId?: string): void {
    const others = store
      .all()
      .filter(
        (e) => e.kind === 'create' && !isTerminal(e) && e.organizationId === scope.organizationId && e.id !== exceptId,
      );
    const waiting = nameTakenMessage(name, others);
    if (waiting)
      throw new AppError('invalid_argument', `${waiting} (It is already waiting in the outbox.)`, {
        fieldErrors: { name: waiting },
      });
    const archived = nameTakenMessage(
      name,
      (options.archivedNames?.(scope) ?? []).map((a) => ({ ...a, archived: true })),
    );
    if (archived) throw new AppError('invalid_argument', archived, { fieldErrors: { name: archived } });
  }

  async function stage(input: OutboxStageInput): Promise<StageResult> {
    const parsed = input.kind === 'create' ? ComposerCreate.safeParse(input) : ComposerUpdate.safeParse(input);
    if (!parsed.success) throw invalid(parsed.error);
    const fields = parsed.data;
    const key = fields.key;
    const { profileId, owner } = await stagingContext(input.organizationId);
    if (input.kind === 'create') checkNameFree({ profileId, organizationId: input.organizationId }, fields.name);
    const schedule = chosenSchedule(fields);
    if (schedule === null && input.kind === 'create') {
      const message = 'Choose how often LangWatch pulls this source.';
      throw new AppError('invalid_argument', message, { fieldErrors: { pollEverySec: message } });
    }
    if (schedule === null && !key)
      throw new AppError('invalid_argument', 'Nothing to change: give a new key, a new schedule, or both.');
    const id = newId();
    const fingerprint = key ? keyFingerprint(key) : null;
    const entry = newEntry({
      id,
      kind: input.kind,
      profileId,
      organizationId: input.organizationId,
      owner,
      marker: newMarker(),
      sourceId: input.kind === 'update' ? (input.sourceId ?? null) : null,
      name: fields.name,
      description: input.kind === 'create' ? ((fields as ComposerCreate).description ?? null) : null,
      teamId: input.kind === 'create' ? ((fields as ComposerCreate).teamId ?? null) : null,
      pollEverySec: schedule?.pollEverySec ?? null,
      pullSchedule: schedule?.pullSchedule ?? null,
      fingerprint,
      stagedOffline: options.network ? !options.network.isOnline() : false,
      now: clock.now(),
      ttlMs: await ttlMs(),
    });
    if (key) await secrets.set(stagedAccount(id), key);
    try {
      await store.put(entry);
    } catch (error) {
      // Not durably staged (e.g. a full disk): no entry may linger in memory to be sent later.
      store.drop(id);
      if (key) await wipeStagedKey({ secrets, log }, id, 'staging_failed').catch(() => undefined);
      throw error;
    }
    log.info('key staged', { stagedId: id, kind: input.kind, fingerprint });
    worker.wake();
    notify();
    return stageResult(id, fingerprint, key);
  }

  async function edit(input: OutboxEditInput): Promise<StageResult> {
    const entry = existing(input.stagedId);
    requireOwnEntry(entry, viewer());
    const raw = { ...input, key: input.key === undefined || input.key === '' ? undefined : input.key };
    const parsed =
      entry.kind === 'create' ? ComposerCreate.partial({ key: true }).safeParse(raw) : ComposerUpdate.safeParse(raw);
    if (!parsed.success) throw invalid(parsed.error);
    const fields = parsed.data;
    if (entry.kind === 'create') checkNameFree(entry, fields.name, entry.id);
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
              expiresAt: new Date(clock.now() + (await ttlMs())).toISOString(),
            },
          }
        : {}),
    };
    // Dry run first: a refused edit must not replace the staged key.
    transition(entry, { type: 'edited', edit: change }, clock.now());
    if (worker.isRunning(entry.id))
      throw new AppError('outbox.invalid_state', 'This entry is being submitted; try again in a moment.');
    if (key) await secrets.set(stagedAccount(entry.id), key);
    await worker.apply(entry.id, { type: 'edited', edit: change });
    worker.wake();
    return stageResult(entry.id, key ? keyFingerprint(key) : entry.fingerprint, key);
  }

  return { stage, edit };
}
