import { z } from 'zod';
import { Organization, Permissions, Profile, SessionState } from './langwatch';

/**
 * Whether health data (activityMonitor.*) can be shown for the active organisation:
 * unknown until probed; `enterprise_required` is a normal state, not an error.
 */
export const HealthAvailability = z.enum(['unknown', 'available', 'enterprise_required', 'forbidden']);
export type HealthAvailability = z.infer<typeof HealthAvailability>;

/**
 * Who is signed in to one deployment profile and how (cookie or read-only device session),
 * whether or not it is the active one: every profile keeps its own session.
 */
export const ProfileSession = z.object({ profileId: z.string(), session: SessionState });
export type ProfileSession = z.infer<typeof ProfileSession>;

/**
 * Everything the renderer needs to know about "where am I connected and what may I do",
 * pushed on every change (`auth.changed`). Never holds a cookie, token or password.
 */
export const AuthState = z.object({
  profiles: z.array(Profile),
  activeProfileId: z.string().nullable(),
  /** Session of the active profile (signed_out when there is none). */
  session: SessionState,
  organizations: z.array(Organization),
  activeOrganizationId: z.string().nullable(),
  /** What the person may do in the active organisation; null until known. */
  permissions: Permissions.nullable(),
  health: HealthAvailability,
  /** Device-flow sessions are read-only whatever the permissions say. */
  readOnly: z.boolean(),
  /**
   * The session of every profile, in profile order (the active one too). A profile whose
   * session is not known yet is absent: "not known" never reads as signed out.
   */
  profileSessions: z.array(ProfileSession),
});
export type AuthState = z.infer<typeof AuthState>;
