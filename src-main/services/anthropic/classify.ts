import {
  complianceActivitiesPageSchema,
  type ComplianceActivitiesPage,
} from '../../../src-shared/domain/compliance-activity';
import type { KeyVerdict, RateLimitInfo } from '../../../src-shared/domain/key-verdict';
import { headerValue, type ResponseHeaders } from '../http/headers';
import { knownSecrets } from '../logging/known-secrets';
import { retryAfterOf } from '../http/retry-after';
import { mentionsScope, parseAnthropicError, parseGrantedScopes, type AnthropicErrorBody } from './error-body';
import { formatCountdown } from '../../../src-shared/domain/duration';

// Turns one HTTP answer (or its absence) into either a page of the feed or a verdict, per
// the contract's key-check table. Pure: the HTTP layer and the retry live in feed-client.ts.

/** One complete HTTP answer, body read up to the cap. */
export interface HttpAnswer {
  status: number;
  headers: ResponseHeaders;
  text: string;
  /** The body went over the cap and was cut off. */
  tooLarge: boolean;
}

/** A request that got no answer. */
export interface NetworkFailure {
  timedOut: boolean;
  /** Node's error code (`ECONNREFUSED`, `UND_ERR_SOCKET`, …) when there is one. */
  code: string | null;
}

/** Facts about the request that the verdict's wording and redaction need. */
export interface AnswerContext {
  /** The key that was sent: removed from anything copied out of the answer. */
  key: string;
  /** Origin of the base URL, named in wrong-endpoint messages. */
  origin: string;
  /** Absolute URL of the request, to resolve a relative `Location`. */
  requestUrl: string;
  now: number;
  attempts: number;
  timeoutMs: number;
  maxBodyBytes: number;
}

/** What one answer means: a readable page, or a verdict (and whether a retry may help). */
export type Classified =
  | {
      kind: 'page';
      page: ComplianceActivitiesPage;
      status: number;
      requestId: string | null;
      rateLimit: RateLimitInfo | null;
      attempts: number;
    }
  | { kind: 'verdict'; verdict: KeyVerdict; retryable: boolean };

const CHECK_URL_STEP =
  'Check the Anthropic base URL (normally https://api.anthropic.com) and any proxy or gateway between this computer and Anthropic.';
const NEW_KEY_STEP =
  'Scopes cannot be added to an existing key: create a new Compliance Access Key with read:compliance_activities in claude.ai and paste it here.';
const TRY_LATER_STEP = 'Try again in a few minutes. This says nothing about the key.';
const NETWORK_STEP =
  "Check this computer's network connection (and any proxy or firewall), then try again. This says nothing about the key.";

/** Classifies one HTTP answer. */
export function classifyAnswer(answer: HttpAnswer, ctx: AnswerContext): Classified {
  const { status } = answer;
  const base = {
    httpStatus: status,
    requestId: header(answer.headers, 'request-id'),
    checkedAt: new Date(ctx.now).toISOString(),
    attempts: ctx.attempts,
  };
  const error = answer.tooLarge ? null : parseAnthropicError(answer.text);
  const fromServer = {
    errorType: error?.type ?? null,
    serverMessage: error?.message == null ? null : redact(error.message, ctx.key),
  };
  const verdict = (v: KeyVerdict, retryable = false): Classified => ({ kind: 'verdict', verdict: v, retryable });
  const wrongEndpoint = (
    reason: 'redirect' | 'html' | 'unexpected_status' | 'unparsable' | 'too_large',
    message: string,
    location: string | null = null,
  ): Classified =>
    verdict({ verdict: 'wrong_endpoint', ...base, ...fromServer, reason, location, message, nextStep: CHECK_URL_STEP });

  if (status >= 500) {
    const shouldRetry = header(answer.headers, 'x-should-retry')?.toLowerCase() !== 'false';
    const times = ctx.attempts > 1 ? ` ${ctx.attempts} times` : '';
    return verdict(
      {
        verdict: 'inconclusive',
        ...base,
        ...fromServer,
        reason: 'server_error',
        networkCode: null,
        message: `Anthropic answered with a server error (HTTP ${status})${times}, so the key could not be checked.`,
        nextStep: TRY_LATER_STEP,
      },
      shouldRetry,
    );
  }
  if (status >= 300 && status < 400) {
    const location = safeLocation(header(answer.headers, 'location'), ctx.requestUrl);
    const where = location === null ? '' : ` to ${location}`;
    return wrongEndpoint(
      'redirect',
      `The server at ${ctx.origin} answered with a redirect (HTTP ${status})${where} instead of the Anthropic API. The key was not sent there.`,
      location,
    );
  }
  if (answer.tooLarge) {
    return wrongEndpoint(
      'too_large',
      `The server at ${ctx.origin} answered with more than ${Math.round(ctx.maxBodyBytes / 1024)} KiB, which is not an Anthropic API answer to this request.`,
    );
  }
  if (looksLikeHtml(answer)) {
    return wrongEndpoint(
      'html',
      `The server at ${ctx.origin} answered with a web page (HTTP ${status}), not the Anthropic API.`,
    );
  }
  if (status === 200) {
    const page = parsePage(answer.text);
    if (page === null) {
      return wrongEndpoint(
        'unparsable',
        `The server at ${ctx.origin} answered HTTP 200, but not with an Anthropic activity list.`,
      );
    }
    return {
      kind: 'page',
      page,
      status,
      requestId: base.requestId,
      rateLimit: rateLimitOf(answer.headers),
      attempts: ctx.attempts,
    };
  }
  if (error === null) {
    return wrongEndpoint(
      'unexpected_status',
      `The server at ${ctx.origin} answered HTTP ${status} without an Anthropic error, so something other than the Anthropic API answered.`,
    );
  }
  return classifyAnthropicError(status, error, { ...base, ...fromServer }, answer.headers, ctx, wrongEndpoint, verdict);
}

