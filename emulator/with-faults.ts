/** Applies the active faults to a server's requests: waits, answers in the handler's place, or bends its answer. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestId } from './anthropic/server';
import { echoAnswer, echoOf, jsonError } from './fault-bodies';
import { trpcProcedures, type Faults, type FaultSpec, type Side } from './faults';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
/** Logs one request: its final status (0 for a reset) and the fault that acted, if any. */
export type LogRequest = (
  req: IncomingMessage,
  pathname: string,
  status: number,
  startedAt: number,
  fault: string | null,
) => void;

/** One request under a terminal fault: what the per-kind answers need. */
interface Faulted {
  side: Side;
  req: IncomingMessage;
  res: ServerResponse;
  handler: Handler;
  /** The path as the fault bodies see it (a one-procedure batch keeps its trailing comma). */
  path: string;
  /** Logs the request as a reset (status 0). */
  logReset: () => void;
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

/** Answers in the handler's place (Anthropic answers carry a request-id like the real ones). */
function send(f: Faulted, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  const extraHeaders: Record<string, string> =
    f.side === 'anthropic'
      ? { 'request-id': requestId() }
      : f.side === 'vendors'
        ? { 'x-request-id': requestId() }
        : {};
  f.res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    ...extraHeaders,
    ...headers,
  });
  f.res.end(body);
}

/** The handler runs to completion (a mutation is committed), then the client sees a socket error. */
function resetAfter(f: Faulted): Promise<void> {
  capture(f.res, () => {
    f.logReset();
    f.req.socket.destroy();
  });
  return f.handler(f.req, f.res);
}

/** The handler's answer, sent `chunkBytes` at a time with a pause between chunks. */
function slowBody(f: Faulted, chunkBytes: number, delay: number): Promise<void> {
  const { res } = f;
  capture(res, (status, headers, body) => {
    const h: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(headers))
      if (v !== undefined && k.toLowerCase() !== 'content-length') h[k] = Array.isArray(v) ? v.map(String) : String(v);
    res.writeHead(status, { ...h, 'content-length': String(body.length) });
    void (async () => {
      for (let i = 0; i < body.length && !res.destroyed; i += chunkBytes) {
        res.write(body.subarray(i, i + chunkBytes));
        await sleep(delay);
      }
      res.end();
    })();
  });
  return f.handler(f.req, f.res);
}

/** A truncated body in each server's own shape. */
const MALFORMED: Record<Side, string> = {
  anthropic: '{"data":[{"id":"activity_',
  langwatch: '{"result":{"data":{"json":[{"id":"src_',
  vendors: '{"spaces":[{"space_id":"',
};

const BAD_GATEWAY = (status: number): string =>
  `<html><head><title>${status} Bad Gateway</title></head><body><center><h1>${status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>`;

/** Serves one request under its terminal fault (or none): a flat table of the fault kinds. */
async function answer(f: Faulted, terminal: FaultSpec | null): Promise<void> {
  const { side, path } = f;
  switch (terminal?.kind) {
    case undefined:
    case 'latency':
      return f.handler(f.req, f.res);
    case 'resetBefore':
      f.logReset();
      f.req.socket.destroy();
      return;
    case 'error5xx': {
      const status = terminal.status ?? 500;
      const headers: Record<string, string> = side === 'anthropic' ? { 'x-should-retry': 'true' } : {};
      return send(f, status, 'application/json', JSON.stringify(jsonError(side, path, status, 'internal')), headers);
    }
    case 'rateLimit': {
      const retry = String(terminal.retryAfterSec ?? 1);
      return send(f, 429, 'application/json', JSON.stringify(jsonError(side, path, 429, 'rate')), {
        'retry-after': retry,
        ...(side === 'langwatch' ? { 'x-retry-after': retry } : {}),
      });
    }
    case 'htmlError': {
      const status = terminal.status ?? 502;
      return send(f, status, 'text/html; charset=utf-8', BAD_GATEWAY(status));
    }
    case 'echoSecrets': {
      const status = terminal.status ?? 400;
      const { body, headers } = echoAnswer(side, path, status, terminal.echo ?? (await echoOf(f.req)));
      return send(f, status, 'application/json', JSON.stringify(body), headers);
    }
    case 'malformedJson':
      return send(f, 200, 'application/json', MALFORMED[side]);
    case 'resetAfter':
      return resetAfter(f);
    case 'slowBody':
      return slowBody(f, terminal.chunkBytes ?? 16, terminal.chunkDelayMs ?? 50);
  }
}

/** Wraps a handler with fault injection; `log` receives the final status (or 0 for a reset). */
export function withFaults(
  faults: Faults,
  side: Side,
  handler: Handler,
  log: LogRequest,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const startedAt = Date.now();
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const isBatch = (req.url ?? '').includes('batch=1');
    const { latencyMs, terminal } = faults.select(side, req.method ?? 'GET', pathname);
    const fault = terminal?.kind ?? (latencyMs ? 'latency' : null);
    res.on('finish', () => log(req, pathname, res.statusCode, startedAt, fault));
    const path = isBatch && trpcProcedures(pathname)?.length === 1 ? `${pathname},` : pathname;
    const logReset = (): void => log(req, pathname, 0, startedAt, fault);
    const run = async (): Promise<void> => {
      if (latencyMs) await sleep(latencyMs);
      await answer({ side, req, res, handler, path, logReset }, terminal);
    };
    run().catch(() => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      } else res.destroy();
    });
  };
}
