/**
 * Fast path for the hot query `GET /api/trpc/ingestionSources.list` (not batched): same bytes as the tRPC
 * handler, but the serialised body is cached per list snapshot, so a 5,000-source org answers without
 * re-stringifying. Anything unusual (bad input, no session, no permission, errors) falls through to tRPC,
 * which produces the error envelopes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import superjson from 'superjson';
import type { Runtime } from '../runtime';
import { listInput, listSources } from './sources';
import { resolveSession } from './session';
import { serializeOutput } from './trpc';
import { sourceListBody } from './list-serializer';

const PATH = '/api/trpc/ingestionSources.list';
const bodies = new WeakMap<object, Buffer>();

/** Answers the request and returns true, or returns false to let tRPC handle it. */
export function tryFastList(rt: Runtime, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if (req.method !== 'GET' || url.pathname !== PATH || url.searchParams.has('batch')) return false;
  try {
    const raw = url.searchParams.get('input');
    if (raw === null) return false;
    const parsed = listInput.safeParse(
      superjson.deserialize(JSON.parse(raw) as Parameters<typeof superjson.deserialize>[0]),
    );
    if (!parsed.success) return false;
    const auth = resolveSession(rt, req.headers.cookie);
    if (!auth) return false;
    const list = listSources(rt, auth.user, parsed.data);
    let body = bodies.get(list);
    if (!body) {
      body = Buffer.from(sourceListBody(list) ?? JSON.stringify({ result: { data: serializeOutput(list) } }));
      bodies.set(list, body);
    }
    res.writeHead(200, {
      'content-type': 'application/json',
      vary: 'trpc-accept, accept',
      'content-length': body.length,
    });
    res.end(body);
    return true;
  } catch {
    return false;
  }
}
