/**
 * Wire schemas of LangWatch answers (after superjson decoding: dates are Date objects) and
 * their conversion to the JSON-safe DTOs of src-shared/domain/langwatch.ts. Every answer is
 * validated; a mismatch becomes `network.unexpected_answer` with a secret-free description.
 */
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import {
  ServerValue,
  type HealthMetrics,
  type Organization,
  type Permissions,
  Source,
  type SourceEvent,
  type SourceHealthRow,
} from '../../../src-shared/domain/langwatch';

/**
 * A date as it arrives: a Date (superjson revived it) or its ISO string (Date-only answers
 * are not revived, see superjson-decode.ts). Either way it leaves as an ISO string.
 */
// The string branch first: it is the common case, and a failed first branch costs zod an issue object.
const WireDate = z.union([z.iso.datetime({ offset: true }), z.date()]);
type WireDate = z.infer<typeof WireDate>;

/**
 * A `sourceType` / `status` as the server stores it: any string (a newer server may know
 * values this console does not; they are shown, never fatal), cut to what the DTO carries.
 */
export const WireServerValue = z.string().transform((v) => v.slice(0, ServerValue.maxLength ?? 200));

/**
 * `Source` as tRPC sends it: the IPC DTO's fields, with what differs on the wire (dates as
 * Date or ISO string, a nullable parserConfig, createdById possibly absent).
 */
export const WireSource = Source.extend({
  sourceType: WireServerValue,
  status: WireServerValue,
  // Any JSON object (a loose object: keys are strings by construction, and checking each one
  // per row per tick is a measurable share of a 5,000-source refresh).
  parserConfig: z.looseObject({}).nullable(),
  lastEventAt: WireDate.nullable(),
  archivedAt: WireDate.nullable(),
  createdAt: WireDate,
  updatedAt: WireDate,
  createdById: z.string().nullable().optional(),
});
export type WireSource = z.infer<typeof WireSource>;

/** `organization.getAll` item (only the fields the console uses). */
export const WireOrganization = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  members: z
    .array(z.object({ role: z.string() }))
    .optional()
    .default([]),
  teams: z
    .array(z.object({ id: z.string(), name: z.string(), slug: z.string() }))
    .optional()
    .default([]),
});

/** `plan.getActivePlan` answer (LangWatch's `PlanInfo`; the console reads the type). */
export const WireActivePlan = z.looseObject({ type: z.string().min(1).max(64), name: z.string().optional() });

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
  sourceType: WireServerValue,
  status: WireServerValue,
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
  if (typeof value === 'string' && isCanonicalIso(value)) return value;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * True for the exact form `Date.toISOString()` produces (what superjson sends): such a string
 * is kept as is instead of being parsed and formatted again, 25,000 times per 5,000-row tick.
 */
function isCanonicalIso(value: string): boolean {
  return value.length === 24 && CANONICAL_ISO.test(value) && !Number.isNaN(Date.parse(value));
}

function toIso(value: WireDate): string {
  if (value instanceof Date) return value.toISOString();
  // The schema already validated it as an ISO datetime: only the canonical UTC shape is
  // checked here (by position, it runs 20,000 times per 5,000-row tick).
  const canonical = value.length === 24 && value.charCodeAt(19) === 46 /* . */ && value.charCodeAt(23) === 90; /* Z */
  return canonical ? value : new Date(value).toISOString();
}

/** True when the value holds only what JSON can carry (checked without copying it). */
function isPlainJson(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (depth > 32 || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.every((item) => isPlainJson(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every((item) => isPlainJson(item, depth + 1));
}

/** The value itself when it is plain JSON, else a JSON round trip (a Date inside becomes its ISO string). */
function toJsonSafe(value: unknown): unknown {
  return isPlainJson(value) ? value : JSON.parse(JSON.stringify(value));
}

/**
 * A server's parserConfig without what it must never hand out (contract §4): `credentials`
 * (a sealed key) and every `_`-prefixed key (server-internal state). A server that sends
 * them anyway (an older or broken deployment) gets them dropped here, so they never reach
 * the renderer, a record, or an update sent back.
 */
export function publicParserConfig(config: Record<string, unknown>): Record<string, unknown> {
  const hidden = (key: string) => key === 'credentials' || key.startsWith('_');
  // Runs per row per monitor tick: no copy when there is nothing to drop (the normal case).
  if (!Object.keys(config).some(hidden)) return config;
  return Object.fromEntries(Object.entries(config).filter(([key]) => !hidden(key)));
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
    parserConfig: toJsonSafe(publicParserConfig(wire.parserConfig ?? {})) as Source['parserConfig'],
    status: wire.status,
    lastEventAt: wire.lastEventAt === null ? null : toIso(wire.lastEventAt),
    archivedAt: wire.archivedAt === null ? null : toIso(wire.archivedAt),
    createdAt: toIso(wire.createdAt),
    updatedAt: toIso(wire.updatedAt),
    createdById: wire.createdById ?? null,
    pullSchedule: wire.pullSchedule,
    errorCount: wire.errorCount,
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
  const issues = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`);
  throw new AppError(
    'network.unexpected_answer',
    'The server answered in an unexpected shape: this does not look like a LangWatch deployment (or it runs an incompatible version).',
    { path, issues },
  );
}
