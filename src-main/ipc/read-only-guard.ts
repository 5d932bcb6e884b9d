/**
 * Read-only sessions (a device sign-in: support staff) change nothing that affects other
 * people: no key is staged, submitted, tested or discarded, nothing changes where keys go or
 * how long they wait, no source changes, and no other profile's session is ended or replaced.
 * Enforced here, in main, before the handler runs, whatever the renderer shows or sends.
 */
import type { AuthState } from '../../src-shared/domain/auth';
import { SHARED_SETTINGS } from '../../src-shared/domain/settings';
import type { ChannelName, ParsedInput } from '../../src-shared/ipc/contract';
import { AppError } from '../../src-shared/errors';
import type { HandlerTable } from './handler-types';

/** What the guard knows of the person at the console. */
export type GuardState = Pick<AuthState, 'readOnly' | 'activeProfileId' | 'profileSessions'>;

type Mutates = { [C in ChannelName]?: (input: ParsedInput<C>, state: GuardState) => boolean };

/** A sign-out (or a stop) aimed at a profile other than the read-only session's own. */
const otherProfile = (input: { profileId: string }, state: GuardState) => input.profileId !== state.activeProfileId;

/**
 * A sign-in to another profile that holds a session (or whose session is not known yet): it
 * would replace someone else's. Signing in where nobody is signed in ends nobody's session,
 * so support staff can watch several deployments at once.
 */
const replacesOther = (input: { profileId: string }, state: GuardState) =>
  otherProfile(input, state) &&
  state.profileSessions.find((p) => p.profileId === input.profileId)?.session.kind !== 'signed_out';

/** The channels a read-only session may not call (with the inputs that make them mutate). */
export const READ_ONLY_REFUSED: Mutates = {
  'outbox.stage': () => true,
  'outbox.edit': () => true,
  'outbox.retryNow': () => true,
  'outbox.discard': () => true,
  'outbox.stageSource': () => true,
  'outbox.stageSourceChange': () => true,
  'outbox.editSource': () => true,
  // A staged key is tested or previewed only by the person who staged it, never by support.
  'keyChecks.checkStaged': () => true,
  'keyChecks.previewStaged': () => true,
  'keyChecks.checkStagedSource': () => true,
  // Where keys go: the deployment and Anthropic URLs of a profile. A rename is harmless.
  'profiles.edit': (input) => input.baseUrl !== undefined || input.anthropicBaseUrl !== undefined,
  // Forgetting a deployment discards the keys staged for it.
  'profiles.remove': () => true,
  'sources.setStatus': () => true,
  'sources.archive': () => true,
  // An ingest secret is its receiver's to see once; rotating changes what every sender must present.
  'ingestSecrets.reveal': () => true,
  'ingestSecrets.rotate': () => true,
  // The key check and the staged-key lifetime apply to everyone's staged keys; notifications are the viewer's.
  'settings.update': (input) => SHARED_SETTINGS.some((name) => input[name] !== undefined),
  // Each profile holds one session: signing out of another profile, or into one that holds a
  // session, ends someone else's.
  'auth.signOut': otherProfile,
  'auth.signInWithEmail': replacesOther,
  'auth.signInWithBrowser': replacesOther,
  'auth.startDeviceSignIn': replacesOther,
  'auth.cancelDeviceSignIn': otherProfile,
};

/** What a refusal says, where the general words would not tell the person what to do. */
const REFUSAL_WORDS: { [C in ChannelName]?: string } = {
  'settings.update':
    'This is a read-only sign-in: the automatic key check and the staged-key lifetime apply to everyone’s staged keys, so only an admin sign-in can change them (notifications you may change).',
  'auth.signOut':
    'This is a read-only sign-in: it can sign out of its own session only. Another deployment profile’s session may be someone else’s; its owner signs it out.',
};

/** The error a read-only session gets from a refused channel. */
export function readOnlyRefusal(channel?: ChannelName): AppError {
  const words = channel === undefined ? undefined : (REFUSAL_WORDS[channel] ?? otherSessionWords(channel));
  return new AppError(
    'auth.read_only',
    words ??
      'This is a read-only sign-in: it can view sources but not stage, submit, test or discard keys, or change where they go. Sign in with an admin account.',
  );
}

function otherSessionWords(channel: ChannelName): string | undefined {
  return channel.startsWith('auth.')
    ? 'This is a read-only sign-in: it cannot stop a sign-in on another deployment profile, nor sign in where a session is held already: that session may be someone else’s. Sign out of this read-only session first.'
    : undefined;
}

/** Wraps the refused channels of a handler table with the read-only check. */
export function guardReadOnly(table: HandlerTable, state: () => GuardState): HandlerTable {
  const guarded = { ...table } as Record<string, (input: unknown, ctx: unknown) => Promise<unknown>>;
  for (const [name, mutates] of Object.entries(READ_ONLY_REFUSED) as Array<
    [ChannelName, (input: unknown, state: GuardState) => boolean]
  >) {
    const handler = guarded[name]!;
    guarded[name] = async (input, ctx) => {
      const now = state();
      if (now.readOnly && mutates(input, now)) throw readOnlyRefusal(name);
      return handler(input, ctx);
    };
  }
  return guarded as unknown as HandlerTable;
}