/** The verdict when no answer came (connection refused, reset, DNS, timeout). */
export function classifyNetworkFailure(failure: NetworkFailure, ctx: AnswerContext): KeyVerdict {
  const times = ctx.attempts > 1 ? ` (tried ${ctx.attempts} times)` : '';
  const message = failure.timedOut
    ? `Anthropic did not answer within ${Math.round(ctx.timeoutMs / 1000)} s${times}, so the key could not be checked.`
    : `Anthropic could not be reached${failure.code === null ? '' : ` (${failure.code})`}${times}, so the key could not be checked.`;
  return {
    verdict: 'inconclusive',
    httpStatus: null,
    requestId: null,
    checkedAt: new Date(ctx.now).toISOString(),
    attempts: ctx.attempts,
    errorType: null,
    serverMessage: null,
    reason: failure.timedOut ? 'timeout' : 'network',
    networkCode: failure.code,
    message,
    nextStep: NETWORK_STEP,
  };
}

type Common = Pick<KeyVerdict, 'httpStatus' | 'requestId' | 'checkedAt' | 'attempts' | 'errorType' | 'serverMessage'>;

function classifyAnthropicError(
  status: number,
  error: AnthropicErrorBody,
  common: Common,
  headers: ResponseHeaders,
  ctx: AnswerContext,
  wrongEndpoint: (reason: 'unexpected_status', message: string) => Classified,
  verdict: (v: KeyVerdict) => Classified,
): Classified {
  // An older API revision answered a missing scope with 401 and a message naming the scope.
  const oldStyleScope = status === 401 && error.type === 'authentication_error' && mentionsScope(error.message);
  if (error.type === 'permission_error' || oldStyleScope) {
    // From the redacted copy: a scope list is server text like any other.
    const scopes = parseGrantedScopes(common.serverMessage);
    const has = scopes === null ? '' : ` (it has: ${scopes.length === 0 ? 'no scopes' : scopes.join(', ')})`;
    return verdict({
      verdict: 'missing_scope',
      ...common,
      scopes,
      message:
        `The key is real but cannot read the activity feed: it lacks the read:compliance_activities scope${has}. ` +
        'An Admin API key created before the Compliance API was enabled is refused the same way.',
      nextStep: NEW_KEY_STEP,
    });
  }
  if (error.type === 'authentication_error') {
    return verdict({
      verdict: 'invalid_key',
      ...common,
      message: `Anthropic rejected the key (HTTP ${status}): it is wrong, revoked or disabled, or it is a Claude API key rather than a compliance key.`,
      nextStep:
        'Copy the key again, or create a Compliance Access Key (sk-ant-api01-…) with the read:compliance_activities scope in claude.ai.',
    });
  }
  if (error.type === 'rate_limit_error') {
    const retryAfterSec = retryAfterOf(headers, 'retry-after') ?? null;
    const when = retryAfterSec === null ? 'in a minute' : `in ${formatCountdown(retryAfterSec)}`;
    return verdict({
      verdict: 'rate_limited',
      ...common,
      retryAfterSec,
      rateLimit: rateLimitOf(headers),
      message:
        'The key works: Anthropic accepted it, but is rate limiting your organisation right now ' +
        '(600 requests/minute, shared by every key and endpoint).',
      nextStep: `Nothing to fix. Try again ${when} to see a full check.`,
    });
  }
  return wrongEndpoint(
    'unexpected_status',
    `The server at ${ctx.origin} answered HTTP ${status} (${error.type}), which the Anthropic Compliance API does not answer to a key check. The base URL is probably wrong.`,
  );
}

function parsePage(text: string): ComplianceActivitiesPage | null {
  try {
    const result = complianceActivitiesPageSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

function looksLikeHtml(answer: HttpAnswer): boolean {
  const type = header(answer.headers, 'content-type')?.toLowerCase() ?? '';
  return type.includes('text/html') || /^\s*</.test(answer.text);
}

/** First value of a header, or null (the verdicts carry null for "absent"). */
function header(headers: ResponseHeaders, name: string): string | null {
  return headerValue(headers, name) ?? null;
}

function rateLimitOf(headers: ResponseHeaders): RateLimitInfo | null {
  const num = (name: string): number | null => {
    const v = header(headers, name);
    return v !== null && /^\d+$/.test(v.trim()) ? Number(v) : null;
  };
  const info = {
    limit: num('anthropic-ratelimit-requests-limit'),
    remaining: num('anthropic-ratelimit-requests-remaining'),
    reset: header(headers, 'anthropic-ratelimit-requests-reset'),
  };
  return info.limit === null && info.remaining === null && info.reset === null ? null : info;
}

/** Origin and path of a redirect target (its query may hold someone else's tokens). */
function safeLocation(location: string | null, requestUrl: string): string | null {
  if (location === null) return null;
  try {
    const url = new URL(location, requestUrl);
    return `${url.origin}${url.pathname}`;
  } catch {
    return null;
  }
}

const KEY_SHAPED = /sk-ant-[a-z0-9]+-[A-Za-z0-9_-]+/g;

/**
 * Copies server text for display: without the key (a debugging proxy may echo it back), any
 * other known or recently held secret, or anything key-shaped, and capped. The cap comes last:
 * the front half of a secret cut at the cap is recognised by no hash of its tail.
 */
export function redact(text: string, key: string): string {
  const withoutKey = knownSecrets.redactText(key.length > 0 ? text.split(key).join('(redacted)') : text);
  const cleaned = withoutKey.replace(KEY_SHAPED, '(redacted)');
  return cleaned.length > 500 ? `${cleaned.slice(0, 500)}…` : cleaned;
}
