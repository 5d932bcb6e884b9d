/**
 * Reading a staged entry's source for a credential check: its owner and deployment checked
 * (the outbox's `stagedKeyTarget` refuses anyone else and read-only sessions), its secret unit
 * read from the keychain, a locked keychain told apart from a missing unit.
 *
 * What it assumes of the outbox of issue 20 (room `out`): the unit under `staged:<id>` is either
 * one JSON object of the type's secret fields (by field key) or, for entries staged before
 * it, the bare compliance key; the entry's view carries `sourceType` and `values` (plain fields
 * by key) once it records them, and an entry without them is a `claude_compliance` one.
 */
import { z } from 'zod';
import { SourceType } from '../../../src-shared/domain/langwatch';
import { AppError } from '../../../src-shared/errors';
import { readStagedUnit } from '../outbox/staged-key';
import type { SecretStore } from '../secrets/secret-store';

/** A staged source as a check needs it; the secrets live only for the check. */
export interface StagedSource {
  profileId: string;
  /** The Anthropic URL the entry was staged for (the profile's may have changed since). */
  anthropicBaseUrl?: string;
  sourceType: SourceType;
  values: Record<string, string>;
  secrets: Record<string, string>;
}

/**
 * Reads one staged entry's source. Throws `outbox.not_found`, `outbox.not_yours`,
 * `auth.read_only` (not the owner on the owner's deployment), `keychain.unavailable` (locked or
 * no answer: the unit is kept) and `outbox.key_missing` (the keychain answers and has no unit).
 */
export type StagedSourceReader = (entryId: string) => Promise<StagedSource>;

/** What the reader needs of the outbox. */
export interface StagedEntries {
  stagedKeyTarget(id: string): { profileId: string; anthropicBaseUrl?: string } | null;
  list(): ReadonlyArray<{ id: string }>;
}

const facts = z.looseObject({
  sourceType: SourceType.optional(),
  values: z.record(z.string(), z.string()).optional(),
});

/** The reader over the outbox and the keychain. */
export function createStagedSourceReader(deps: { outbox: StagedEntries; secrets: SecretStore }): StagedSourceReader {
  return async (entryId) => {
    const target = deps.outbox.stagedKeyTarget(entryId);
    if (!target) throw new AppError('outbox.not_found', 'This staged entry no longer exists.', { entryId });
    const view = facts.safeParse(deps.outbox.list().find((e) => e.id === entryId) ?? {});
    const sourceType = (view.success ? view.data.sourceType : undefined) ?? 'claude_compliance';
    // The outbox's own read: a whole unit of the entry's type, or nothing (a part is never checked).
    const read = await readStagedUnit(deps.secrets, entryId, sourceType);
    if (read.kind === 'unavailable') throw new AppError('keychain.unavailable', read.error.message, { entryId });
    if (read.kind === 'absent')
      throw new AppError(
        'outbox.key_missing',
        'The keychain no longer holds the secrets of this staged entry, so they cannot be checked. Enter them again or discard the entry.',
        { entryId },
      );
    return {
      profileId: target.profileId,
      ...(target.anthropicBaseUrl ? { anthropicBaseUrl: target.anthropicBaseUrl } : {}),
      sourceType,
      values: (view.success ? view.data.values : undefined) ?? {},
      secrets: { ...read.unit },
    };
  };
}
