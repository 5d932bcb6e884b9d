import { z } from 'zod';

// Anthropic Compliance API `Activity` records (contract anthropic-compliance.md, "Activity").
// The feed has 480+ activity types and keeps adding more, and actor types may grow too, so
// every object here is loose: unknown `type`/`actor.type` values and type-specific fields
// pass through untouched. Only the few fields we read are typed.

/** The actor types the contract lists; others may appear and must pass through. */
export const KNOWN_ACTOR_TYPES = [
  'user_actor',
  'api_actor',
  'admin_api_key_actor',
  'unauthenticated_user_actor',
  'anthropic_actor',
  'scim_directory_sync_actor',
] as const;
export type KnownActorType = (typeof KNOWN_ACTOR_TYPES)[number];

const text = z.string().nullish();

/** Who did it. Known fields typed (all optional, since shapes differ by type), rest kept. */
export const activityActorSchema = z.looseObject({
  type: z.string(),
  email_address: text,
  user_id: text,
  api_key_id: text,
  admin_api_key_id: text,
  unauthenticated_email_address: text,
  directory_id: text,
  workos_event_id: text,
  idp_connection_type: text,
  ip_address: text,
  user_agent: text,
});
export type ActivityActor = z.infer<typeof activityActorSchema>;

/** One activity. Type-specific fields (`claude_chat_id`, `filename`, …) sit at top level. */
export const complianceActivitySchema = z.looseObject({
  /** `activity_…`: the dedup key (delivery is at-least-once). */
  id: z.string().min(1),
  /** RFC 3339, kept as received. */
  created_at: z.string().min(1),
  organization_id: text,
  organization_uuid: text,
  // Tolerated when missing or null: one odd record must not hide the rest of a page.
  actor: activityActorSchema.nullish(),
  /** Open-ended (`claude_chat_created`, `compliance_api_accessed`, …). */
  type: z.string(),
});
export type ComplianceActivity = z.infer<typeof complianceActivitySchema>;

/**
 * One page of `GET /v1/compliance/activities`. `data` is checked item by item with
 * `parseActivities`, so a single malformed record does not reject the whole page.
 */
export const complianceActivitiesPageSchema = z.looseObject({
  data: z.array(z.unknown()),
  has_more: z.boolean(),
  first_id: z.string().nullable(),
  last_id: z.string().nullable(),
});
export type ComplianceActivitiesPage = z.infer<typeof complianceActivitiesPageSchema>;

/** The activities that parsed, and how many records did not (to say so, not to hide it). */
export interface ParsedActivities {
  activities: ComplianceActivity[];
  rejectedCount: number;
}

/** Parses a page's `data` one record at a time, keeping the good ones in order. */
export function parseActivities(items: readonly unknown[]): ParsedActivities {
  const activities: ComplianceActivity[] = [];
  let rejectedCount = 0;
  for (const item of items) {
    const result = complianceActivitySchema.safeParse(item);
    if (result.success) activities.push(result.data);
    else rejectedCount += 1;
  }
  return { activities, rejectedCount };
}
