/**
 * The device-flow credentials of one profile as kept in the keychain (`device:<profileId>`):
 * the token pair plus the non-secret user and organisation, so a restart can restore the
 * read-only session without asking the server.
 */
import { z } from 'zod';
import { DeviceOrganization, LangwatchUser } from '../../../src-shared/domain/langwatch';
import type { SecretStore } from '../secrets/secret-store';
import type { DeviceGrant } from '../langwatch/device-flow';

import { deviceAccount, sessionUserAccount } from '../secrets/accounts';

// Account names are built in one place (secrets/accounts.ts); re-exported for the session code.
export { deviceAccount, sessionAccount, sessionUserAccount } from '../secrets/accounts';

/** The stored device credentials. */
export const DeviceCredentials = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  accessExpiresAt: z.number(),
  refreshExpiresAt: z.number().nullable(),
  user: LangwatchUser,
  organization: DeviceOrganization,
});
export type DeviceCredentials = z.infer<typeof DeviceCredentials>;

/** Builds the stored form from a fresh grant. */
export function fromGrant(grant: DeviceGrant): DeviceCredentials {
  return { ...grant.tokens, user: grant.user, organization: grant.organization };
}

/** Reads the device credentials; a damaged entry counts as none (and is removed). */
export async function readDeviceCredentials(
  secrets: SecretStore,
  profileId: string,
): Promise<DeviceCredentials | null> {
  const raw = await secrets.get(deviceAccount(profileId));
  if (raw === null) return null;
  try {
    return DeviceCredentials.parse(JSON.parse(raw));
  } catch {
    await secrets.delete(deviceAccount(profileId));
    return null;
  }
}

/** Stores (replaces) the device credentials. */
export async function writeDeviceCredentials(
  secrets: SecretStore,
  profileId: string,
  creds: DeviceCredentials,
): Promise<void> {
  await secrets.set(deviceAccount(profileId), JSON.stringify(creds));
}

/** The remembered person of a profile's cookie session, or null (none, or unreadable). */
export async function readSessionUser(secrets: SecretStore, profileId: string): Promise<LangwatchUser | null> {
  const raw = await secrets.get(sessionUserAccount(profileId));
  if (!raw) return null;
  try {
    const parsed = LangwatchUser.safeParse(JSON.parse(raw));
    return parsed.success && parsed.data.id !== '' ? parsed.data : null;
  } catch {
    return null;
  }
}
