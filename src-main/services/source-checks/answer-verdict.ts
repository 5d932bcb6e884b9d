/**
 * Turns one vendor answer (or its absence) into the verdict model of the compliance key check,
 * with the vendor's own words for what a 401, a 403 or a 429 means. A 2xx is handed back for
 * the vendor check to read: only it knows what a good body looks like. Pure.
 */
import type { KeyVerdict } from '../../../src-shared/domain/key-verdict';
import { formatCountdown } from '../../../src-shared/domain/duration';
import { headerValue, type ResponseHeaders } from '../http/headers';
import { retryAfterOf } from '../http/retry-after';
import { redact } from '../anthropic/classify';
import { isAnswer, type UpstreamAnswer, type UpstreamFailure } from './upstream-call';

/** A message and what to do about it. */
export interface Words {
  message: string;
  nextStep: string;
}

/** What the classification needs to know about the vendor and the request. */
export interface VendorContext {
  /** Who answered, as a sentence's subject: "Anthropic", "The Databricks workspace". */
  upstream: string;
  /** Origin of the request, named in wrong-endpoint messages. */
  origin: string;
  unauthorized: Words;
  forbidden: Words;
  /** Whether a 429 proves the credential (Anthropic checks the key before its limiter). */
  rateLimitProvesKey: boolean;
  /** Secrets sent: removed from anything copied out of the answer. */
  secrets: readonly string[];
  now: number;
  timeoutMs: number;
}

/** A 2xx to read, or the verdict. */
export type Judged =
  { kind: 'ok'; answer: UpstreamAnswer; requestId: string | null } | { kind: 'verdict'; verdict: KeyVerdict };

const TRY_LATER = 'Try again in a few minutes. This says nothing about the credentials.';
const CHECK_URL = 'Check the URL, and any proxy or gateway between this computer and the vendor.';

/** Request-id headers the vendors send (Anthropic: `request-id`; others: `x-request-id`), as untrusted text. */
function requestIdOf(headers: ResponseHeaders, secrets: readonly string[]): string | null {
  const id = headerValue(headers, 'request-id') ?? headerValue(headers, 'x-request-id') ?? null;
  return id === null ? null : redactServerText(id, secrets).slice(0, 200);
}

/**
 * Copies server text for display: without any secret sent (by value), then the key check's own
 * `redact` (known or key-shaped secrets, capped).
 */
export function redactServerText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length > 0) out = out.split(s).join('(redacted)');
  return redact(out, '');
}

/** The `type`/`code` and message of a vendor's JSON error (Anthropic, Databricks, OAuth), if any. */
function errorOf(text: string): { type: string | null; message: string | null } | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (json === null || typeof json !== 'object') return null;
  const o = json as Record<string, unknown>;
  const nested = o.error !== null && typeof o.error === 'object' ? (o.error as Record<string, unknown>) : null;
  const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  const type = str(nested?.type) ?? str(o.error_code) ?? str(o.error);
  const message = str(nested?.message) ?? str(o.message) ?? str(o.error_description);
  return type === null && message === null ? null : { type, message };
}

/** The verdict when no answer came. */
function failureVerdict(failure: UpstreamFailure, ctx: VendorContext): KeyVerdict {
  const message = failure.timedOut
    ? `${ctx.upstream} did not answer within ${Math.round(ctx.timeoutMs / 1000)} s, so the credentials could not be checked.`
    : `${ctx.upstream} could not be reached${failure.code === null ? '' : ` (${failure.code})`}, so the credentials could not be checked.`;
  return {
    verdict: 'inconclusive',
    httpStatus: null,
    requestId: null,
    checkedAt: new Date(ctx.now).toISOString(),
    attempts: 1,
    errorType: null,
    serverMessage: null,
    reason: failure.timedOut ? 'timeout' : 'network',
    networkCode: failure.code,
    message,
    nextStep: "Check this computer's network connection (and any proxy or firewall), then try again.",
  };
}

