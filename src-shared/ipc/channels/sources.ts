import { z } from 'zod';
import { Diagnosis } from '../../domain/diagnosis';
import { HealthMetrics, Source, SourceEvent } from '../../domain/langwatch';
import { MonitorStatus, SourcesDelta, SourcesSnapshot, StatusTransition } from '../../domain/source-status';
import { channel, idSchema, LIMITS, noInput } from '../define';

/** A detail read that may be unavailable for a calm reason (plan, permission) rather than an error. */
const Gated = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('ok'), value }),
    z.object({ kind: z.literal('enterprise_required') }),
    z.object({ kind: z.literal('forbidden') }),
  ]);

/** A page of events; `nextBeforeIso` pages on (null on the last page). */
export const EventsPageResult = z.object({ events: z.array(SourceEvent), nextBeforeIso: z.string().nullable() });

/** Live source status, detail, diagnosis and the admin actions that are not key submissions. */
export const sourcesChannels = {
  'sources.snapshot': channel({
    summary: 'The whole list of the active organisation plus the monitor state (initial load).',
    input: noInput,
    output: SourcesSnapshot,
  }),
  'sources.refreshNow': channel({ summary: 'Ticks the status monitor now.', input: noInput, output: MonitorStatus }),
  'sources.setVisibility': channel({
    summary: 'The window focus/visibility, which sets the refresh interval.',
    input: z.object({ focused: z.boolean(), visible: z.boolean() }).strict(),
    output: MonitorStatus,
  }),
  'sources.get': channel({ summary: 'One source, fresh from the server (archived ones too).', input: z.object({ id: idSchema }).strict(), output: Source }),
  'sources.health': channel({
    summary: 'Event counts of one source (24 h / 7 d / 30 d, last success).',
    input: z.object({ id: idSchema }).strict(),
    output: Gated(HealthMetrics),
  }),
  'sources.events': channel({
    summary: 'A page of ingested events of one source, newest first.',
    input: z
      .object({ id: idSchema, beforeIso: z.iso.datetime({ offset: true }).optional(), limit: z.number().int().min(1).max(200).optional() })
      .strict(),
    output: Gated(EventsPageResult),
  }),
  'sources.diagnose': channel({
    summary: 'Why a claude_compliance source may be stuck in awaiting_first_event.',
    input: z.object({ id: idSchema }).strict(),
    output: Diagnosis,
  }),
  'sources.setStatus': channel({
    summary: 'Enables or disables a source (ingestionSources:manage).',
    input: z.object({ id: idSchema, status: z.enum(['active', 'disabled', 'awaiting_first_event']) }).strict(),
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
  'sources.export': channel({
    summary: 'The table as JSON or CSV text (the renderer saves it); never a secret.',
    input: z
      .object({
        format: z.enum(['json', 'csv']),
        /** The rows in table order (filtered and sorted); all rows when omitted. */
        ids: z.array(idSchema).max(LIMITS.listItems).optional(),
        /** Staged entries shown inline, by their outbox view fields. */
        staged: z
          .array(z.object({ name: z.string().max(LIMITS.name), state: z.string().max(32), sourceType: z.string().max(64) }).strict())
          .max(LIMITS.listItems)
          .optional(),
      })
      .strict(),
    output: z.object({ filename: z.string(), mime: z.string(), text: z.string(), rows: z.number() }),
  }),
};

export const sourcesEvents = {
  'sources.changed': SourcesDelta,
  'sources.monitor': MonitorStatus,
  'sources.becameActive': StatusTransition.extend({ organizationId: z.string() }),
};
