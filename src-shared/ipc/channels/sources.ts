import { z } from 'zod';
import { Diagnosis, FeedFact, KeyCheckFact } from '../../domain/diagnosis';
import { errorDataSchema } from '../../errors';
import { HealthMetrics, Source, SourceEvent, SourceStatus } from '../../domain/langwatch';
import { SourcesPlan } from '../../domain/source-plan';
import { MonitorState, SourcesDelta, SourcesSnapshot, StatusTransition } from '../../domain/sources';
import { channel, idSchema, LIMITS, noInput } from '../define';

/** A detail read that may be unavailable for a calm reason (plan, permission) rather than an error. */
const Gated = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('ok'), value }),
    z.object({ kind: z.literal('enterprise_required') }),
    z.object({ kind: z.literal('forbidden') }),
    /** The server failed to answer (e.g. 500 `clickhouse_unavailable`); `error.details.reason` says why. */
    z.object({ kind: z.literal('unavailable'), error: errorDataSchema }),
  ]);

/** An event id as the server sent it (opaque; only compared). */
const EventId = z.string().min(1).max(256);

/**
 * A page of events; `nextBeforeIso` pages on (null on the last page) together with
 * `boundaryIds`, the rows already shown at that timestamp (sent back as `skipIds`).
 */
export const EventsPageResult = z.object({
  events: z.array(SourceEvent),
  nextBeforeIso: z.string().nullable(),
  boundaryIds: z.array(EventId).max(200),
});

/** What this console knows that the server does not say: the schedule it last sent, per source id. */
export const LocalSourceFacts = z.object({
  schedules: z.record(z.string(), z.object({ cron: z.string(), at: z.iso.datetime({ offset: true }) })),
});
export type LocalSourceFacts = z.infer<typeof LocalSourceFacts>;

/** Live source status, detail, diagnosis and the admin actions that are not key submissions. */
export const sourcesChannels = {
  'sources.snapshot': channel({
    summary: 'The whole list of the active organisation plus the monitor state (initial load).',
    input: noInput,
    output: SourcesSnapshot,
  }),
  'sources.refreshNow': channel({ summary: 'Ticks the sources monitor now.', input: noInput, output: MonitorState }),
  'sources.setVisibility': channel({
    summary: 'The window focus/visibility, which sets the refresh interval.',
    input: z.object({ focused: z.boolean(), visible: z.boolean() }).strict(),
    output: MonitorState,
  }),
  'sources.get': channel({
    summary: 'One source, fresh from the server (archived ones too).',
    input: z.object({ id: idSchema }).strict(),
    output: Source,
  }),
  'sources.health': channel({
    summary: 'Event counts of one source (24 h / 7 d / 30 d, last success).',
    input: z.object({ id: idSchema }).strict(),
    output: Gated(HealthMetrics),
  }),
  'sources.events': channel({
    summary: 'A page of ingested events of one source, newest first.',
    input: z
      .object({
        id: idSchema,
        beforeIso: z.iso.datetime({ offset: true }).optional(),
        /** `boundaryIds` of the previous page: re-read at the boundary, not shown twice. */
        skipIds: z.array(EventId).max(200).optional(),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
    output: Gated(EventsPageResult),
  }),
  'sources.diagnose': channel({
    summary: 'Why a claude_compliance source receives no events: facts, causes ranked by evidence, the fixing action.',
    input: z
      .object({
        id: idSchema,
        /** A key check and feed preview the admin just ran with a typed key (never the key itself). */
        justChecked: z.object({ keyCheck: KeyCheckFact, feed: FeedFact.nullable() }).strict().optional(),
      })
      .strict(),
    output: Diagnosis,
  }),
  'sources.localFacts': channel({
    summary: 'The pull schedule this console last sent per source (LangWatch does not report it).',
    input: noInput,
    output: LocalSourceFacts,
  }),
  'sources.archived': channel({
    summary: 'Archived sources this console knows of (created, changed or archived here); LangWatch never lists them.',
    input: noInput,
    output: z.array(Source),
  }),
  'sources.setStatus': channel({
    summary: 'Enables or disables a source (ingestionSources:manage).',
    input: z.object({ id: idSchema, status: SourceStatus }).strict(),
    output: Source,
  }),
  'sources.archive': channel({
    summary: 'Archives a source; the typed name must match (cannot be undone).',
    input: z.object({ id: idSchema, confirmName: z.string().min(1).max(LIMITS.name) }).strict(),
    output: Source,
  }),
  'sources.archivedNames': channel({
    summary: 'Archived sources of the active organisation this console has seen (their names stay taken).',
    input: noInput,
    output: z.array(z.object({ id: z.string(), name: z.string() })),
  }),
  'sources.plan': channel({
    summary:
      'The active organisation’s plan (Enterprise or not), its active-source cap and the active count; null parts are unknown.',
    input: noInput,
    output: SourcesPlan,
  }),
  'sources.export': channel({
    summary: 'The table as JSON or CSV text (the renderer saves it); never a secret.',
    input: z
      .object({
        format: z.enum(['json', 'csv']),
        /** The rows in table order (filtered and sorted); all rows when omitted. */
        ids: z.array(idSchema).max(LIMITS.listItems).optional(),
        /** Staged entries shown inline, by their outbox view fields. */
        staged: z
          .array(
            z
              .object({ name: z.string().max(LIMITS.name), state: z.string().max(32), sourceType: z.string().max(64) })
              .strict(),
          )
          .max(LIMITS.listItems)
          .optional(),
      })
      .strict(),
    output: z.object({ filename: z.string(), mime: z.string(), text: z.string(), rows: z.number() }),
  }),
};

export const sourcesEvents = {
  'sources.changed': SourcesDelta,
  'sources.monitor': MonitorState,
  'sources.becameActive': StatusTransition.extend({ organizationId: z.string() }),
};
