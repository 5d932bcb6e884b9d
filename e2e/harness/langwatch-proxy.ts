/**
 * A small proxy in front of the emulator that answers as a real LangWatch does where our
 * emulator does not: a deployment without its analytics store fails `activityMonitor.*` in
 * its own batch slot (500 `clickhouse_unavailable`, the list still answered), and a newer
 * server sends source types and statuses this console does not know. Everything else passes
 * through unchanged (cookies included; Host/Origin are set to the emulator's).
 * Test support only: imports nothing from src-*.
 */
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy changes; mutable while it runs. */
export interface ProxyRules {
  /** tRPC procedures (exact, or a prefix ending in `*`) answered with this handled error. */
  failTrpc: { route: string; httpStatus: number; code: string; message: string } | null;
  /** Rewrites the answer text of a path (e.g. a source type only a newer server knows). */
  rewrite: ((text: string, pathname: string) => string) | null;
}

export interface LangwatchProxy {
  url: string;
  rules: ProxyRules;
  close(): Promise<void>;
}

const HOP = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive']);

/** Starts the proxy on 127.0.0.1 (a free port) in front of `upstreamUrl`. */
export async function startLangwatchProxy(
  upstreamUrl: string,
  rules: Partial<ProxyRules> = {},
): Promise<LangwatchProxy> {
  const upstream = new URL(upstreamUrl);
  const state: ProxyRules = { failTrpc: null, rewrite: null, ...rules };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void forward(req, Buffer.concat(chunks), res).catch(() => res.destroy()));
  });

  async function forward(req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
    const headers: IncomingHttpHeaders = { ...req.headers, host: upstream.host };
    if (headers.origin) headers.origin = upstream.origin;
    const answer = await send(upstream, req.method ?? 'GET', req.url ?? '/', headers, body);
    const pathname = new URL(req.url ?? '/', upstream).pathname;
    let { status, text } = answer;
    const failed = state.failTrpc
      ? failProcedures(state.failTrpc, pathname, status, text, (req.url ?? '').includes('batch=1'))
      : null;
    if (failed) ({ status, text } = failed);
    if (state.rewrite) text = state.rewrite(text, pathname);
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(answer.headers)) if (v !== undefined && !HOP.has(k)) out[k] = v;
    res.writeHead(status, { ...out, 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    rules: state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(base: URL, method: string, path: string, headers: IncomingHttpHeaders, body: Buffer) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const req = request({ hostname: base.hostname, port: base.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 502, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Puts the handled error in the slot of each matching procedure (tRPC v11 batch semantics). */
function failProcedures(
  rule: NonNullable<ProxyRules['failTrpc']>,
  pathname: string,
  status: number,
  text: string,
  batch: boolean,
) {
  if (!pathname.startsWith('/api/trpc/')) return null;
  const procs = decodeURIComponent(pathname.slice('/api/trpc/'.length)).split(',');
  const matches = (p: string) => (rule.route.endsWith('*') ? p.startsWith(rule.route.slice(0, -1)) : p === rule.route);
  if (!procs.some(matches)) return null;
  const envelope = (path: string) => ({
    error: {
      json: {
        message: rule.message,
        code: -32603,
        data: {
          code: 'INTERNAL_SERVER_ERROR',
          httpStatus: rule.httpStatus,
          path,
          error: { code: rule.code, kind: rule.code, httpStatus: rule.httpStatus, meta: {}, authored: false },
        },
      },
    },
  });
  if (!batch) return { status: rule.httpStatus, text: JSON.stringify(envelope(procs[0] ?? '')) };
  let items: unknown[];
  try {
    items = JSON.parse(text) as unknown[];
    if (!Array.isArray(items)) return null;
  } catch {
    return null;
  }
  const next = items.map((item, i) => (matches(procs[i] ?? '') ? envelope(procs[i] ?? '') : item));
  const allFailed = procs.every(matches);
  return { status: allFailed ? rule.httpStatus : status === 200 ? 207 : status, text: JSON.stringify(next) };
}
