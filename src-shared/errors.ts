import { z } from 'zod';

/**
 * Every error that crosses a boundary (IPC, a service's public method) carries one of these
 * stable codes and a message written for the person where it is thrown. The renderer shows
 * that message and branches on a few codes only, where the screen acts differently
 * (`auth.rate_limited` counts down, `langwatch.forbidden` shows the no-access view,
 * `langwatch.name_taken` offers a rename); there is no exhaustive switch. As `code` is the
 * `ErrorCode` union, comparing it with a code not listed here does not compile, so a new code
 * needs no renderer change unless a screen should act on it, but its message must stand alone
 * (test/unit/app/error-codes.test.ts keeps this paragraph true).
 *
 * Grouped by domain; keep each group sorted. Add codes here, never ad-hoc strings.
 */
export const ERROR_CODES = [
  // IPC guard
  'ipc.unknown_channel',
  'ipc.forbidden_sender',
  'ipc.invalid_input',
  'ipc.invalid_output',
  'ipc.answer_too_large',
  // generic
  'internal',
  'cancelled',
  'not_found',
  'invalid_argument',
  // network (any server)
  'network.offline',
  'network.timeout',
  'network.tls',
  'network.unexpected_answer',
  // local storage
  'storage.corrupt',
  'storage.io',
  'keychain.unavailable',
  // LangWatch auth and sessions
  'auth.not_signed_in',
  'auth.session_expired',
  'auth.invalid_credentials',
  'auth.password_disabled',
  'auth.rate_limited',
  'auth.invalid_origin',
  'auth.device_pending',
  'auth.device_denied',
  'auth.device_expired',
  'auth.refresh_invalid',
  'auth.read_only',
  // LangWatch API answers
  'langwatch.forbidden',
  'langwatch.not_found',
  'langwatch.validation',
  'langwatch.cap_reached',
  'langwatch.conflict',
  'langwatch.rate_limited',
  'langwatch.server_error',
  'langwatch.enterprise_required',
  'langwatch.name_taken',
  'langwatch.team_not_found',
  // profiles
  'profile.invalid_url',
  'profile.not_found',
  // outbox
  'outbox.not_found',
  'outbox.invalid_state',
  'outbox.key_missing',
  'outbox.not_yours',
  // Anthropic key check
  'anthropic.request_failed',
  // ingest secrets (shown once)
  'ingestSecret.already_revealed',
  'ingestSecret.not_waiting',
  'ingestSecret.not_yours',
  // Credential checks of any source type: LangWatch would refuse the URL, so nothing was sent
  'keyChecks.destination_refused',
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** The serialisable shape of an error: what crosses IPC and what tests assert on. */
export const errorDataSchema = z.object({
  code: errorCodeSchema,
  message: z.string().max(2000),
  /** Structured, secret-free facts (field errors, retry-after seconds, request-id...). */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorData = z.infer<typeof errorDataSchema>;

/**
 * An expected failure with a stable code. Services throw it; the IPC guard turns it into
 * `{ok:false,error}`. Anything else thrown is a bug and becomes `internal`.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toData(): ErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Exhaustiveness check for switches over unions (the compiler proves `value` is never). */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
