/** A tiny node:http server on 127.0.0.1:0 for HTTP-level tests. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalServer {
  url: string;
  requests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }>;
  close(): Promise<void>;
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
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

/** A tRPC error envelope as LangWatch sends it. */
export function trpcError(
  httpStatus: number,
  path: string,
  message: string,
  error: { code: string; meta?: Record<string, unknown> } | null,
  traceId = 'trace-123',
): unknown {
  const names: Record<number, [string, number]> = {
    400: ['BAD_REQUEST', -32600],
    401: ['UNAUTHORIZED', -32001],
    403: ['FORBIDDEN', -32003],
    404: ['NOT_FOUND', -32004],
    409: ['CONFLICT', -32009],
    422: ['UNPROCESSABLE_CONTENT', -32022],
    429: ['TOO_MANY_REQUESTS', -32029],
    500: ['INTERNAL_SERVER_ERROR', -32603],
  };
  const [code, rpc] = names[httpStatus] ?? ['INTERNAL_SERVER_ERROR', -32603];
  return {
    error: {
      json: {
        message,
        code: rpc,
        data: {
          code,
          httpStatus,
          path,
          error: error ? { ...error, kind: 'handled', httpStatus, fault: 'client', traceId } : null,
          authored: error !== null,
          traceId,
        },
      },
    },
  };
}
