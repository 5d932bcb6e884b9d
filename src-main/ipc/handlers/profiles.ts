import { normaliseDeploymentUrl } from '../../services/profiles/url';
import type { Services } from '../../services/create-services';
import type { HandlerSlice } from '../handler-types';

/** Handlers of the `profiles.*` channels; every change is followed by a auth refresh. */
export function profilesHandlers(services: Services): HandlerSlice<'profiles'> {
  const { profiles, sessions, auth } = services;
  return {
    'profiles.add': async (input) => {
      const profile = await profiles.add(input);
      await auth.refresh();
      return profile;
    },
    'profiles.edit': async ({ profileId, ...patch }) => {
      const current = await profiles.get(profileId);
      // A session belongs to one deployment: moving the profile elsewhere ends it first. The
      // move strands the keys staged there, so it follows the rules of discard (checked first).
      if (patch.baseUrl !== undefined && normaliseDeploymentUrl(patch.baseUrl) !== current.baseUrl) {
        services.outbox.requireMayChangeProfile(profileId, 'move');
        await sessions.signOut(profileId);
      }
      const profile = await profiles.edit(profileId, patch);
      await auth.refresh();
      return profile;
    },
    'profiles.remove': async ({ profileId }) => {
      // The confirmation promised it: the deployment's staged keys go with it (first, so none
      // is sent while the profile is being removed), unless any is not this person's to discard:
      // then nothing changes at all.
      const discardedEntries = await services.outbox.discardForProfile(profileId);
      await sessions.forgetProfile(profileId);
      await auth.refresh();
      return { removed: true as const, discardedEntries };
    },
    'profiles.checkUrl': async ({ baseUrl }) => ({ baseUrl: normaliseDeploymentUrl(baseUrl) }),
  };
}
