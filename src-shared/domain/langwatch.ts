/**
 * Console-side shapes of LangWatch data as they cross IPC: JSON-safe (dates are ISO
 * strings), validated on both sides. The wire shapes (Date objects after superjson) live in
 * src-main/services/langwatch/schemas.ts and are converted to these.
 */
import { z } from 'zod';
import { errorDataSchema } from '../errors';

/** The three statuses the server stores; "archived" is `archivedAt != null`, never a status. */
export const SourceStatus = z.enum(['awaiting_first_event', 'active', 'disabled']);
export type SourceStatus = z.infer<typeof SourceStatus>;

/** The 11 ingestion source types the server accepts, in LangWatch's menu order (the catalog keeps it). */
export const SourceType = z.enum([
  'otel_generic',
  'claude_code',
  'claude_cowork',
  'workato',
  'copilot_studio',
  'openai_compliance',
  'claude_compliance',
  'anthropic_admin',
  'databricks_genie',
  's3_custom',
  'http_custom',
]);
export type SourceType = z.infer<typeof SourceType>;

/**
 * A `sourceType` or `status` as the server sent it. Both are plain strings in LangWatch's
 * database, so a newer server can answer values this console does not know: they are kept
 * (shown raw, marked unknown), never a reason to refuse the list, the health or the detail.
 */
export const ServerValue = z.string().max(200);

/** True when `value` is one of the source types this console knows. */
export function isKnownSourceType(value: string): value is SourceType {
  return (SourceType.options as readonly string[]).includes(value);
}

/** True when `value` is one of the statuses this console knows. */
export function isKnownSourceStatus(value: string): value is SourceStatus {
  return (SourceStatus.options as readonly string[]).includes(value);
}

const IsoDate = z.iso.datetime({ offset: true });
const JsonObject = z.record(z.string(), z.json());

/** An ingestion source (contract §4). `parserConfig` never holds credentials or `_` keys. */
export const Source = z.object({
  id: z.string(),
  organizationId: z.string(),
  teamId: z.string().nullable(),
  /** Known values are {@link SourceType}; others come from a newer server. */
  sourceType: ServerValue,
  name: z.string(),
  description: z.string().nullable(),
  parserConfig: JsonObject,
  /** Known values are {@link SourceStatus}; others come from a newer server. */
  status: ServerValue,
  lastEventAt: IsoDate.nullable(),
  archivedAt: IsoDate.nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  createdById: z.string().nullable(),
  /**
   * The cron LangWatch pulls on. Newer LangWatch versions return it (null = never pulled);
   * older ones omit it (undefined = unknown, never read as "not scheduled").
   */
  pullSchedule: z.string().nullable().optional(),
  /** Failed pulls in a row; newer LangWatch versions return it, older ones omit it (unknown). */
  errorCount: z.number().int().nonnegative().nullable().optional(),
});
export type Source = z.infer<typeof Source>;

/** The caller's role in an organisation (from its own member row). */
export const OrganizationRole = z.enum(['ADMIN', 'MEMBER', 'EXTERNAL']);
export type OrganizationRole = z.infer<typeof OrganizationRole>;

/** An organisation the signed-in person belongs to. `role` is null if the server sent no row. */
export const Organization = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  teams: z.array(z.object({ id: z.string(), name: z.string(), slug: z.string() })),
  role: OrganizationRole.nullable(),
});
export type Organization = z.infer<typeof Organization>;

/** What the person may do in one organisation; `raw` is the server's permission list. */
export const Permissions = z.object({
  canView: z.boolean(),
  canManage: z.boolean(),
  canViewHealth: z.boolean(),
  raw: z.array(z.string()),
});
export type Permissions = z.infer<typeof Permissions>;

/** One row of `activityMonitor.ingestionSourcesHealth` (enterprise orgs). */
export const SourceHealthRow = z.object({
  id: z.string(),
  name: z.string(),
  sourceType: ServerValue,
  status: ServerValue,
  lastEventIso: z.string().nullable(),
  eventsLast24h: z.number(),
});
export type SourceHealthRow = z.infer<typeof SourceHealthRow>;

