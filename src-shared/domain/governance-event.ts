import { z } from 'zod';
import { complianceActivitySchema, type ComplianceActivity } from './compliance-activity';

// The one mapping from an Anthropic activity to a governance event (Actor, Action, Target),
// as the contract's "Mapping to a governance event" defines it. Pure and JSON-safe, so the
// preview can send it over IPC and tests can table it.

/** A governance event: who did what to which thing, when. */
export const governanceEventSchema = z.object({
  /** The activity's `id`, the dedup key. */
  sourceEventId: z.string(),
  /** The activity's `created_at` (RFC 3339), as received. */
  time: z.string(),
  actor: z.object({
    /** `actor.type` as received (`user_actor`, …, or a type we do not know yet); `unknown` if absent. */
    kind: z.string(),
    /** A stable id (user, API key, admin key or directory id); null when the actor has none. */
    id: z.string().nullable(),
    email: z.string().optional(),
  }),
  action: z.object({
    /** The activity `type`, e.g. `claude_chat_created`. */
    type: z.string(),
    /** Text before the last `_` (`claude_chat`); the whole type when it has no `_`. */
    family: z.string(),
  }),
  target: z.object({
    /** The id field's name without `_id` (`claude_chat`, `workspace`, …), `organization` or `unknown`. */
    kind: z.string(),
    id: z.string().nullable(),
  }),
  /** The activity as parsed, unknown fields included. */
  raw: z.record(z.string(), z.unknown()),
});
export type GovernanceEvent = z.infer<typeof governanceEventSchema>;

/** What the event preview returns over IPC: the mapped events and the activities behind them. */
export const activityPreviewSchema = z.object({
  events: z.array(governanceEventSchema),
  activities: z.array(complianceActivitySchema),
  /** Records in the page that were not activities we could read (shown, never hidden). */
  rejectedCount: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  requestId: z.string().nullable(),
  fetchedAt: z.iso.datetime(),
});
export type ActivityPreview = z.infer<typeof activityPreviewSchema>;

/** Actor fields that hold a stable id, in the order the contract lists them. */
const ACTOR_ID_FIELDS = ['user_id', 'api_key_id', 'admin_api_key_id', 'directory_id'] as const;

/**
 * Type-specific fields naming the thing acted on, most specific first: a chat created in a
 * project targets the chat. Other `*_id` fields are used after these (see `targetOf`).
 */
export const TARGET_ID_FIELDS = [
  'claude_chat_id',
  'claude_file_id',
  'claude_project_id',
  'workspace_id',
  'api_key_id',
] as const;

/** Top-level fields that are never the target: the record's own id and its organisation. */
const NOT_TARGET_FIELDS = new Set(['id', 'organization_id', 'organization_uuid']);

/** Maps an activity to its governance event. Never throws on unknown types or missing fields. */
export function activityToGovernanceEvent(activity: ComplianceActivity): GovernanceEvent {
  return {
    sourceEventId: activity.id,
    time: activity.created_at,
    actor: actorOf(activity),
    action: { type: activity.type, family: activityFamily(activity.type) },
    target: targetOf(activity),
    raw: { ...activity },
  };
}

/** The family of an activity type: text before the last `_` (`claude_chat_created` -> `claude_chat`). */
export function activityFamily(type: string): string {
  const cut = type.lastIndexOf('_');
  return cut <= 0 ? type : type.slice(0, cut);
}

function actorOf(activity: ComplianceActivity): GovernanceEvent['actor'] {
  const actor = activity.actor;
  if (!actor) return { kind: 'unknown', id: null };
  const id = ACTOR_ID_FIELDS.map((field) => nonEmpty(actor[field])).find((v) => v !== null) ?? null;
  // An unauthenticated user has only the address they typed; it is still the best handle.
  const email = nonEmpty(actor.email_address) ?? nonEmpty(actor.unauthenticated_email_address);
  return email === null ? { kind: actor.type, id } : { kind: actor.type, id, email };
}

function targetOf(activity: ComplianceActivity): GovernanceEvent['target'] {
  const fields = activity as Record<string, unknown>;
  for (const field of TARGET_ID_FIELDS) {
    const id = nonEmpty(fields[field]);
    if (id !== null) return { kind: field.slice(0, -'_id'.length), id };
  }
  // Activity types we have not listed still usually name their object in a `*_id` field
  // (`claude_artifact_id`, `role_id`, …): the first one, in the record's own order, beats
  // falling back to the organisation.
  for (const [field, value] of Object.entries(fields)) {
    if (!field.endsWith('_id') || NOT_TARGET_FIELDS.has(field) || field === '_id') continue;
    const id = nonEmpty(value);
    if (id !== null) return { kind: field.slice(0, -'_id'.length), id };
  }
  const org = nonEmpty(activity.organization_id) ?? nonEmpty(activity.organization_uuid);
  if (org !== null) return { kind: 'organization', id: org };
  return { kind: 'unknown', id: null };
}

function nonEmpty(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
