/**
 * tRPC v11 over HTTP with the superjson transformer, exactly as LangWatch speaks it
 * (contract §2): queries as GET with a `?input=` envelope, mutations as JSON POSTs, batched
 * queries as one GET with per-item results, answers decoded with the superjson library.
 */
import superjson from 'superjson';
import { decodeSuperjson } from './superjson-decode';
import { AppError } from '../../../src-shared/errors';
import { retryAfterOf } from '../http/retry-after';
import { parseJsonBody, unexpectedAnswer, type HttpResponse, type LangwatchHttp } from './http';
import { mapTrpcError, type TrpcErrorShape } from './trpc-errors';

/** One procedure call of a batch. */
export interface TrpcCall {
  path: string;
  input: unknown;
}

/** Per-item outcome of a batch: one failing item never loses the others. */
export type TrpcItemResult = { ok: true; data: unknown } | { ok: false; error: AppError };

/** Per-call options. */
export interface TrpcCallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /**
   * A query read again and again (the lists every tick): an answer whose text is the same as
   * this client's last successful answer to the same URL is that answer's decoded data, the
   * very same object, without parsing it again (the list memo then keeps every DTO by identity).
   */
  reuseUnchanged?: boolean;
}

/** A tRPC client bound to one deployment. */
export interface TrpcClient {
  query(path: string, input: unknown, options?: TrpcCallOptions): Promise<unknown>;
  mutation(path: string, input: unknown, options?: TrpcCallOptions): Promise<unknown>;
  /** Several queries in ONE GET (`a,b?batch=1`); results in call order. */
  batchQuery(calls: readonly TrpcCall[], options?: TrpcCallOptions): Promise<TrpcItemResult[]>;
}

/** Options of {@link createTrpcClient}. */
export interface TrpcClientOptions {
  http: LangwatchHttp;
  /** Headers added to every call (the session cookie); read per call so a re-sign-in applies. */
  getHeaders?: () => Promise<Record<string, string>>;
  /** Called after every call whose answer (or any batch item) was 401. */
  onUnauthorized?: (headersUsed: Record<string, string>) => void;
}

const BASE = '/api/trpc/';

/** Creates a tRPC client. Throws AppError only (see trpc-errors.ts for the mapping). */
export function createTrpcClient(options: TrpcClientOptions): TrpcClient {
  const { http } = options;

  async function send(
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    label: string,
    opts?: TrpcCallOptions,
  ) {
    const headers = { ...(await options.getHeaders?.()) };
    const res = await http.request({
      method,
      path,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body,
      signal: opts?.signal,
      timeoutMs: opts?.timeoutMs,
    });
    return { res, headers, label };
  }

  function single(res: HttpResponse, label: string, headersUsed: Record<string, string>): unknown {
    const item = decodeItem(readBody(res, label), res, label);
    if (!item.ok && item.error.code === 'auth.session_expired') options.onUnauthorized?.(headersUsed);
    if (!item.ok) throw item.error;
    return item.data;
  }

  // The last successful answer per URL of the queries that ask to reuse an unchanged one.
  const lastAnswers = new Map<string, { text: string; data: unknown }>();
  return {
    async query(path, input, opts) {
      const url = `${BASE}${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
      const { res, headers } = await send('GET', url, undefined, path, opts);
      if (!opts?.reuseUnchanged || res.status !== 200) return single(res, path, headers);
      const last = lastAnswers.get(url);
      if (last && last.text === res.text) return last.data;
      const data = single(res, path, headers);
      lastAnswers.set(url, { text: res.text, data });
      return data;
    },
    async mutation(path, input, opts) {
      const { res, headers } = await send(
        'POST',
        `${BASE}${path}`,
        JSON.stringify(superjson.serialize(input)),
        path,
        opts,
      );
      return single(res, path, headers);
    },
    async batchQuery(calls, opts) {
      if (calls.length === 0) return [];
      const envelope: Record<string, unknown> = {};
      calls.forEach((call, i) => {
        envelope[String(i)] = superjson.serialize(call.input);
      });
      const paths = calls.map((c) => c.path).join(',');
      const url = `${BASE}${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(envelope))}`;
      const { res, headers } = await send('GET', url, undefined, paths, opts);
      const body = readBody(res, paths);
      if (!Array.isArray(body)) {
        // A whole-request failure (401 before routing, a proxy error) applies to every item.
        const item = decodeItem(body, res, paths);
        if (!item.ok && item.error.code === 'auth.session_expired') options.onUnauthorized?.(headers);
        if (!item.ok) throw item.error;
        throw unexpectedAnswer(paths, res.status, 'a batch answer is not an array');
      }
      if (body.length !== calls.length)
        throw unexpectedAnswer(paths, res.status, 'a batch answer has the wrong length');
      const results = body.map((item, i) => decodeItem(item, res, calls[i]?.path ?? paths));
      if (results.some((r) => !r.ok && r.error.code === 'auth.session_expired')) options.onUnauthorized?.(headers);
      return results;
    },
  };
}

/** Parses the body; a non-JSON body of a gateway error is a server error, else not LangWatch. */
function readBody(res: HttpResponse, label: string): unknown {
  if (res.status >= 300 && res.status < 400) {
    throw unexpectedAnswer(label, res.status, 'the server redirected the request, maybe to a sign-in proxy');
  }
  try {
    return parseJsonBody(res, label);
  } catch (error) {
    if (res.status === 502 || res.status === 503 || res.status === 504) {
      throw new AppError(
        'langwatch.server_error',
        'LangWatch is temporarily unavailable (gateway error). Try again later.',
        {
          httpStatus: res.status,
          path: label,
        },
      );
    }
    if (res.status === 429) return { error: { json: { data: { httpStatus: 429 } } } };
    throw error;
  }
}

/** Decodes one `{result}` / `{error}` envelope into a per-item result. */
function decodeItem(item: unknown, res: HttpResponse, path: string): TrpcItemResult {
  if (!isRecord(item))
    return { ok: false, error: unexpectedAnswer(path, res.status, 'the answer is not a tRPC envelope') };
  if (isRecord(item.result)) {
    const data = item.result.data;
    if (!isRecord(data) || !('json' in data)) {
      return { ok: false, error: unexpectedAnswer(path, res.status, 'the answer has no superjson data') };
    }
    try {
      return { ok: true, data: decodeSuperjson(data as unknown as Parameters<typeof superjson.deserialize>[0]) };
    } catch {
      return { ok: false, error: unexpectedAnswer(path, res.status, 'the answer is not valid superjson') };
    }
  }
  if (isRecord(item.error)) {
    let shape: unknown = item.error;
    if ('json' in item.error) {
      try {
        shape = superjson.deserialize(item.error as unknown as Parameters<typeof superjson.deserialize>[0]);
      } catch {
        shape = item.error.json;
      }
    }
    if (!isRecord(shape))
      return { ok: false, error: unexpectedAnswer(path, res.status, 'the error answer is not a tRPC envelope') };
    const retryAfterSec = retryAfterOf(res.headers, 'retry-after');
    return { ok: false, error: mapTrpcError(shape as TrpcErrorShape, res.status, path, retryAfterSec) };
  }
  return { ok: false, error: unexpectedAnswer(path, res.status, 'the answer is not a tRPC envelope') };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
