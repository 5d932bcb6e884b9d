/**
 * Whose entry is it, seen from the person at the console: a staged key belongs to the person
 * and the deployment that staged it. Only its owner, signed in on that deployment, sees its
 * key check, retries, edits or discards it; an organisation admin may discard other people's
 * entries of the same deployment; a read-only (support) session never changes anything.
 */
import type { AuthState } from '../../../src-shared/domain/auth';
import type { EntryAccess } from '../../../src-shared/domain/outbox';
import { AppError } from '../../../src-shared/errors';
import type { AuthService, SessionOwners } from '../auth/types';
import type { EntryOwner, OutboxEntry } from './entry';

/** The person at the console: the active profile's confirmed session. */
export interface Viewer {
  profileId: string | null;
  deploymentUrl: string | null;
  /** Null when signed out, in a device session, or the person is not confirmed yet. */
  userId: string | null;
  readOnly: boolean;
  canManage: boolean;
}

/** The viewer described by a auth state. */
export function viewerOf(state: AuthState): Viewer {
  const profile = state.profiles.find((p) => p.id === state.activeProfileId);
  const userId = state.session.kind === 'signed_in' && state.session.user.id !== '' ? state.session.user.id : null;
  return {
    profileId: profile?.id ?? null,
    deploymentUrl: profile?.baseUrl ?? null,
    userId,
    readOnly: state.readOnly,
    canManage: !state.readOnly && state.permissions?.canManage !== false,
  };
}

/** How an entry relates to the viewer. */
export function accessOf(entry: Pick<OutboxEntry, 'owner' | 'profileId'>, viewer: Viewer): EntryAccess {
  if (entry.owner === null) return 'unowned';
  if (entry.profileId !== viewer.profileId || entry.owner.deploymentUrl !== viewer.deploymentUrl)
    return 'other_deployment';
  return entry.owner.userId === viewer.userId ? 'mine' : 'other_person';
}

/** Refuses anything but the owner (retry, edit, key check and preview of a staged key). */
export function requireOwnEntry(entry: Pick<OutboxEntry, 'owner' | 'profileId'>, viewer: Viewer): void {
  if (viewer.readOnly) throw readOnlyError();
  const access = accessOf(entry, viewer);
  if (access === 'mine') return;
  throw notYours(entry, access);
}

/** Discard: the owner, or an admin of the same deployment for other people's (and unowned) entries. */
export function requireMayDiscard(entry: Pick<OutboxEntry, 'owner' | 'profileId'>, viewer: Viewer): void {
  if (viewer.readOnly) throw readOnlyError();
  const access = accessOf(entry, viewer);
  if (access === 'mine') return;
  const sameDeployment = entry.profileId === viewer.profileId;
  if (
    (access === 'other_person' || access === 'unowned') &&
    sameDeployment &&
    viewer.userId !== null &&
    viewer.canManage
  )
    return;
  throw notYours(entry, access);
}

/** What forgetting a deployment, or moving it to another URL, would do to its open entries. */
export type ProfileChange = 'forget' | 'move';

/**
 * Forgetting a deployment discards its open entries, and moving its URL strands them: both
 * follow the rules of discard for every one of them. Refuses (changing nothing) when any entry
 * is not the viewer's to discard, and names whose entries stand in the way.
 */
export function requireMayChangeProfile(
  entries: ReadonlyArray<Pick<OutboxEntry, 'owner' | 'profileId'>>,
  viewer: Viewer,
  change: ProfileChange,
): void {
  if (entries.length > 0 && viewer.readOnly) throw readOnlyError();
  const blocking = entries.filter((e) => {
    try {
      requireMayDiscard(e, viewer);
      return false;
    } catch {
      return true;
    }
  });
  if (blocking.length === 0) return;
  const owners = [...new Set(blocking.map((e) => e.owner?.email ?? e.owner?.name ?? 'someone unrecorded'))];
  const shown = owners.slice(0, 3).join(', ') + (owners.length > 3 ? ` and ${owners.length - 3} more` : '');
  const what =
    change === 'forget' ? 'Forgetting this deployment would discard' : "Changing this deployment's URL would strand";
  throw new AppError(
    'outbox.not_yours',
    `${what} ${blocking.length} staged ${blocking.length === 1 ? 'key' : 'keys'} of ${shown}, which you may not discard. ` +
      'Nothing was changed. Sign in to this deployment as the person who staged them (or as an organisation admin) and submit or discard them in the outbox first.',
    { reason: 'entries_of_others', change, blocking: blocking.length, owners: owners.slice(0, 10) },
  );
}

/** The error of a read-only session trying to change something. */
export function readOnlyError(): AppError {
  return new AppError(
    'auth.read_only',
    'This is a read-only sign-in: it can view sources but not stage, submit or change keys. Sign in with an admin account.',
  );
}

function notYours(entry: Pick<OutboxEntry, 'owner'>, access: EntryAccess): AppError {
  const who = entry.owner?.email ?? entry.owner?.name ?? 'the person who staged it';
  const message =
    access === 'other_deployment'
      ? `This entry was staged for ${entry.owner?.deploymentUrl ?? 'another deployment'}; switch to that deployment (as ${who}) to act on it.`
      : access === 'unowned'
        ? 'This entry was staged before the console recorded who staged it; it is never sent. An organisation admin may discard it.'
        : `This entry belongs to ${who}. Only they can check, retry or change it; an organisation admin may discard it.`;
  return new AppError('outbox.not_yours', message, { access });
}

/** Who stages: the active profile's confirmed person, with manage permission in that organisation. */
export async function stagingOwner(
  auth: Pick<AuthService, 'state'> & SessionOwners,
  organizationId: string,
): Promise<{ profileId: string; owner: EntryOwner }> {
  const state = auth.state();
  if (!state.activeProfileId) throw new AppError('auth.not_signed_in', 'Sign in to a LangWatch deployment first.');
  if (state.readOnly) throw readOnlyError();
  if (state.activeOrganizationId === organizationId && state.permissions && !state.permissions.canManage) {
    throw new AppError(
      'langwatch.forbidden',
      'You can view sources in this organisation but not create or change them. Ask an organisation admin.',
    );
  }
  if (state.organizations.length > 0 && !state.organizations.some((o) => o.id === organizationId)) {
    throw new AppError('not_found', 'This organisation is not one of yours in the active deployment.', {
      organizationId,
    });
  }
  const profile = state.profiles.find((p) => p.id === state.activeProfileId);
  // The key is bound to the person signed in now (confirmed with the server if need be).
  const user = profile ? await auth.sessionUser(profile.id).catch(() => null) : null;
  if (!profile || !user)
    throw new AppError(
      'auth.not_signed_in',
      'Sign in to this deployment first: a staged key is bound to the person who stages it.',
    );
  return {
    profileId: profile.id,
    owner: {
      userId: user.id,
      email: user.email,
      name: user.name,
      deploymentUrl: profile.baseUrl,
      anthropicBaseUrl: profile.anthropicBaseUrl,
    },
  };
}
