import { z } from 'zod';
import { KeyCheckResult, KeyPreviewResult, LastKeyVerdicts, RecordedKeyVerdict } from '../../domain/key-check';
import { SourceCheckResult, TypedSourceCheckInput } from '../../domain/source-check';
import { channel, idSchema, LIMITS, noInput } from '../define';

/**
 * A key typed in a key field: sent once for one check, never stored or echoed. Only its
 * size is bounded here; the client-side key rules run in main (`invalid_argument` with the
 * same messages as the form), so a refusal never carries the key in an issue.
 */
const typedKeyInput = z.object({ profileId: idSchema, key: z.string().min(1).max(LIMITS.secret) }).strict();

/**
 * A typed key checked from a source's diagnosis ("Test key again"): a definitive verdict
 * (valid, revoked, missing scope) is remembered for that source, so the row and the summary
 * strip carry it too.
 */
const typedCheckInput = typedKeyInput.extend({ sourceId: idSchema.optional() }).strict();

/** A staged entry's key: main reads it from the keychain, the renderer names only the entry. */
const stagedKeyInput = z.object({ stagedId: idSchema }).strict();

/** Typed secrets of any source type (from the composer), checked once and never kept. */
const typedSourceInput = TypedSourceCheckInput.extend({ profileId: idSchema.optional() }).strict();

/** A staged entry of any source type: main reads its secret unit, for its owner only. */
const stagedSourceInput = z.object({ entryId: idSchema }).strict();

/** Anthropic key check: test a compliance key and preview the events LangWatch will get. */
export const keyChecksChannels = {
  'keyChecks.checkTyped': channel({
    summary:
      'Tests a typed key against the profile’s Anthropic base URL (never stored); with a sourceId, remembers a definitive verdict for it.',
    input: typedCheckInput,
    output: KeyCheckResult,
  }),
  'keyChecks.checkStaged': channel({
    summary: 'Tests the key of a staged entry, read from the keychain (outbox.key_missing when gone).',
    input: stagedKeyInput,
    output: KeyCheckResult,
  }),
  'keyChecks.previewTyped': channel({
    summary: 'The 20 most recent activities the typed key can read, as governance events (raw kept).',
    input: typedKeyInput,
    output: KeyPreviewResult,
  }),
  'keyChecks.previewStaged': channel({
    summary: 'The 20 most recent activities the staged key can read, as governance events (raw kept).',
    input: stagedKeyInput,
    output: KeyPreviewResult,
  }),
  'keyChecks.checkSource': channel({
    summary:
      'Checks typed credentials of a source type against its vendor without side effects; says what it proved and what it could not.',
    input: typedSourceInput,
    output: SourceCheckResult,
  }),
  'keyChecks.checkStagedSource': channel({
    summary:
      'Checks the staged credentials of an outbox entry (owner and deployment checked; keychain.unavailable when locked).',
    input: stagedSourceInput,
    output: SourceCheckResult,
  }),
  'keyChecks.lastVerdicts': channel({
    summary: 'The most recent key verdicts by staged entry and by source (no secret).',
    input: noInput,
    output: LastKeyVerdicts,
  }),
};

export const keyChecksEvents = {
  'keyChecks.verdictRecorded': RecordedKeyVerdict,
};
