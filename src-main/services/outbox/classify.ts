/**
 * What a failed attempt means for the entry: retry later (and whether a create may have
 * reached the server anyway), wait for a sign-in, or stop as rejected with a human reason.
 */
import type { Source } from '../../../src-shared/domain/langwatch';
import { isAppError, type ErrorData } from '../../../src-shared/errors';
import { redactSecrets } from '../logging/redact';

/** The worker's reading of one failure. */
export type FailureClass =
  | { kind: 'retry'; error: ErrorData; retryAfterSec?: number; ambiguous: boolean; network: boolean }
  | { kind: 'sign_in'; error: ErrorData }
  | { kind: 'reject'; error: ErrorData };

// Causes that prove the request never left this machine (no connection was made).
const NEVER_SENT_CAUSES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
]);

/** Longest error message kept on a record (server text can be anything, of any length). */
export const MAX_RECORDED_MESSAGE = 500;
const MAX_DETAIL_KEYS = 12;
const MAX_DETAIL_STRING = 200;

/**
 * What of a failure may be recorded: the message cut to {@link MAX_RECORDED_MESSAGE}, details
 * reduced to a few flat values (strings cut, numbers finite), so a broken or hostile answer
 * can never make the record invalid (and the worker stuck) or the file huge. Secrets go before
 * the cut: half of a key (cut at the end) is recognised by no hash of its tail.
 */
export function recordableError(data: ErrorData): ErrorData {
  const text = redactSecrets(data.message);
  const message = text.length > MAX_RECORDED_MESSAGE ? `${text.slice(0, MAX_RECORDED_MESSAGE - 1)}…` : text;
  if (!data.details) return { code: data.code, message };
  const details: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data.details).slice(0, MAX_DETAIL_KEYS)) {
    const key = k.slice(0, 64);
    if (typeof v === 'string') {
      const safe = redactSecrets(v);
      details[key] = safe.length > MAX_DETAIL_STRING ? `${safe.slice(0, MAX_DETAIL_STRING - 1)}…` : safe;
    } else if (typeof v === 'number') details[key] = Number.isFinite(v) ? v : null;
    else if (typeof v === 'boolean' || v === null) details[key] = v;
  }
  return { code: data.code, message, details };
}

/** Classifies an error thrown by a LangWatch call (AppError codes of the client). */
export function classifyFailure(error: unknown): FailureClass {
  if (!isAppError(error)) {
    return {
      kind: 'retry',
      error: { code: 'internal', message: 'Unexpected error while submitting; the console will try again.' },
      ambiguous: true,
      network: false,
    };
  }
  const data = recordableError(error.toData());
  switch (error.code) {
    case 'auth.not_signed_in':
    case 'auth.session_expired':
      return { kind: 'sign_in', error: data };
    case 'network.offline': {
      const cause = typeof error.details?.cause === 'string' ? error.details.cause : '';
      return { kind: 'retry', error: data, ambiguous: !NEVER_SENT_CAUSES.has(cause), network: true };
    }
    case 'network.timeout':
      return { kind: 'retry', error: data, ambiguous: true, network: true };
    case 'cancelled':
    case 'network.unexpected_answer':
    case 'network.tls':
    case 'langwatch.server_error':
    case 'internal':
    case 'storage.io':
    case 'keychain.unavailable':
    case 'anthropic.request_failed':
      // A 5xx (or a garbled answer) after a create may still have committed it; the
      // contract even says a duplicate name is "probably 500": reconcile before retrying.
      return { kind: 'retry', error: data, ambiguous: true, network: false };
    case 'langwatch.rate_limited': {
      const retryAfterSec = typeof error.details?.retryAfterSec === 'number' ? error.details.retryAfterSec : undefined;
      return { kind: 'retry', error: data, retryAfterSec, ambiguous: false, network: false };
    }
    default:
      // Any other 4xx (cap reached, permission denied, validation, not found, conflict...).
      return { kind: 'reject', error: data };
  }
}

/** Whether a failure is the bare 500 LangWatch answers for a taken name (among other faults). */
export function mayBeNameTaken(error: unknown): boolean {
  return isAppError(error) && error.code === 'langwatch.server_error' && error.details?.httpStatus === 500;
}

/**
 * A create or rename refused because another source holds the name: a rejection the admin
 * fixes by renaming, never a retry (LangWatch keeps archived sources' names forever).
 */
export function nameTakenFailure(name: string, holder: Pick<Source, 'id' | 'archivedAt'>): FailureClass {
  const archived = holder.archivedAt !== null;
  return {
    kind: 'reject',
    error: {
      code: 'langwatch.name_taken',
      message: archived
        ? `The name "${name}" is still held by an archived source of this organisation (LangWatch keeps archived names). Rename this one and submit again.`
        : `The name "${name}" is already used by another source of this organisation. Rename this one and submit again.`,
      details: { reason: 'name_taken', sourceId: holder.id, archived },
    },
  };
}
