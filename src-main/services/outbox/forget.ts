/**
 * "Forget this deployment" and "move it to another URL", as the outbox sees them: both follow
 * the rules of discard for every open entry of the profile (ownership.ts), checked for all of
 * them before anything changes; forgetting then discards them and wipes their keys.
 */
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import { isTerminal } from './entry';
import { wipeStagedKey } from './wipe';
import type { OutboxStore } from './outbox-store';
import { requireMayChangeProfile, type ProfileChange, type Viewer } from './ownership';
import type { OutboxWorker } from './worker';

/** What the outbox facade exposes about a profile's entries. */
export interface ProfileEntries {
  /**
   * Refuses (`outbox.not_yours`, naming the owners) when the person at the console may not
   * discard every open entry of the profile; a read-only session may change none.
   */
  requireMayChangeProfile(profileId: string, change: ProfileChange): void;
  /**
   * "Forget this deployment": after that check, discards every open entry staged for the
   * profile and wipes its key (an attempt in flight is stopped first); resolves with the count.
   */
  discardForProfile(profileId: string): Promise<number>;
  /** Open entries staged for a profile (the count the forget confirmation shows). */
  openCountFor(profileId: string): number;
}

/** The profile-wide operations over the outbox's store and worker. */
export function createProfileEntries(deps: {
  store: OutboxStore;
  worker: Pick<OutboxWorker, 'apply' | 'isRunning' | 'cancel'>;
  secrets: Pick<SecretStore, 'delete'>;
  log: Logger;
  viewer: () => Viewer;
}): ProfileEntries {
  const { store, worker, secrets, log } = deps;
  const open = (profileId: string) => store.all().filter((e) => e.profileId === profileId && !isTerminal(e));
  const check = (profileId: string, change: ProfileChange) =>
    requireMayChangeProfile(open(profileId), deps.viewer(), change);

  return {
    requireMayChangeProfile: check,
    async discardForProfile(profileId) {
      check(profileId, 'forget');
      for (const e of open(profileId)) if (worker.isRunning(e.id)) await worker.cancel(e.id);
      let discarded = 0;
      for (const e of open(profileId)) {
        if (e.state === 'submitting') continue; // an attempt that could not be stopped: its TTL wipes it
        if (e.keyHeld) await wipeStagedKey({ secrets, log }, e.id, 'forgotten_profile');
        await worker.apply(e.id, { type: 'discarded' });
        discarded++;
      }
      log.info('deployment forgotten: its staged keys were discarded and wiped', { profileId, discarded });
      return discarded;
    },
    openCountFor: (profileId) => open(profileId).length,
  };
}
