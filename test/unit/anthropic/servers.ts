import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';

// Small loopback servers for the Anthropic client tests: each records what it was sent, so a
// test can prove which headers went where (and that nothing went to a redirect target).

/** What a test server saw of one request. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

/** A running test server. */
export interface TestServer {
  url: string;
  port: number;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** Handler for the n-th request (0-based). */
export type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

const running = new Set<Server>();

/** Starts a server on 127.0.0.1:0. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const n = requests.length;
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res, n);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.add(server);
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, requests, close: () => stop(server) };
}

/** Closes every server still running (call from afterEach). */
export async function closeAllServers(): Promise<void> {
  await Promise.all([...running].map(stop));
}

function stop(server: Server): Promise<void> {
  running.delete(server);
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Sends a JSON answer. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Sends an Anthropic error envelope. */
export function anthropicError(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
  topLevelType = true,
): void {
  json(res, status, topLevelType ? { type: 'error', error: { type, message } } : { error: { type, message } }, headers);
}

/** An empty feed page. */
export const EMPTY_PAGE = { data: [], has_more: false, first_id: null, last_id: null };

/** Fails the test if `secret` appears anywhere in `value` (JSON) or in an error's message/details. */
export function expectNoSecret(value: unknown, secret: string): void {
  const parts: string[] = [];
  if (value instanceof Error) {
    parts.push(value.message, String(value.stack));
    parts.push(JSON.stringify((value as { details?: unknown }).details ?? null));
  } else {
    parts.push(JSON.stringify(value));
  }
  for (const part of parts) expect(part.includes(secret), 'the key leaked').toBe(false);
}
