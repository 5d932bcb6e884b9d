/**
 * Who was last signed in with each profile on this desktop (`last-signed-in.json`: ids and
 * emails, never a secret). Signed out, the outbox files that person's own entries under them,
 * waiting for sign-in, instead of under "other people": an entry stays its owner's. It only
 * changes how entries are listed; every action still needs the owner signed in
 * (`requireOwnEntry` judges the live session, never this memory).
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { AuthState } from '../../../src-shared/domain/auth';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import { createJsonFile } from '../storage/json-file';
import type { Viewer } from './ownership';

export const LAST_SIGNED_IN_FILE_NAME = 'last-signed-in.json';

const LastSignedInFile = z.object({
  version: z.literal(1),
  byProfile: z.record(z.string(), z.object({ userId: z.string().min(1), email: z.string().nullable() })),
});
type LastSignedInFile = z.infer<typeof LastSignedInFile>;

export interface LastSignedIn {
  load(): Promise<void>;
  /** Notes the person signed in now (a confirmed email or password or browser session only). */
  remember(state: AuthState): void;
  /** The user id last signed in with this profile here; null when none is known. */
  userOf(profileId: string): string | null;
}

export function createLastSignedIn(options: { userDataDir: string; log: Logger; clock: Clock }): LastSignedIn {
  const file = createJsonFile({
    path: join(options.userDataDir, LAST_SIGNED_IN_FILE_NAME),
    schema: LastSignedInFile,
    defaults: (): LastSignedInFile => ({ version: 1, byProfile: {} }),
    // Losing it only files a signed-out owner's entries under "other people" until they sign in.
    onCorrupt: 'reset',
    log: options.log,
    clock: options.clock,
  });
  let byProfile: LastSignedInFile['byProfile'] = {};
  return {
    async load() {
      byProfile = (await file.read()).byProfile;
    },
    remember(state) {
      const profileId = state.activeProfileId;
      // A device (support) session is never the owner of a staged key: it is not remembered.
      if (!profileId || state.session.kind !== 'signed_in' || state.session.user.id === '') return;
      const { id, email } = state.session.user;
      if (byProfile[profileId]?.userId === id) return;
      byProfile = { ...byProfile, [profileId]: { userId: id, email: email ?? null } };
      file.write({ version: 1, byProfile }).catch((error: unknown) => {
        options.log.warn('could not save who was last signed in', { error: error as Error });
      });
    },
    userOf(profileId) {
      return byProfile[profileId]?.userId ?? null;
    },
  };
}

/**
 * Who the outbox list is filed for: signed out (or expired), the person last signed in with
 * the active profile on this desktop, so their entries are listed as theirs, waiting for sign-in.
 */
export function listedFor(state: AuthState, viewer: Viewer, memory: LastSignedIn): Viewer {
  const away = state.session.kind === 'signed_out' || state.session.kind === 'expired';
  return away && viewer.profileId ? { ...viewer, userId: memory.userOf(viewer.profileId) } : viewer;
}
