/**
 * What every way of staging shares (the compliance composer's `stage`/`edit` and the
 * any-type `stageSource`/`stageSourceEdit`/`editSource`): the staging context, the name rule,
 * the lifetime of a staged unit, the durable first write (the unit wiped again when the record
 * cannot be saved) and the in-place edit of a waiting entry.
 */
import type { z } from 'zod';
import { nameTakenMessage } from '../../../src-shared/domain/composer';
import type { SourceType } from '../../../src-shared/domain/langwatch';
import { AppError } from '../../../src-shared/errors';
import { isTerminal, type OutboxEntry } from './entry';
import type { OutboxOptions } from './outbox-options';
import type { OutboxStore } from './outbox-store';
import type { Viewer } from './ownership';
import { unitFingerprint, type SecretUnit } from './secret-unit';
import { writeStagedUnit } from './staged-key';
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

/** The `invalid_argument` error of a refused form: the first message, every field's in `fieldErrors`. */
export function invalidForm(error: Pick<z.ZodError, 'issues'>, fieldOf: (path: PropertyKey[]) => string): AppError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[fieldOf(issue.path)] ??= issue.message;
  const first = Object.values(fieldErrors)[0] ?? 'Check the form.';
  return new AppError('invalid_argument', first, { fieldErrors });
}

/** How long a newly staged unit may wait before it is wiped. */
export async function stagedTtlMs(options: Pick<OutboxOptions, 'settings'>): Promise<number> {
  return (await options.settings.get()).stagedKeyTtlHours * 3600_000;
}

/** Refuses a create's name that a waiting create or an archived source of the organisation holds. */
export function checkNameFree(
  ctx: Pick<StagingContext, 'store' | 'options'>,
  scope: { profileId: string; organizationId: string },
  name: string,
  exceptId?: string,
): void {
  const others = ctx.store
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
    (ctx.options.archivedNames?.(scope) ?? []).map((a) => ({ ...a, archived: true })),
  );
  if (archived) throw new AppError('invalid_argument', archived, { fieldErrors: { name: archived } });
}

/**
 * Puts the unit in the keychain, then the record on disk, then wakes the worker. A record that
 * cannot be saved (a full disk) is taken back and its unit wiped: nothing lingers to be sent.
 */
export async function persistNewEntry(
  ctx: Pick<StagingContext, 'options' | 'store' | 'worker' | 'notify'>,
  entry: OutboxEntry,
  unit: SecretUnit | null,
): Promise<void> {
  const { secrets, log } = ctx.options;
  if (unit) await writeStagedUnit(secrets, entry.id, entry.sourceType, unit);
  try {
    await ctx.store.put(entry);
  } catch (error) {
    ctx.store.drop(entry.id);
    if (unit) await wipeStagedKey({ secrets, log }, entry.id, 'staging_failed').catch(() => undefined);
    throw error;
  }
  log.info('key staged', {
    stagedId: entry.id,
    kind: entry.kind,
    sourceType: entry.sourceType,
    fingerprint: entry.fingerprint,
  });
  ctx.worker.wake();
  ctx.notify();
}

/** What a staging decides of a new entry; its id, marker, fingerprint, time and lifetime are made here. */
export type NewEntryFields = Omit<
  Parameters<typeof newEntry>[0],
  'id' | 'marker' | 'fingerprint' | 'stagedOffline' | 'now' | 'ttlMs'
>;

/** Builds a new create or change with its unit's fingerprint, and persists both (see persistNewEntry). */
export async function stageNewEntry(
  ctx: Pick<StagingContext, 'options' | 'store' | 'worker' | 'notify' | 'newId' | 'newMarker'>,
  fields: NewEntryFields,
  unit: SecretUnit | null,
): Promise<OutboxEntry> {
  const { options } = ctx;
  const entry = newEntry({
    id: ctx.newId(),
    ...fields,
    marker: ctx.newMarker(),
    fingerprint: unit ? unitFingerprint(fields.sourceType ?? 'claude_compliance', unit) : null,
    stagedOffline: options.network ? !options.network.isOnline() : false,
    now: options.clock.now(),
    ttlMs: await stagedTtlMs(options),
  });
  await persistNewEntry(ctx, entry, unit);
  return entry;
}

/**
 * Applies an edit to a waiting entry: checked first (a refused edit must not replace the staged
 * unit), then the new unit (if any) replaces the old one whole, then the record.
 */
export async function applyEntryEdit(
  ctx: Pick<StagingContext, 'options' | 'worker'>,
  entry: OutboxEntry,
  change: EntryEdit,
  unit: { type: SourceType; secrets: SecretUnit } | null,
): Promise<void> {
  transition(entry, { type: 'edited', edit: change }, ctx.options.clock.now());
  if (ctx.worker.isRunning(entry.id))
    throw new AppError('outbox.invalid_state', 'This entry is being submitted; try again in a moment.');
  if (unit) await writeStagedUnit(ctx.options.secrets, entry.id, unit.type, unit.secrets);
  await ctx.worker.apply(entry.id, { type: 'edited', edit: change });
  ctx.worker.wake();
}