/** Classifies one outcome; a 2xx comes back as `ok` for the vendor check to read. */
export function judgeAnswer(outcome: UpstreamAnswer | UpstreamFailure, ctx: VendorContext): Judged {
  if (!isAnswer(outcome)) return { kind: 'verdict', verdict: failureVerdict(outcome, ctx) };
  const { status, headers } = outcome;
  const requestId = requestIdOf(headers, ctx.secrets);
  const error = outcome.tooLarge ? null : errorOf(outcome.text);
  const base = {
    httpStatus: status,
    requestId,
    checkedAt: new Date(ctx.now).toISOString(),
    attempts: 1,
    errorType: error?.type == null ? null : redactServerText(error.type, ctx.secrets).slice(0, 100),
    serverMessage: error?.message == null ? null : redactServerText(error.message, ctx.secrets),
  };
  const verdict = (v: KeyVerdict): Judged => ({ kind: 'verdict', verdict: v });
  const wrong = (
    reason: 'redirect' | 'html' | 'unexpected_status' | 'too_large',
    message: string,
    location: string | null = null,
  ) => verdict({ verdict: 'wrong_endpoint', ...base, reason, location, message, nextStep: CHECK_URL });

  if (status >= 500)
    return verdict({
      verdict: 'inconclusive',
      ...base,
      reason: 'server_error',
      networkCode: null,
      message: `${ctx.upstream} answered with a server error (HTTP ${status}), so the credentials could not be checked.`,
      nextStep: TRY_LATER,
    });
  if (status >= 300 && status < 400)
    return wrong(
      'redirect',
      `${ctx.origin} answered with a redirect (HTTP ${status}). It was not followed: the credentials were not sent there.`,
      safeLocation(headerValue(headers, 'location'), ctx.origin),
    );
  if (outcome.tooLarge) return wrong('too_large', `${ctx.origin} answered with far more than a check needs.`);
  if (/text\/html/i.test(headerValue(headers, 'content-type') ?? '') || /^\s*</.test(outcome.text))
    return wrong('html', `${ctx.origin} answered with a web page (HTTP ${status}), not an API answer.`);
  if (status === 429) return verdict(rateLimited(base, headers, ctx));
  if (status === 401) return verdict({ verdict: 'invalid_key', ...base, ...ctx.unauthorized });
  if (status === 403) return verdict({ verdict: 'missing_scope', ...base, scopes: null, ...ctx.forbidden });
  if (status >= 200 && status < 300) return { kind: 'ok', answer: outcome, requestId };
  return wrong(
    'unexpected_status',
    `${ctx.upstream} answered HTTP ${status}${base.errorType ? ` (${base.errorType})` : ''}: the URL or a setting is probably wrong.`,
  );
}

function rateLimited(
  base: Omit<KeyVerdict, 'verdict' | 'message' | 'nextStep'>,
  headers: ResponseHeaders,
  ctx: VendorContext,
): KeyVerdict {
  const retryAfterSec = retryAfterOf(headers, 'retry-after') ?? null;
  const when = retryAfterSec === null ? 'in a minute' : `in ${formatCountdown(retryAfterSec)}`;
  return {
    verdict: 'rate_limited',
    ...base,
    retryAfterSec,
    rateLimit: null,
    message: ctx.rateLimitProvesKey
      ? `${ctx.upstream} accepted the credentials but is rate limiting right now (HTTP 429).`
      : `${ctx.upstream} is rate limiting right now (HTTP 429); it did not say whether the credentials work.`,
    nextStep: `Try again ${when}.`,
  };
}

/** Origin and path of a redirect target (its query may hold someone's tokens). */
function safeLocation(location: string | undefined, base: string): string | null {
  if (location === undefined) return null;
  try {
    const url = new URL(location, base);
    return `${url.origin}${url.pathname}`;
  } catch {
    return null;
  }
}

/** The verdict for a 2xx whose body is not what the puller reads. */
export function unparsableVerdict(
  answer: UpstreamAnswer,
  requestId: string | null,
  ctx: VendorContext,
  message: string,
): KeyVerdict {
  return {
    verdict: 'wrong_endpoint',
    httpStatus: answer.status,
    requestId,
    checkedAt: new Date(ctx.now).toISOString(),
    attempts: 1,
    errorType: null,
    serverMessage: null,
    reason: 'unparsable',
    location: null,
    message,
    nextStep: CHECK_URL,
  };
}

/** The verdict for a 2xx the vendor check could read. */
export function validVerdict(answer: UpstreamAnswer, requestId: string | null, now: number, words: Words): KeyVerdict {
  return {
    verdict: 'valid',
    httpStatus: answer.status,
    requestId,
    checkedAt: new Date(now).toISOString(),
    attempts: 1,
    errorType: null,
    serverMessage: null,
    rateLimit: null,
    ...words,
  };
}
