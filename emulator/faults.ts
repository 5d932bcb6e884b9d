/** Fault injection per route pattern: latency, 5xx, 429, resets (before/after the handler), malformed JSON, slow bodies, HTML errors. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestId } from './anthropic/server';

export type Side = 'langwatch' | 'anthropic';

interface FaultBase {
  /** `*`; a tRPC procedure (`ingestionSources.create`, or a prefix ending in `*`, e.g. `ingestionSources.*`),
   *  matched inside batched paths; or a path prefix starting with `/` (REST and Anthropic routes). */
  route: string;
  /** Only on this server (default: both). */
  side?: Side;
  /** Only for this HTTP method (default: any). */
  method?: string;
  /** Chance of firing per matching request, 0..1 (default 1). */
  probability?: number;
  /** Fire at most this many times, then the fault is removed (default: unlimited). */
  times?: number;
}
/** A fault to inject. */
export type FaultSpec = FaultBase &
  (
    | { kind: 'latency'; ms: number }
    | { kind: 'error5xx'; status?: number }
    | { kind: 'rateLimit'; retryAfterSec?: number }
    | { kind: 'resetBefore' }
    | { kind: 'resetAfter' }
    | { kind: 'malformedJson' }
    | { kind: 'slowBody'; chunkBytes?: number; chunkDelayMs?: number }
    | { kind: 'htmlError'; status?: number }
    | { kind: 'echoSecrets'; status?: number }
  );
export type FaultKind = FaultSpec['kind'];
export interface ActiveFault {
  id: string;
  spec: FaultSpec;
  fired: number;
}

/** Procedure names of a tRPC path (`/api/trpc/a.b,c.d`), or null for other paths. */
export function trpcProcedures(pathname: string): string[] | null {
  if (!pathname.startsWith('/api/trpc/')) return null;
  let rest = pathname.slice('/api/trpc/'.length);
  try {
    rest = decodeURIComponent(rest);
  } catch {
    /* keep raw */
  }
  return rest.split(',').filter(Boolean);
}

export function routeMatches(pattern: string, pathname: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('/')) return pathname.startsWith(pattern);
  const procs = trpcProcedures(pathname);
  if (!procs) return false;
  if (pattern.endsWith('*')) {
    const prefix = pattern.slice(0, -1);
    return procs.some((p) => p.startsWith(prefix));
  }
  return procs.includes(pattern);
}

/** The registry of active faults. */
export class Faults {
  private list: ActiveFault[] = [];
  private nextId = 1;
  constructor(private random: () => number = Math.random) {}

  /** Adds a fault; returns its id. */
  add(spec: FaultSpec): string {
    const id = `fault_${this.nextId++}`;
    this.list.push({ id, spec, fired: 0 });
    return id;
  }
  remove(id: string): boolean {
    const n = this.list.length;
    this.list = this.list.filter((f) => f.id !== id);
    return this.list.length !== n;
  }
  clear(): void {
    this.list = [];
  }
  active(): ActiveFault[] {
    return this.list.map((f) => ({ ...f, spec: { ...f.spec } }));
  }

  /** Decides which faults fire for a request: total latency and the first terminal fault. */
  select(
    side: Side,
    method: string,
    pathname: string,
  ): { latencyMs: number; terminal: FaultSpec | null; ids: string[] } {
    let latencyMs = 0;
    let terminal: FaultSpec | null = null;
    const ids: string[] = [];
    for (const f of [...this.list]) {
      const s = f.spec;
      if (s.side && s.side !== side) continue;
      if (s.method && s.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!routeMatches(s.route, pathname)) continue;
      if (s.kind !== 'latency' && terminal) continue;
      if (this.random() >= (s.probability ?? 1)) continue;
      f.fired++;
      ids.push(f.id);
      if (s.times !== undefined && f.fired >= s.times) this.remove(f.id);
      if (s.kind === 'latency') latencyMs += s.ms;
      else terminal = s;
    }
    return { latencyMs, terminal, ids };
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms).unref());

