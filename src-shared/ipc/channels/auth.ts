import { z } from 'zod';
import { AuthState } from '../../domain/auth';
import { SessionState } from '../../domain/langwatch';
import { channel, idSchema, noInput } from '../define';

/** The longest password the console passes on (BetterAuth's own limit is far lower). */
export const PASSWORD_MAX = 1024;

const ProfileInput = z.object({ profileId: idSchema }).strict();

/**
 * A started device sign-in. `approvalOrigin` differs from `deploymentOrigin` when LangWatch's
 * configured public address is not the one this profile uses: shown, and opened on confirmation.
 */
export const DeviceSignInStart = z.object({
  userCode: z.string().max(64),
  verificationUriComplete: z.string().max(2048),
  expiresAt: z.string(),
  approvalOrigin: z.string().max(2048),
  deploymentOrigin: z.string().max(2048),
});
export type DeviceSignInStart = z.infer<typeof DeviceSignInStart>;

/** How a device sign-in ended, as pushed by `auth.deviceResult`. */
export const DeviceOutcome = z.enum(['approved', 'denied', 'expired', 'cancelled', 'failed']);
export type DeviceOutcome = z.infer<typeof DeviceOutcome>;

/** Who is signed in where, sign-in, device flow and sign-out. Nothing here ever carries a cookie, token or password back. */
export const authChannels = {
  'auth.methods': channel({
    summary: "The sign-in methods the deployment offers (from its publicEnv); errors say why it can't be reached.",
    input: ProfileInput,
    output: z.object({ password: z.boolean(), browser: z.literal(true), device: z.literal(true) }),
  }),
  'auth.signInWithEmail': channel({
    summary: 'Email + password sign-in; the password is used for this one request and never stored, logged or echoed.',
    input: z
      .object({
        profileId: idSchema,
        email: z.string().trim().min(1).max(320),
        password: z.string().min(1).max(PASSWORD_MAX),
      })
      .strict(),
    output: SessionState,
  }),
  'auth.signInWithBrowser': channel({
    summary:
      "Opens the deployment's sign-in page in a private window of the console; resolves when signed in or closed.",
    input: ProfileInput,
    output: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('signed_in'), session: SessionState }),
      z.object({ outcome: z.literal('cancelled') }),
    ]),
  }),
  'auth.startDeviceSignIn': channel({
    summary: 'Starts a read-only device sign-in; the result arrives as auth.deviceResult and auth.changed.',
    input: ProfileInput,
    output: DeviceSignInStart,
  }),
  'auth.cancelDeviceSignIn': channel({
    summary: 'Stops a running device sign-in.',
    input: ProfileInput,
    output: z.object({ cancelled: z.boolean() }),
  }),
  'auth.openVerificationPage': channel({
    summary: 'Opens the device approval page in the system browser (another origin only once the person confirmed it).',
    input: z
      .object({
        profileId: idSchema,
        /** The approval origin the person confirmed, when it differs from the profile's. */
        confirmedOrigin: z.string().max(2048).optional(),
      })
      .strict(),
    output: z.object({ opened: z.literal(true) }),
  }),
  'auth.signOut': channel({
    summary: "Signs out: revokes server-side (best effort) and deletes the profile's keychain entries.",
    input: ProfileInput,
    output: SessionState,
  }),
  'auth.get': channel({
    summary: 'Who is signed in to which deployment profile, in which organisation, with which permissions.',
    input: noInput,
    output: AuthState,
  }),
  'auth.selectProfile': channel({
    summary: 'Makes another deployment profile the active one.',
    input: z.object({ profileId: idSchema }).strict(),
    output: AuthState,
  }),
  'auth.selectOrganization': channel({
    summary: 'Switches the active organisation (remembered per profile).',
    input: z.object({ organizationId: idSchema }).strict(),
    output: AuthState,
  }),
};

export const authEvents = {
  'auth.changed': AuthState,
  'auth.deviceResult': z.object({ profileId: z.string(), outcome: DeviceOutcome, message: z.string().max(500) }),
};