/** Event counts of one source; `lastSuccessIso` null when the server has none. */
export const HealthMetrics = z.object({
  events24h: z.number(),
  events7d: z.number(),
  events30d: z.number(),
  lastSuccessIso: z.string().nullable(),
});
export type HealthMetrics = z.infer<typeof HealthMetrics>;

/** One ingested event (`activityMonitor.eventsForSource` row; never null, "" when missing). */
export const SourceEvent = z.object({
  eventId: z.string(),
  eventType: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  costUsd: z.number(),
  tokensInput: z.number(),
  tokensOutput: z.number(),
  eventTimestampIso: z.string(),
  ingestedAtIso: z.string(),
  /** The raw payload as text (JSON when the server sent an object). */
  rawPayload: z.string(),
});
export type SourceEvent = z.infer<typeof SourceEvent>;

/**
 * Health of the whole list: the rows, or why there are none. A non-enterprise org is a
 * normal state ("health needs an Enterprise plan"), not an error.
 */
export const SourcesHealth = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ok'), rows: z.array(SourceHealthRow) }),
  z.object({ kind: z.literal('enterprise_required') }),
  z.object({ kind: z.literal('forbidden') }),
  /** Health failed for another reason (server error...); the list itself is still good. */
  z.object({ kind: z.literal('unavailable'), error: errorDataSchema }),
]);
export type SourcesHealth = z.infer<typeof SourcesHealth>;

/** `ingestionSources.create` input, exactly as the server takes it. */
export const CreateSourceInput = z.object({
  organizationId: z.string().min(1),
  teamId: z.string().nullable().optional(),
  sourceType: SourceType,
  name: z.string().min(1).max(128),
  description: z.string().nullable().optional(),
  parserConfig: z.record(z.string(), z.unknown()).optional(),
  pullConfig: z.record(z.string(), z.unknown()).nullable().optional(),
  pullSchedule: z.string().min(1).max(64).nullable().optional(),
});
export type CreateSourceInput = z.infer<typeof CreateSourceInput>;

/** `ingestionSources.update` input: omitted fields stay unchanged on the server. */
export const UpdateSourceInput = z.object({
  organizationId: z.string().min(1),
  id: z.string().min(1),
  name: z.string().min(1).max(128).optional(),
  description: z.string().nullable().optional(),
  parserConfig: z.record(z.string(), z.unknown()).optional(),
  status: SourceStatus.optional(),
  teamId: z.string().nullable().optional(),
  pullSchedule: z.string().min(1).max(64).nullable().optional(),
});
export type UpdateSourceInput = z.infer<typeof UpdateSourceInput>;

/** A signed-in LangWatch user, as much as the console needs. */
export const LangwatchUser = z.object({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
});
export type LangwatchUser = z.infer<typeof LangwatchUser>;

/** The organisation a device-flow token is bound to. */
export const DeviceOrganization = z.object({ id: z.string(), name: z.string(), slug: z.string() });
export type DeviceOrganization = z.infer<typeof DeviceOrganization>;

/** How a cookie session was obtained; `restored` = read back from the keychain at start. */
export const SessionMethod = z.enum(['email', 'browser', 'restored']);
export type SessionMethod = z.infer<typeof SessionMethod>;

/** A session state as shown to the renderer (never a cookie or token). */
const ActiveSessionState = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('signed_in'), method: SessionMethod, user: LangwatchUser }),
  z.object({
    kind: z.literal('device'),
    user: LangwatchUser,
    organization: DeviceOrganization,
    /** When the refresh token runs out and the person must approve a device again. */
    expiresAt: IsoDate.nullable(),
  }),
]);

/** Per-profile session state (device sessions are read-only). */
export const SessionState = z.union([
  z.object({ kind: z.literal('signed_out'), reason: z.string().optional() }),
  ActiveSessionState,
  z.object({ kind: z.literal('expired'), previous: ActiveSessionState }),
]);
export type SessionState = z.infer<typeof SessionState>;

/** A LangWatch deployment the console knows. */
export const Profile = z.object({
  id: z.string(),
  name: z.string().min(1).max(128),
  baseUrl: z.string(),
  anthropicBaseUrl: z.string(),
  lastOrganizationId: z.string().optional(),
  createdAt: IsoDate,
});
export type Profile = z.infer<typeof Profile>;
