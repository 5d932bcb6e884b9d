import { AppError, type ErrorData } from '../../src-shared/errors';
import { IPC_CONTRACT } from '../../src-shared/ipc/contract';
import type { ChannelSpec, IpcResult } from '../../src-shared/ipc/define';
import type { Logger } from '../services/logging/logger';
import { redactValue } from '../services/logging/redact';
import { knownSecrets } from '../services/logging/known-secrets';
import { redactOutgoingSized } from '../services/logging/redact-outgoing';
import { answerTooLarge, boundError, invalidInputError } from './answer-limits';
import type { HandlerTable } from './handler-types';
import { checkPayloadShape } from './payload-limits';
import { isTrustedSender, type SenderInfo, type SenderPolicy } from './sender-guard';

export interface Dispatcher {
  /** Runs one invoke through the guard; never throws, always answers with a result envelope. */
  dispatch(channel: unknown, input: unknown, sender: SenderInfo): Promise<IpcResult<unknown>>;
}

/**
 * The one guarded `handle()` every channel goes through: (1) known channel, (2) trusted
 * sender, (3) input shape + schema, (4) the handler, (5) output schema, (6) errors as data.
 * Electron-free, so the e2e harness binds the very same dispatcher into a Chromium page.
 */
export function createDispatcher(opts: {
  handlers: HandlerTable;
  senderPolicy: SenderPolicy;
  log: Logger;
  /** The contract to enforce; tests pass a small one with richer schemas. */
  contract?: Record<string, ChannelSpec>;
}): Dispatcher {
  const { senderPolicy, log } = opts;
  const contract: Record<string, ChannelSpec> = opts.contract ?? IPC_CONTRACT;
  const handlers = opts.handlers as unknown as Record<
    string,
    (input: unknown, ctx: { sender: SenderInfo }) => Promise<unknown>
  >;
  // Errors carry server text: live secrets by value, then anything shaped like one; and they
  // explain, never carry data: cut to size, lists cut with a count of the rest.
  const fail = (error: ErrorData): IpcResult<never> => ({
    ok: false,
    error: boundError(redactValue(error) as ErrorData),
  });

  return {
    async dispatch(channel, input, sender) {
      if (typeof channel !== 'string' || !Object.hasOwn(contract, channel) || !Object.hasOwn(handlers, channel)) {
        log.warn('ipc rejected unknown channel', {
          channel: typeof channel === 'string' ? channel.slice(0, 80) : typeof channel,
        });
        return fail({ code: 'ipc.unknown_channel', message: 'This action is not part of the console.' });
      }
      const name = channel;
      if (!isTrustedSender(sender, senderPolicy)) {
        log.warn('ipc rejected foreign sender', {
          channel: name,
          frameUrl: safeOrigin(sender.frameUrl),
          isMainFrame: sender.isMainFrame,
        });
        return fail({
          code: 'ipc.forbidden_sender',
          message: 'Request refused: it did not come from the console window.',
        });
      }
      const shapeProblem = checkPayloadShape(input);
      if (shapeProblem) return fail({ code: 'ipc.invalid_input', message: `Invalid request: ${shapeProblem}.` });
      const spec = contract[name]!;
      const parsedInput = spec.input.safeParse(input);
      if (!parsedInput.success) {
        return fail(invalidInputError(parsedInput.error.issues));
      }
      // A typed key or password is live while its call runs (and a while after): a server
      // that echoes it in its answer is redacted by value like a stored secret.
      const typed = typedSecretsOf(parsedInput.data);
      for (const value of typed) knownSecrets.remember(value);
      try {
        let raw: unknown;
        try {
          raw = await handlers[name]!(parsedInput.data, { sender });
        } catch (error) {
          if (error instanceof AppError) return fail(error.toData());
          log.error('ipc handler crashed', { channel: name, error });
          return fail({
            code: 'internal',
            message: 'Something went wrong inside the console. Details are in the log file.',
          });
        }
        const parsedOutput = spec.output.safeParse(raw);
        if (!parsedOutput.success) {
          log.error('ipc handler returned an invalid answer', {
            channel: name,
            issues: parsedOutput.error.issues.map((i) => i.path.join('.')),
          });
          return fail({
            code: 'ipc.invalid_output',
            message: 'The console produced an answer it could not vouch for; nothing was shown.',
          });
        }
        // Server text may carry a secret by value, by hash (a wiped key) or by shape alone;
        // only a revealing channel's one field passes (see ChannelSpec.reveals).
        const { value, chars } = redactExceptRevealed(spec, parsedOutput.data);
        const tooLarge = answerTooLarge(name, chars);
        if (tooLarge) {
          log.warn('ipc answer too large, not sent', { channel: name, size: tooLarge.details?.size as number });
          return fail(tooLarge);
        }
        return { ok: true, value };
      } finally {
        for (const value of typed) knownSecrets.forget(value);
      }
    },
  };
}

/** The answer redacted, except the one field a revealing channel exists to carry. */
function redactExceptRevealed(spec: ChannelSpec, data: unknown): { value: unknown; chars: number } {
  const field = spec.reveals;
  if (field === undefined || data === null || typeof data !== 'object' || !Object.hasOwn(data, field))
    return redactOutgoingSized(data);
  const { [field]: revealed, ...rest } = data as Record<string, unknown>;
  const { value, chars } = redactOutgoingSized(rest);
  return { value: { ...(value as object), [field]: revealed }, chars: chars + JSON.stringify(revealed).length };
}

// Input fields that carry a secret typed in the renderer (keys.*, outbox.stage/edit, auth).
const TYPED_SECRET_FIELDS = ['key', 'password'] as const;
// Input fields that carry a secret unit by field key (outbox.stageSource, stageSourceChange, editSource).
const TYPED_SECRET_UNITS = ['secrets'] as const;

function typedSecretsOf(input: unknown): string[] {
  if (input === null || typeof input !== 'object') return [];
  const fields = input as Record<string, unknown>;
  const units = TYPED_SECRET_UNITS.map((f) => fields[f]).filter(
    (v): v is Record<string, unknown> => v !== null && typeof v === 'object',
  );
  return [...TYPED_SECRET_FIELDS.map((f) => fields[f]), ...units.flatMap((u) => Object.values(u))].filter(
    (v): v is string => typeof v === 'string',
  );
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'unparsable';
  }
}
