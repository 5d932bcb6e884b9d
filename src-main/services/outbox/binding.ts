/**
 * Before anything is sent: is this still the deployment the key was staged for, and is its
 * owner the one signed in there? A key never follows a profile to a new URL, and never goes
 * out under somebody else's session (a sign-out followed by another person's sign-in).
 */
import type { ErrorData } from '../../../src-shared/errors';
import type { AuthService, SessionOwners } from '../auth/types';
import type { OutboxEntry } from './entry';

/** What the binding check allows. */
export type BindingOutcome =
  /** Go: `userId` is the person signed in now (the entry's owner), as the session confirmed. */
  | { kind: 'go'; userId: string }
  /** Stop and ask the admin (no owner recorded, or the profile now points elsewhere). */
  | { kind: 'reject'; error: ErrorData }
  /** Wait, visibly, for the owner to sign in on that deployment. */
  | { kind: 'wait_for_owner'; userId: string; error: ErrorData };

/** Checks the entry's deployment and owner against the profile and its session now. */
export async function checkBinding(
  entry: OutboxEntry,
  auth: Pick<AuthService, 'state'> & SessionOwners,
  signal?: AbortSignal,
): Promise<BindingOutcome> {
  const owner = entry.owner;
  if (!owner) {
    return {
      kind: 'reject',
      error: {
        code: 'outbox.not_yours',
        message:
          'This entry was staged before the console recorded who staged it, so it is not sent. Discard it and stage the key again.',
        details: { reason: 'owner_unknown' },
      },
    };
  }
  const profile = auth.state().profiles.find((p) => p.id === entry.profileId);
  if (!profile || profile.baseUrl !== owner.deploymentUrl) {
    return {
      kind: 'reject',
      error: {
        code: 'outbox.invalid_state',
        message:
          `This key was staged for ${owner.deploymentUrl}${profile ? `, but the profile now points to ${profile.baseUrl}` : ', a deployment this console no longer knows'}. ` +
          'It is not sent anywhere else: point the profile back to that deployment, or discard this entry.',
        details: { reason: 'deployment_changed', stagedFor: owner.deploymentUrl },
      },
    };
  }
  const user = await auth.sessionUser(entry.profileId, signal);
  if (user?.id === owner.userId) return { kind: 'go', userId: user.id };
  const who = owner.email ?? owner.name ?? 'the person who staged it';
  return {
    kind: 'wait_for_owner',
    userId: owner.userId,
    error: {
      code: 'auth.not_signed_in',
      message: user
        ? `Signed in as someone else: this key waits for ${who} to sign in on ${owner.deploymentUrl}.`
        : `Waiting for ${who} to sign in on ${owner.deploymentUrl}.`,
      details: { reason: 'waiting_for_owner' },
    },
  };
}
