/**
 * Who is signed in to each deployment profile and how, for the auth state: every profile
 * keeps its own session (cookie or read-only device session), so signing in to one never
 * touches another. A profile whose session is not known yet is left out rather than shown
 * as signed out.
 */
import type { ProfileSession } from '../../../src-shared/domain/auth';
import type { Profile, SessionState } from '../../../src-shared/domain/langwatch';
import type { SessionManager } from '../session/session-manager';

/** The last known session of each profile (no secret: states only). */
export type KnownSessions = Map<string, SessionState>;

/** The sessions of `profiles`, in their order, leaving out the ones not known yet. */
export function profileSessionsOf(known: KnownSessions, profiles: Profile[]): ProfileSession[] {
  const out: ProfileSession[] = [];
  for (const profile of profiles) {
    const session = known.get(profile.id);
    if (session) out.push({ profileId: profile.id, session });
  }
  return out;
}

/** What the keychain alone says of every profile not known yet (no network wait at start). */
export async function noteLocalSessions(
  sessions: Pick<SessionManager, 'localState'>,
  profiles: Profile[],
  known: KnownSessions,
): Promise<void> {
  await Promise.all(
    profiles
      .filter((p) => !known.has(p.id))
      .map(async (p) => {
        const session = await sessions.localState(p.id);
        if (!known.has(p.id)) known.set(p.id, session);
      }),
  );
}

/**
 * Has the session manager confirm every other profile's session with its server, in the
 * background: each answer arrives as a session change, so a slow deployment holds up none.
 */
export function confirmOtherSessions(
  sessions: Pick<SessionManager, 'getState'>,
  profiles: Profile[],
  activeProfileId: string,
  onError: (error: unknown) => void,
): void {
  for (const p of profiles) if (p.id !== activeProfileId) void sessions.getState(p.id).catch(onError);
}
