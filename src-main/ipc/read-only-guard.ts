/**
 * Read-only sessions (a device sign-in: support staff) change nothing. Enforced here, in
 * main, for every channel that stages, submits, tests or discards a key, changes where keys
 * go, or changes a source, before its handler runs, whatever the renderer shows or sends.
 */
import type { ChannelName, ParsedInput } from '../../src-shared/ipc/contract';
import { AppError } from '../../src-shared/errors';
import type { HandlerTable } from './handler-types';

type Mutates = { [C in ChannelName]?: (input: ParsedInput<C>) => boolean };

/** The channels a read-only session may not call (with the inputs that make them mutate). */
export const READ_ONLY_REFUSED: Mutates = {
  'outbox.stage': () => true,
  'outbox.edit': () => true,
  'outbox.retryNow': () => true,
  'outbox.discard': () => true,
  // A staged key is tested or previewed only by the person who staged it, never by support.
  'keyChecks.checkStaged': () => true,
  'keyChecks.previewStaged': () => true,
  // Where keys go: the deployment and Anthropic URLs of a profile. A rename is harmless.
  'profiles.edit': (input) => input.baseUrl !== undefined || input.anthropicBaseUrl !== undefined,
  // Forgetting a deployment discards the keys staged for it.
  'profiles.remove': () => true,
  'sources.setStatus': () => true,
  'sources.archive': () => true,
};

/** The error a read-only session gets from a refused channel. */
export function readOnlyRefusal(): AppError {
  return new AppError(
    'auth.read_only',
    'This is a read-only sign-in: it can view sources but not stage, submit, test or discard keys, or change where they go. Sign in with an admin account.',
  );
}

/** Wraps the refused channels of a handler table with the read-only check. */
export function guardReadOnly(table: HandlerTable, isReadOnly: () => boolean): HandlerTable {
  const guarded = { ...table } as Record<string, (input: unknown, ctx: unknown) => Promise<unknown>>;
  for (const [name, mutates] of Object.entries(READ_ONLY_REFUSED) as Array<[string, (input: unknown) => boolean]>) {
    const handler = guarded[name]!;
    guarded[name] = async (input, ctx) => {
      if (isReadOnly() && mutates(input)) throw readOnlyRefusal();
      return handler(input, ctx);
    };
  }
  return guarded as unknown as HandlerTable;
}