/** Holds back a response: the handler's status, headers and body are captured and handed to `done`. */
function capture(
  res: ServerResponse,
  done: (status: number, headers: Record<string, unknown>, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  const orig = { writeHead: res.writeHead, write: res.write, end: res.end };
  let extra: Record<string, unknown> = {};
  res.writeHead = ((code: number, ...args: unknown[]) => {
    res.statusCode = code;
    const h = args.find((a) => a && typeof a === 'object');
    if (h && !Array.isArray(h)) extra = { ...extra, ...(h as Record<string, unknown>) };
    return res;
  }) as typeof res.writeHead;
  res.write = ((chunk: unknown) => {
    if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk as string));
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown) => {
    if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk as string));
    Object.assign(res, orig);
    done(res.statusCode, { ...res.getHeaders(), ...extra }, Buffer.concat(chunks));
    return res;
  }) as typeof res.end;
}

function jsonError(side: Side, pathname: string, status: number, kind: 'internal' | 'rate'): unknown {
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
async function echoOf(req: IncomingMessage): Promise<string> {
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
function echoAnswer(
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

/** Wraps a handler with fault injection; `log` receives the final status (or 0 for a reset). */
export function withFaults(
  faults: Faults,
  side: Side,
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  log: (req: IncomingMessage, pathname: string, status: number, startedAt: number, fault: string | null) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const startedAt = Date.now();
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const isBatch = (req.url ?? '').includes('batch=1');
    const { latencyMs, terminal } = faults.select(side, req.method ?? 'GET', pathname);
    const fault = terminal?.kind ?? (latencyMs ? 'latency' : null);
    res.on('finish', () => log(req, pathname, res.statusCode, startedAt, fault));
    const run = async (): Promise<void> => {
      if (latencyMs) await sleep(latencyMs);
      const extraHeaders: Record<string, string> = side === 'anthropic' ? { 'request-id': requestId() } : {};
      const send = (status: number, type: string, body: string, headers: Record<string, string> = {}): void => {
        res.writeHead(status, {
          'content-type': type,
          'content-length': Buffer.byteLength(body),
          ...extraHeaders,
          ...headers,
        });
        res.end(body);
      };
      const path = isBatch && trpcProcedures(pathname)?.length === 1 ? `${pathname},` : pathname;
      switch (terminal?.kind) {
        case undefined:
        case 'latency':
          return handler(req, res);
        case 'resetBefore':
          log(req, pathname, 0, startedAt, fault);
          req.socket.destroy();
          return;
        case 'error5xx': {
          const status = terminal.status ?? 500;
          return send(
            status,
            'application/json',
            JSON.stringify(jsonError(side, path, status, 'internal')),
            side === 'anthropic' ? { 'x-should-retry': 'true' } : {},
          );
        }
        case 'rateLimit': {
          const retry = String(terminal.retryAfterSec ?? 1);
          return send(429, 'application/json', JSON.stringify(jsonError(side, path, 429, 'rate')), {
            'retry-after': retry,
            ...(side === 'langwatch' ? { 'x-retry-after': retry } : {}),
          });
        }
        case 'htmlError': {
          const status = terminal.status ?? 502;
          return send(
            status,
            'text/html; charset=utf-8',
            `<html><head><title>${status} Bad Gateway</title></head><body><center><h1>${status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>`,
          );
        }
        case 'echoSecrets': {
          const status = terminal.status ?? 400;
          const { body, headers } = echoAnswer(side, path, status, await echoOf(req));
          return send(status, 'application/json', JSON.stringify(body), headers);
        }
        case 'malformedJson':
          return send(
            200,
            'application/json',
            side === 'anthropic' ? '{"data":[{"id":"activity_' : '{"result":{"data":{"json":[{"id":"src_',
          );
        case 'resetAfter':
          // The handler runs to completion (a mutation is committed), then the client sees a socket error.
          capture(res, () => {
            log(req, pathname, 0, startedAt, fault);
            req.socket.destroy();
          });
          return handler(req, res);
        case 'slowBody': {
          const chunkBytes = terminal.chunkBytes ?? 16;
          const delay = terminal.chunkDelayMs ?? 50;
          capture(res, (status, headers, body) => {
            const h: Record<string, string | string[]> = {};
            for (const [k, v] of Object.entries(headers))
              if (v !== undefined && k.toLowerCase() !== 'content-length')
                h[k] = Array.isArray(v) ? v.map(String) : String(v);
            res.writeHead(status, { ...h, 'content-length': String(body.length) });
            void (async () => {
              for (let i = 0; i < body.length && !res.destroyed; i += chunkBytes) {
                res.write(body.subarray(i, i + chunkBytes));
                await sleep(delay);
              }
              res.end();
            })();
          });
          return handler(req, res);
        }
      }
    };
    run().catch(() => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      } else res.destroy();
    });
  };
}
