/**
 * One request of a credential check to a vendor's API: a time limit joined with the caller's
 * signal, redirects never followed (a credential must not reach a `Location`), the body read up
 * to a cap. Resolves to the answer or to why none came; throws only `cancelled`.
 */
import { request, type Dispatcher } from 'undici';
import { AppError } from '../../../src-shared/errors';
import { readCapped } from '../http/capped-read';
import { startDeadline } from '../http/deadline';
import type { ResponseHeaders } from '../http/headers';
import { transportErrorCodes } from '../http/transport-codes';

/** A complete answer, its body read up to the cap. */
export interface UpstreamAnswer {
  status: number;
  headers: ResponseHeaders;
  text: string;
  tooLarge: boolean;
}

/** A request that got no answer. */
export interface UpstreamFailure {
  timedOut: boolean;
  /** Node's error code only (`ECONNREFUSED`…): a message may quote the request. */
  code: string | null;
}

/** What one request needs. */
export interface UpstreamRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBodyBytes: number;
  signal?: AbortSignal;
  dispatcher?: Dispatcher;
}

/** Whether an outcome is an answer (rather than a failure to get one). */
export function isAnswer(outcome: UpstreamAnswer | UpstreamFailure): outcome is UpstreamAnswer {
  return 'status' in outcome;
}

/** Sends the request once. */
export async function callUpstream(req: UpstreamRequest): Promise<UpstreamAnswer | UpstreamFailure> {
  const deadline = startDeadline(req.timeoutMs, req.signal);
  try {
    // `maxRedirections: 0` also switches off a redirect interceptor composed into the global
    // dispatcher (undici's types omit it): a 3xx is a verdict, never followed.
    const options = {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: deadline.signal,
      maxRedirections: 0,
      ...(req.dispatcher ? { dispatcher: req.dispatcher } : {}),
    };
    const response = await request(req.url, options);
    const body = await readCapped(response.body, req.maxBodyBytes);
    return { status: response.statusCode, headers: response.headers, ...body };
  } catch (error) {
    if (req.signal?.aborted) throw new AppError('cancelled', 'The credential check was cancelled.');
    const timedOut = deadline.timedOut();
    const code = timedOut ? null : (transportErrorCodes(error).at(-1) ?? null);
    return { timedOut, code: code === null ? null : code.replace(/[^\w.-]/g, '').slice(0, 64) };
  } finally {
    deadline.clear();
  }
}
