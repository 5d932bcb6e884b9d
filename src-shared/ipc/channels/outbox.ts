import { z } from 'zod';
import { channel, idSchema, LIMITS, noInput } from '../define';
import { OutboxEntryView, SourceHistoryItem } from '../../domain/outbox';
import { sourceChangeFields } from '../../domain/source-change';
import { SourceDraftShape } from '../../domain/source-draft';

// A key or secret crosses IPC once, renderer -> main, inside `outbox.stage` / `outbox.edit` /
// `outbox.stageSource` / `outbox.stageSourceChange` / `outbox.editSource`; it is never part of
// any answer or event. Main re-validates every field with the composer, draft or change schema.
const key = z.string().max(LIMITS.secret);
const name = z.string().max(LIMITS.name + 64);
const cadence = z.number().int().positive().max(10_000_000);
/** A custom cron (main checks it with croner, as LangWatch does). */
const pullSchedule = z.string().max(128);

/** What a staged submission carries, the same when it is staged and when it is edited. */
const submissionFields = {
  name,
  description: z.string().max(LIMITS.description).optional(),
  teamId: idSchema.nullable().optional(),
  key: key.optional(),
  /** A fixed interval; or `pullSchedule` for a custom cron; an update may send neither (schedule kept). */
  pollEverySec: cadence.optional(),
  pullSchedule: pullSchedule.optional(),
};

/**
 * `kind: 'create'`: a new `claude_compliance` source (key required, no sourceId).
 * `kind: 'update'`: re-key and/or cadence change of `sourceId` (`key` absent = keep the stored key).
 * One strict object refined per kind (a discriminated union would report a missing `kind`
 * before unknown keys, and every channel must reject unknown keys first).
 */
export const OutboxStageInput = z
  .object({
    kind: z.enum(['create', 'update']),
    organizationId: idSchema,
    sourceId: idSchema.optional(),
    ...submissionFields,
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.kind === 'create') {
      if (input.key === undefined)
        ctx.addIssue({ code: 'custom', path: ['key'], message: 'Paste the compliance key.' });
      if (input.sourceId !== undefined)
        ctx.addIssue({ code: 'custom', path: ['sourceId'], message: 'A new source has no id yet.' });
    } else {
      if (input.sourceId === undefined)
        ctx.addIssue({ code: 'custom', path: ['sourceId'], message: 'Which source to change?' });
      if (input.description !== undefined || input.teamId !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['description'],
          message: 'Only the key and the cadence of an existing source change here.',
        });
      }
    }
  });
export type OutboxStageInput = z.infer<typeof OutboxStageInput>;

/** An edit of a waiting entry; `key` absent or empty = keep the staged key; no schedule = keep the entry's. */
export const OutboxEditInput = z.object({ stagedId: idSchema, ...submissionFields }).strict();
export type OutboxEditInput = z.infer<typeof OutboxEditInput>;

/**
 * A new source of any type (`SourceDraft`, checked against the catalog again in main): its
 * secret fields are staged as one keychain item, the rest recorded with the entry.
 */
export const OutboxStageSourceInput = SourceDraftShape.extend({ organizationId: idSchema }).strict();
export type OutboxStageSourceInput = z.input<typeof OutboxStageSourceInput>;

/** A change of an existing source of any type (`SourceChange`): a re-key stages a whole new secret unit. */
export const OutboxStageSourceChangeInput = z
  .object({ organizationId: idSchema, sourceId: idSchema, ...sourceChangeFields })
  .strict();
export type OutboxStageSourceChangeInput = z.input<typeof OutboxStageSourceChangeInput>;

/**
 * An edit of a waiting entry of any type: a create's fields as a draft (its plain values whole),
 * an update's as a change. `secrets` absent or empty = keep the staged unit; given = a whole new one.
 */
const { sourceType: _type, ...editableFields } = sourceChangeFields;
export const OutboxEditSourceInput = z
  .object({ stagedId: idSchema, teamId: idSchema.nullable().optional(), ...editableFields })
  .strict();
export type OutboxEditSourceInput = z.input<typeof OutboxEditSourceInput>;

export const OutboxStageResult = z.object({
  stagedId: z.string(),
  /** `sk-ant-api01-…a1b2`; null for a cadence-only change. */
  fingerprint: z.string().nullable(),
  /** Non-blocking note (unknown key prefix). */
  warning: z.string().optional(),
});

const byId = z.object({ stagedId: idSchema }).strict();

/** Staged submissions: the composer's way to LangWatch. */
export const outboxChannels = {
  'outbox.stage': channel({
    summary: 'Stages a key (keychain) and its submission (outbox); answers at once.',
    input: OutboxStageInput,
    output: OutboxStageResult,
  }),
  'outbox.stageSource': channel({
    summary: 'Stages a new source of any type: its secrets as one keychain item, its submission in the outbox.',
    input: OutboxStageSourceInput,
    output: OutboxStageResult,
  }),
  'outbox.stageSourceChange': channel({
    summary: 'Stages a change of an existing source of any type (name, description, values, schedule, re-key).',
    input: OutboxStageSourceChangeInput,
    output: OutboxStageResult,
  }),
  'outbox.editSource': channel({
    summary: 'Edits a waiting entry of any type (optionally with a new secret unit) and resubmits it.',
    input: OutboxEditSourceInput,
    output: OutboxStageResult,
  }),
  'outbox.list': channel({
    summary: 'Every outbox entry (no secrets).',
    input: noInput,
    output: z.array(OutboxEntryView),
  }),
  'outbox.retryNow': channel({ summary: 'Tries a waiting entry again now.', input: byId, output: OutboxEntryView }),
  'outbox.edit': channel({
    summary: 'Edits a waiting entry (optionally with a new key) and resubmits it.',
    input: OutboxEditInput,
    output: OutboxStageResult,
  }),
  'outbox.discard': channel({
    summary: 'Discards a waiting entry; its key is wiped.',
    input: byId,
    output: OutboxEntryView,
  }),
  'outbox.history': channel({
    summary: 'What this console did to a source (created, re-keyed, cadence changed).',
    input: z.object({ sourceId: idSchema }).strict(),
    output: z.array(SourceHistoryItem),
  }),
};

export const outboxEvents = {
  /** The whole (small) list after any change. */
  'outbox.changed': z.array(OutboxEntryView),
  /** An entry staged while offline went through (main shows a system notification). */
  'outbox.submitted': OutboxEntryView,
};
