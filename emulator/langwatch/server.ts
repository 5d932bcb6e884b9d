/** The LangWatch request listener: tRPC at /api/trpc, BetterAuth-style auth, device flow, CLI REST, push receivers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { Runtime } from '../runtime';
import { clientIp, sendJson } from '../http-util';
import { handleAuth } from './auth';
import { handleCliRest } from './cli-rest';
import { handleDeviceFlow } from './device-flow';
import { handleIngest } from './ingest';
import { tryFastList } from './fast-list';
import { appRouter } from './router';
import { resolveSession } from './session';

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Builds the LangWatch handler; `extra` gets first pick (the HTTP control surface). */
export function createLangwatchHandler(
  rt: Runtime,
  extra?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>,
): Handler {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/api/trpc/',
    createContext: ({ req }) => ({ rt, auth: resolveSession(rt, req.headers.cookie) }),
  });
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (extra && (await extra(req, res, url))) return;
    if (url.pathname.startsWith('/api/trpc/')) {
      if (!tryFastList(rt, req, res, url)) trpc(req, res);
      return;
    }
    // BetterAuth's limiter covers its own paths; LangWatch's /api/auth/cli/* routes have none.
    if (url.pathname.startsWith('/api/auth/') && !url.pathname.startsWith('/api/auth/cli/')) {
      const lim = rt.limiter.hit(`auth:${clientIp(req)}:${url.pathname}`, rt.settings.authPathLimit, 60_000, rt.now());
      if (!lim.allowed) {
        sendJson(
          res,
          429,
          { code: 'TOO_MANY_REQUESTS', message: 'Too many requests. Please try again later.' },
          { 'X-Retry-After': String(Math.max(1, Math.ceil((lim.resetAt - rt.now()) / 1000))) },
        );
        return;
      }
    }
    if (await handleAuth(rt, req, res, url)) return;
    if (handleCliRest(rt, req, res, url)) return;
    if (await handleDeviceFlow(rt, req, res, url)) return;
    if (await handleIngest(rt, req, res, url)) return;
    if (url.pathname === '/' || url.pathname === '/healthz') {
      sendJson(res, 200, { ok: true, service: 'langwatch-emulator' });
      return;
    }
    sendJson(res, 404, { error: 'not_found' });
  };
}
