/**
 * The CLI device flow under /api/auth/cli, route by route as LangWatch's auth-cli.ts answers:
 * device-code, exchange, refresh, logout (CLI side); lookup, approve, deny and the /cli/auth
 * page (browser side, session cookie). No rate limit applies here. This file routes; the routes
 * live in device-flow-cli.ts and device-flow-browser.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Runtime } from '../runtime';
import { honoNotFound, redirect, sendHtml } from '../http-util';
import { approvalPage } from './device-approval-page';
import { findByUserCode } from './device-codes';
import { approveRoute, deny, lookup } from './device-flow-browser';
import { deviceCode, exchange, logout, refresh } from './device-flow-cli';
import type { Route } from './device-flow-http';
import { resolveSession } from './session';

const ROUTES: Record<string, Route> = {
  'POST device-code': deviceCode,
  'POST exchange': exchange,
  'POST refresh': refresh,
  'POST logout': logout,
  'GET lookup': lookup,
  'POST approve': approveRoute,
  'POST deny': deny,
};

/** Routes the device flow; returns false when the path is not ours. */
export async function handleDeviceFlow(
  rt: Runtime,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const p = url.pathname;
  if (p === '/cli/auth' && req.method === 'GET') {
    const auth = resolveSession(rt, req.headers.cookie);
    if (!auth) {
      redirect(res, `/auth/signin?callbackUrl=${encodeURIComponent(url.pathname + url.search)}`);
      return true;
    }
    const code = url.searchParams.get('user_code') ?? '';
    sendHtml(res, 200, approvalPage(rt, findByUserCode(rt, code), code, auth.user.id));
    return true;
  }
  if (!p.startsWith('/api/auth/cli/')) return false;
  const route = ROUTES[`${req.method} ${p.slice('/api/auth/cli/'.length)}`];
  if (!route) {
    honoNotFound(res);
    return true;
  }
  await route(rt, req, res, url);
  return true;
}
