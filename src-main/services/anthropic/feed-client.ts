import { request, type Dispatcher } from 'undici';
import { checkComplianceKey } from '../../../src-shared/domain/compliance-key';
import { AppError } from '../../../src-shared/errors';
import { readCapped } from '../http/capped-read';
import { startDeadline } from '../http/deadline';
import { transportErrorCodes } from '../http/transport-codes';
import { activitiesUrl } from './base-url';
import {
  classifyAnswer,
  classifyNetworkFailure,
  redact,
  type AnswerContext,
  type Classified,
  type HttpAnswer,
  type NetworkFailure,
} from './classify';

/** Anthropic API version header value the contract pins. */
export const ANTHROPIC_VERSION = '2023-06-01';
/** Default per-attempt time limit (headers and body). */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Largest body read; more is not an answer to a small feed request. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Pause before the single retry of a 5xx or network failure (the contract's 1 s back-off start). */
export const DEFAULT_RETRY_DELAY_MS = 1000;

/** What every call to the feed needs. Tests inject `dispatcher`, `now` and short delays. */
export interface FeedCallOptions {
  /** e.g. `https://api.anthropic.com`, or the emulator's loopback URL. */
  baseUrl: string;
  /** The raw key; trimmed and checked against the client-side rules before use. */
  key: string;
  signal?: AbortSignal;
  /** Per attempt, covering the headers and the body. */
  timeoutMs?: number;
  maxBodyBytes?: number;
  retryDelayMs?: number;
  /** undici dispatcher (default: the global one). Redirects are refused whatever it is. */
  dispatcher?: Dispatcher;
  now?: () => number;
}

/**
 * One GET of the Activity Feed with the contract's rules: key headers, no redirects
 * followed, a time limit, a capped body, one retry of a 5xx (unless `x-should-retry: false`)
 * or network failure. Resolves to a page or a verdict; throws only `invalid_argument` (bad
 * base URL or key) and `cancelled` (the caller's signal).
 */
export async function getActivitiesPage(
  options: FeedCallOptions,
  query: Record<string, string | number>,
): Promise<Classified> {
  const keyCheck = checkComplianceKey(options.key);
  if (!keyCheck.ok) {
    throw new AppError('invalid_argument', keyCheck.message, { field: 'key', reason: keyCheck.code });
  }
  const key = keyCheck.key;
  const url = activitiesUrl(options.baseUrl, query);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const now = options.now ?? Date.now;
  const headers = { 'x-api-key': key, 'anthropic-version': ANTHROPIC_VERSION, accept: 'application/json' };

  let attempts = 0;
  for (;;) {
    throwIfCancelled(options.signal);
    attempts += 1;
    const outcome = await attempt(url, headers, { ...options, timeoutMs, maxBodyBytes });
    const ctx: AnswerContext = {
      key,
      origin: url.origin,
      requestUrl: url.href,
      now: now(),
      attempts,
      timeoutMs,
      maxBodyBytes,
    };
    const classified: Classified =
      'status' in outcome
        ? classifyAnswer(outcome, ctx)
        : { kind: 'verdict', verdict: classifyNetworkFailure(outcome, ctx), retryable: true };
    if (classified.kind === 'page' || !classified.retryable || attempts >= 2) return classified;
    await pause(options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS, options.signal);
  }
}

interface AttemptOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  maxBodyBytes: number;
  dispatcher?: Dispatcher;
}

async function attempt(
  url: URL,
  headers: Record<string, string>,
  options: AttemptOptions,
): Promise<HttpAnswer | NetworkFailure> {
  const deadline = startDeadline(options.timeoutMs, options.signal);
  try {
    // `maxRedirections: 0` also switches off a redirect interceptor someone may have composed
    // into the global dispatcher: a 3xx is a verdict, and the key must never reach `Location`.
    // (undici's types omit it; it accepts 0 and refuses anything else.)
    const requestOptions = {
      method: 'GET' as const,
      headers,
      signal: deadline.signal,
      maxRedirections: 0,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    };
    const response = await request(url, requestOptions);
    const body = await readCapped(response.body, options.maxBodyBytes);
    return { status: response.statusCode, headers: response.headers, ...body };
  } catch (error) {
    throwIfCancelled(options.signal);
    const timedOut = deadline.timedOut();
    return { timedOut, code: timedOut ? null : networkCode(error, headers['x-api-key'] ?? '') };
  } finally {
    deadline.clear();
  }
}

/** Node's error code only (messages can quote request details); redacted to be sure. */
function networkCode(error: unknown, key: string): string | null {
  // undici wraps the socket error in `cause`; the innermost code is the useful one.
  const code = transportErrorCodes(error).at(-1);
  return code === undefined ? null : redact(code, key).slice(0, 64);
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('cancelled', 'The request to Anthropic was cancelled.');
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AppError('cancelled', 'The request to Anthropic was cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
