/**
 * What the live sources monitor shows about the sources of the active organisation: rows
 * (server sources plus health numbers), deltas between ticks, and the monitor's own state.
 * JSON-safe; never holds a credential (a Source's parserConfig never does, contract §4).
 */
import { z } from 'zod';
import { errorDataSchema } from '../errors';
import { ServerValue, Source } from './langwatch';

const IsoDate = z.iso.datetime({ offset: true });

/** A source as the table shows it: the server's fields plus events in the last 24 h. */
export const SourceRow = Source.extend({
  /** From `ingestionSourcesHealth`; null when the org (or the session) has no health. */
  eventsLast24h: z.number().nullable(),
});
export type SourceRow = z.infer<typeof SourceRow>;

/** A status change seen between two ticks. */
export const StatusTransition = z.object({
  id: z.string(),
  name: z.string(),
  from: ServerValue,
  to: ServerValue,
});
export type StatusTransition = z.infer<typeof StatusTransition>;

/** Whether list health could be shown: a non-enterprise org is a calm state, not an error. */
export const ListHealthKind = z.enum([
  'ok',
  'loading',
  'enterprise_required',
  'forbidden',
  'unavailable',
  'not_requested',
]);
export type ListHealthKind = z.infer<typeof ListHealthKind>;

/** What the monitor is doing right now. */
export const MonitorPhase = z.enum([
  /** No active organisation or session: nothing to poll. */
  'idle',
  'running',
  /** The network service says offline: ticks are paused until the probe succeeds. */
  'paused_offline',
  /** The last tick failed for another reason (server error, expired session); retried next tick. */
  'error',
]);
export type MonitorPhase = z.infer<typeof MonitorPhase>;

/** The monitor's state, pushed as `sources.monitor` whenever it changes. */
export const MonitorState = z.object({
  phase: MonitorPhase,
  organizationId: z.string().nullable(),
  /** When the last successful tick's answer arrived (this machine's clock); null before the first. */
  updatedAt: IsoDate.nullable(),
  /**
   * The deployment's clock at `updatedAt` (its `Date` header plus the few ms measured here
   * since the answer arrived); null when unknown. Ages of sources are server time minus
   * server time: serverNow + (local now - updatedAt) - createdAt. Never local now - createdAt.
   */
  serverNow: IsoDate.nullable().default(null),
  /** The current tick interval (5 s focused, 60 s in the background); null when paused. */
  intervalMs: z.number().nullable(),
  health: ListHealthKind,
  /** Why health is `unavailable` (a server error with its reason); null/absent otherwise. */
  healthError: errorDataSchema.nullable().optional(),
  /** Support mode (device session): read-only CLI REST. */
  readOnly: z.boolean(),
  canManage: z.boolean(),
  lastError: errorDataSchema.nullable(),
});
export type MonitorState = z.infer<typeof MonitorState>;

/** The whole list at once: the renderer's initial load (`sources.snapshot`). */
export const SourcesSnapshot = z.object({
  monitorState: MonitorState,
  rows: z.array(SourceRow),
});
export type SourcesSnapshot = z.infer<typeof SourcesSnapshot>;

/** Only what changed in one tick (`sources.changed`). */
export const SourcesDelta = z.object({
  organizationId: z.string(),
  /** Added or changed rows, whole. */
  upserts: z.array(SourceRow),
  removed: z.array(z.string()),
  transitions: z.array(StatusTransition),
  updatedAt: IsoDate,
});
export type SourcesDelta = z.infer<typeof SourcesDelta>;

/** The cadence a source was given, read from `parserConfig.pollEverySec` (null when absent). */
export function cadenceOf(source: Pick<Source, 'parserConfig'>): number | null {
  const value = source.parserConfig['pollEverySec'];
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}
