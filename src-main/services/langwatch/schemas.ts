/**
 * Wire schemas of LangWatch answers (after superjson decoding: dates are Date objects) and
 * their conversion to the JSON-safe DTOs of src-shared/domain/langwatch.ts. Every answer is
 * validated; a mismatch becomes `network.unexpected_answer` with a secret-free description.
 */
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import {
  SourceStatus,
  SourceType,
  type HealthMetrics,
  type Organization,
  type Permissions,
  type Source,
  type SourceEvent,
  type SourceHealthRow,
} from '../../../src-shared/domain/langwatch';

/** `Source` as tRPC sends it. */
export const WireSource = z.object({
  id: z.string(),
  organizationId: z.string(),
  teamId: z.string().nullable(),
  sourceType: SourceType,
  name: z.string(),
  description: z.string().nullable(),
  parserConfig: z.record(z.string(), z.unknown()).nullable(),
  status: SourceStatus,
  lastEventAt: z.date().nullable(),
  archivedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  createdById: z.string().nullable().optional(),
});
export type WireSource = z.infer<typeof WireSource>;

/**
 * `create`/`rotateSecret` answer. Only `source` is declared: zod strips `ingestSecret`, so the
 * one-time ingest secret is never read, returned, logged or persisted by the console.
 */
export const WireSourceWithSecret = z.object({ source: WireSource });

/** `organization.getAll` item (only the fields the console uses). */
export const WireOrganization = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  members: z.array(z.object({ role: z.string() })).optional().default([]),
  teams: z.array(z.object({ id: z.string(), name: z.string(), slug: z.string() })).optional().default([]),
});

/** `authz.effectivePermissions` answer. */
export const WirePermissions = z.object({ permissions: z.array(z.string()) });

/** `publicEnv` answer (the console reads the provider; the rest passes through). */
export const WirePublicEnv = z.looseObject({
  NEXTAUTH_PROVIDER: z.string().optional(),
  IS_SAAS: z.boolean().optional(),
});

// Counts and costs: the server promises numbers, but "0" strings happen (see eventsForSource).
const Count = z.union([z.number(), z.string()]).transform((v) => Number(v) || 0);
const MaybeIso = z
  .union([z.string(), z.date(), z.null()])
  .optional()
  .transform((v) => toIsoOrNull(v));

/** `activityMonitor.ingestionSourcesHealth` row. */
export const WireHealthRow = z.object({
  id: z.string(),
  name: z.string(),
  sourceType: SourceType,
  status: SourceStatus,
  lastEventIso: MaybeIso,
  eventsLast24h: Count,
});

/** `activityMonitor.sourceHealthMetrics` answer (also the CLI's `health`). */
export const WireHealthMetrics = z.object({
  events24h: Count,
  events7d: Count,
  events30d: Count,
  lastSuccessIso: MaybeIso,
});

/** `activityMonitor.eventsForSource` row (also the CLI's events). */
export const WireEvent = z.object({
  eventId: z.string(),
  eventType: z.string().default(''),
  actor: z.string().default(''),
  action: z.string().default(''),
  target: z.string().default(''),
  costUsd: Count,
  tokensInput: Count,
  tokensOutput: Count,
  eventTimestampIso: z.string(),
  ingestedAtIso: z.string().default(''),
  rawPayload: z.unknown(),
});

/** A valid ISO string from a Date or a date string; null for null/"" /unparsable. */
export function toIsoOrNull(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Converts a wire source to the IPC DTO. */
export function toSource(wire: WireSource): Source {
  return {
    id: wire.id,
    organizationId: wire.organizationId,
    teamId: wire.teamId,
    sourceType: wire.sourceType,
    name: wire.name,
    description: wire.description,
    // A JSON round trip makes it JSON-safe (a Date inside becomes its ISO string).
    parserConfig: JSON.parse(JSON.stringify(wire.parserConfig ?? {})) as Source['parserConfig'],
    status: wire.status,
    lastEventAt: wire.lastEventAt?.toISOString() ?? null,
    archivedAt: wire.archivedAt?.toISOString() ?? null,
    createdAt: wire.createdAt.toISOString(),
    updatedAt: wire.updatedAt.toISOString(),
    createdById: wire.createdById ?? null,
  };
}

/** Converts an `organization.getAll` item to the DTO. */
export function toOrganization(wire: z.infer<typeof WireOrganization>): Organization {
  const role = wire.members[0]?.role;
  return {
    id: wire.id,
    name: wire.name,
    slug: wire.slug,
    teams: wire.teams.map((t) => ({ id: t.id, name: t.name, slug: t.slug })),
    role: role === 'ADMIN' || role === 'MEMBER' || role === 'EXTERNAL' ? role : null,
  };
}

/** True when `granted` covers `wanted` (exact, `resource:*`, or `*`). */
function grants(granted: readonly string[], wanted: string): boolean {
  const resource = wanted.split(':')[0];
  return granted.some((p) => p === wanted || p === '*' || p === `${resource}:*`);
}

/** Turns the server's permission list into the three flags the UI needs. */
export function toPermissions(raw: readonly string[]): Permissions {
  return {
    canView: grants(raw, 'ingestionSources:view') || grants(raw, 'ingestionSources:manage'),
    canManage: grants(raw, 'ingestionSources:manage'),
    canViewHealth: grants(raw, 'activityMonitor:view'),
    raw: [...raw],
  };
}

/** Converts a health row (already normalised by the wire schema). */
export function toHealthRow(wire: z.infer<typeof WireHealthRow>): SourceHealthRow {
  return { ...wire };
}

/** Converts health metrics. */
export function toHealthMetrics(wire: z.infer<typeof WireHealthMetrics>): HealthMetrics {
  return { ...wire };
}

/** Converts an event row; an object payload becomes its JSON text. */
export function toSourceEvent(wire: z.infer<typeof WireEvent>): SourceEvent {
  const raw = wire.rawPayload;
  return {
    ...wire,
    rawPayload: typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : JSON.stringify(raw),
  };
}

/**
 * Validates an answer against its wire schema; on failure throws `network.unexpected_answer`
 * naming only the paths and issue kinds (never the values, which may hold secrets).
 */
export function parseAnswer<S extends z.ZodType>(schema: S, value: unknown, path: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`);
  throw new AppError(
    'network.unexpected_answer',
    'The server answered in an unexpected shape: this does not look like a LangWatch deployment (or it runs an incompatible version).',
    { path, issues },
  );
}
