import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// Small node:http servers on 127.0.0.1:0 for HTTP-level tests. Each records what it was sent,
// so a test can prove which headers and bodies went where (and that nothing went to a redirect
// target). Two shapes: startLocalServer reads the body before calling the handler;
// startServer calls it at once, with the request's 0-based number.

/** A server whose requests are recorded with their bodies. */
export interface LocalServer {
  url: string;
  requests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }>;
  close(): Promise<void>;
}

/** What a startServer server saw of one request. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

/** A running startServer server. */
export interface TestServer {
  url: string;
  port: number;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** Handler for the n-th request (0-based). */
export type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

const running = new Set<Server>();

async function listen(server: Server): Promise<{ url: string; port: number; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.add(server);
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, close: () => stop(server) };
}

function stop(server: Server): Promise<void> {
  running.delete(server);
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Starts a server whose handler gets the request (with its body read) and the response. */
export async function startLocalServer(
  handler: (req: IncomingMessage & { bodyText: string }, res: ServerResponse) => unknown,
): Promise<LocalServer> {
  const requests: LocalServer['requests'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const bodyText = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: bodyText });
      void handler(Object.assign(req, { bodyText }), res);
    });
  });
  const { url, close } = await listen(server);
  return { url, requests, close };
}

/** Starts a server that hands each request to `handler` as it arrives. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const n = requests.length;
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res, n);
  });
  return { ...(await listen(server)), requests };
}

/** Closes every server still running (call from afterEach). */
export async function closeAllServers(): Promise<void> {
  await Promise.all([...running].map(stop));
}

/** Writes a JSON answer. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
