/** How the deployment picker says who is signed in to a profile and how. */
import type { AuthState } from '../../../src-shared/domain/auth';
import type { SessionState } from '../../../src-shared/domain/langwatch';

const person = (user: { email: string | null; name: string | null }) => user.email ?? user.name ?? 'someone';

/** "signed in as …", "read-only as …", "session expired", "signed out"; "checking…" when not known yet. */
export function sessionLabel(session: SessionState | undefined): string {
  if (!session) return 'checking…';
  switch (session.kind) {
    case 'signed_in':
      return `signed in as ${person(session.user)}`;
    case 'device':
      return `read-only as ${person(session.user)}`;
    case 'expired':
      return 'session expired';
    default:
      return 'signed out';
  }
}

/** The session the auth state knows for one profile (undefined while not known). */
export function sessionOf(state: AuthState, profileId: string): SessionState | undefined {
  return state.profileSessions.find((p) => p.profileId === profileId)?.session;
}
