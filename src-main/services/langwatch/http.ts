/**
 * The one HTTP request function every LangWatch call goes through (tRPC, sign-in, device
 * flow, CLI REST): undici over a shared keep-alive agent, a per-request timeout joined with
 * the caller's AbortSignal, no redirect following, a response size cap, and every transport
 * failure mapped to a stable AppError code.
 */
import { request, type Dispatcher } from 'undici';
import { AppError } from '../../../src-shared/errors';
import { getSharedAgent } from '../http/agent';
import { readCapped } from '../http/capped-read';
import { startDeadline } from '../http/deadline';
import { headerValue, type ResponseHeaders } from '../http/headers';
import { describeTransportError } from './transport-errors';

/** Default per-request timeout: long enough for a slow self-hosted deployment. */
export const DEFAULT_TIMEOUT_MS = 20_000;
/** Default response size cap; the biggest real answer (a 200-row event page) is far below. */
export const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

/** One request, relative to the deployment's base URL. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Path plus query string, starting with `/` (`/api/trpc/x.list?input=...`). */
  path: string;
  headers?: Record<string, string>;
  /** A JSON string when `json` is not given. */
  body?: string;
  /** Serialised as the body with `Content-Type: application/json`. */
  json?: unknown;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** A fully read response (any status: mapping statuses is the caller's job). */
export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  text: string;
}

/** The request function bound to one deployment. */
export interface LangwatchHttp {
  /** Normalised base URL (origin, no trailing slash). */
  readonly baseUrl: string;
  /** The deployment's origin, for `Origin` headers. */
  readonly origin: string;
  request(req: HttpRequest): Promise<HttpResponse>;
  /**
   * The deployment's own clock as of its latest answer (its `Date` header) and when that
   * answer arrived here; null before the first dated answer. Optional: fakes may omit it.
   */
  serverClock?(): ServerClockReading | null;
}

/** One reading of the server's clock: its `Date` header and the local time it arrived. */
export interface ServerClockReading {
  /** The server's time (ms since epoch), from its `Date` header (1 s resolution). */
  serverMs: number;
  /** This machine's clock when the answer arrived; only ever subtracted from another local reading. */
  localMs: number;
}

/** Options of {@link createLangwatchHttp}. */
export interface LangwatchHttpOptions {
  baseUrl: string;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Defaults to the shared agent; tests may pass their own. */
  dispatcher?: Dispatcher;
}

/** Creates the request function for one deployment. */
export function createLangwatchHttp(options: LangwatchHttpOptions): LangwatchHttp {
  const base = new URL(options.baseUrl);
  const origin = base.origin;
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  let lastServerClock: ServerClockReading | null = null;

  async function send(req: HttpRequest): Promise<HttpResponse> {
    if (req.signal?.aborted) throw cancelled();
    const timeoutMs = req.timeoutMs ?? defaultTimeout;
    const deadline = startDeadline(timeoutMs, req.signal);
    const url = new URL(req.path, origin);
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    let body = req.body;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    }
    try {
      const res = await request(url, {
        method: req.method,
        headers,
        body,
        signal: deadline.signal,
        dispatcher: options.dispatcher ?? getSharedAgent(),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        // undici's request() never follows redirects unless told to: a 3xx comes back as is,
        // and the callers treat it as "not a LangWatch answer" (often an SSO/login proxy).
      });
      const read = await readCapped(res.body, maxBytes, headerValue(res.headers, 'content-length'));
      if (read.tooLarge) throw tooLarge(url.pathname, maxBytes);
      const serverMs = Date.parse(headerValue(res.headers, 'date') ?? '');
      if (Number.isFinite(serverMs)) lastServerClock = { serverMs, localMs: Date.now() };
      return { status: res.statusCode, headers: res.headers, text: read.text };
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (req.signal?.aborted) throw cancelled();
      if (deadline.timedOut()) {
        throw new AppError(
          'network.timeout',
          `LangWatch at ${origin} did not answer within ${Math.round(timeoutMs / 1000)} s. Check the connection and try again.`,
          { path: url.pathname, timeoutMs },
        );
      }
      throw describeTransportError(error, origin, url.pathname);
    } finally {
      deadline.clear();
    }
  }

  return { baseUrl: origin, origin, request: send, serverClock: () => lastServerClock };
}

function cancelled(): AppError {
  return new AppError('cancelled', 'The request was cancelled.');
}

/** An answer past the size cap: nothing LangWatch sends is that big. */
function tooLarge(path: string, maxBytes: number): AppError {
  return new AppError(
    'network.unexpected_answer',
    `The server sent an answer larger than ${Math.round(maxBytes / 1024 / 1024)} MB: this does not look like a LangWatch deployment.`,
    { path, maxBytes },
  );
}

/**
 * Parses a JSON body, or throws `network.unexpected_answer`: an HTML page or an empty body
 * where LangWatch answers JSON means the URL points at something else (a proxy, a website).
 */
export function parseJsonBody(res: HttpResponse, path: string): unknown {
  try {
    return JSON.parse(res.text) as unknown;
  } catch {
    throw unexpectedAnswer(path, res.status, 'the answer is not JSON');
  }
}

/** The "this is not LangWatch" error, with a short secret-free reason. */
export function unexpectedAnswer(path: string, httpStatus: number, reason: string): AppError {
  return new AppError(
    'network.unexpected_answer',
    `Unexpected answer from the server (${reason}): this does not look like a LangWatch deployment. Check the deployment URL.`,
    { path, httpStatus, reason },
  );
}
