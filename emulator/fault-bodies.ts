/** What a faulty server answers: error bodies in each server's own shape, and a hostile echo of the request's secrets. */
import type { IncomingMessage } from 'node:http';
import { requestId } from './anthropic/server';
import { trpcProcedures, type Side } from './faults';

/** The error body of an injected 5xx or 429: Anthropic's, a tRPC one (batched when the path is), or the REST one. */
export function jsonError(side: Side, pathname: string, status: number, kind: 'internal' | 'rate'): unknown {
  if (side === 'anthropic') {
    return {
      type: 'error',
      error:
        status === 429
          ? { type: 'rate_limit_error', message: 'Rate limited' }
          : { type: status === 529 ? 'overloaded_error' : 'api_error', message: 'Internal server error' },
    };
  }
  const procs = trpcProcedures(pathname);
  if (!procs)
    return kind === 'rate'
      ? { error: 'rate_limited', error_description: 'Too many requests' }
      : { error: 'internal_error' };
  const code = kind === 'rate' ? 'TOO_MANY_REQUESTS' : 'INTERNAL_SERVER_ERROR';
  const one = (path: string): unknown => ({
    error: {
      json: {
        message: kind === 'rate' ? 'Too many requests' : 'An unknown error occurred',
        code: kind === 'rate' ? -32029 : -32603,
        data: { code, httpStatus: status, path, error: null, authored: false, traceId: requestId() },
      },
    },
  });
  return procs.length > 1 || pathname.includes(',') ? procs.map(one) : one(procs[0] ?? '');
}

/** Everything secret a request carried: key/auth/cookie headers, the query and the body (keys, passwords). */
export async function echoOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const h = req.headers;
  const parts = [
    h['x-api-key'],
    h.cookie,
    h.authorization,
    new URL(req.url ?? '/', 'http://x').search,
    Buffer.concat(chunks).toString('utf8'),
  ];
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(' | ');
}

/**
 * A hostile server that echoes what it received (the key, the cookie, the password) in every
 * place a client might keep: message, field errors, path, traceId, error.type, request-id,
 * Location and rate-limit headers. Header values keep only what a header may carry.
 */
export function echoAnswer(
  side: Side,
  path: string,
  status: number,
  echo: string,
): { body: unknown; headers: Record<string, string> } {
  const headerSafe = echo.replace(/[^\x20-\x7e]/g, '').slice(0, 4000);
  if (side === 'anthropic') {
    return {
      body: { type: 'error', error: { type: `invalid_request_error ${echo}`, message: `Received: ${echo}` } },
      headers: {
        'request-id': headerSafe,
        location: `https://evil.example/?echo=${encodeURIComponent(echo)}`,
        'anthropic-ratelimit-requests-remaining': headerSafe,
        'anthropic-ratelimit-requests-reset': headerSafe,
        'retry-after': '1',
      },
    };
  }
  const procs = trpcProcedures(path);
  if (!procs)
    return {
      body: { error: echo, error_description: `Received: ${echo}`, message: echo },
      headers: { 'x-echo': headerSafe },
    };
  const one = (): unknown => ({
    error: {
      json: {
        message: `Invalid input: ${echo}`,
        code: -32600,
        data: {
          code: 'BAD_REQUEST',
          httpStatus: status,
          path: echo,
          error: echo,
          authored: true,
          traceId: echo,
          zodError: { formErrors: [echo], fieldErrors: { name: [echo], credentials: [echo] } },
        },
      },
    },
  });
  return { body: procs.length > 1 || path.includes(',') ? procs.map(one) : one(), headers: { 'x-echo': headerSafe } };
}
