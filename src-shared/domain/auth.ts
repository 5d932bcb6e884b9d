import { z } from 'zod';
import { Organization, Permissions, Profile, SessionState } from './langwatch';

/**
 * Whether health data (activityMonitor.*) can be shown for the active organisation:
 * unknown until probed; `enterprise_required` is a normal state, not an error.
 */
export const HealthAvailability = z.enum(['unknown', 'available', 'enterprise_required', 'forbidden']);
export type HealthAvailability = z.infer<typeof HealthAvailability>;

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
});
export type AuthState = z.infer<typeof AuthState>;
