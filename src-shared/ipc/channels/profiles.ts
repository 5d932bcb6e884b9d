import { z } from 'zod';
import { Profile } from '../../domain/langwatch';
import { channel, idSchema, LIMITS } from '../define';

const ProfileName = z.string().trim().min(1).max(LIMITS.name);
const DeploymentUrl = z.string().min(1).max(LIMITS.url);

/** Deployment profiles (one per LangWatch deployment). Profiles never hold a secret. */
export const profilesChannels = {
  'profiles.add': channel({
    summary: 'Adds a deployment profile (https required except for this computer); answers the stored profile.',
    input: z
      .object({ name: ProfileName.optional(), baseUrl: DeploymentUrl, anthropicBaseUrl: DeploymentUrl.optional() })
      .strict(),
    output: Profile,
  }),
  'profiles.edit': channel({
    summary: 'Renames a profile or changes its URLs; a changed deployment URL signs the old session out first.',
    input: z
      .object({
        profileId: idSchema,
        name: ProfileName.optional(),
        baseUrl: DeploymentUrl.optional(),
        anthropicBaseUrl: DeploymentUrl.optional(),
      })
      .strict(),
    output: Profile,
  }),
  'profiles.remove': channel({
    summary:
      'Forgets a deployment: discards its staged keys (wiped), signs out, deletes its keychain entries and the profile.',
    input: z.object({ profileId: idSchema }).strict(),
    output: z.object({ removed: z.literal(true), discardedEntries: z.number().int().nonnegative() }),
  }),
  'profiles.checkUrl': channel({
    summary: 'Checks and normalises a deployment URL as typed (inline validation); errors with profile.invalid_url.',
    input: z.object({ baseUrl: z.string().max(LIMITS.url) }).strict(),
    output: z.object({ baseUrl: z.string() }),
  }),
};

export const profilesEvents = {};
