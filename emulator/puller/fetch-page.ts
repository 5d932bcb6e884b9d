/**
 * One page of a feed on the Anthropic server, fetched like LangWatch's puller does: the key in
 * x-api-key, no redirects, retries on 429 (Retry-After) and on 5xx/network errors (backoff).
 */
import { request } from 'undici';
import type { Activity } from '../types';

/** The most pages one walk of a run reads. */
export const MAX_PAGES = 200;

/** A Compliance API page. */
export interface Page {
  data: Activity[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

/** A failed fetch: `permanent` for 401/403/404 (the key or the path is wrong; retrying will not help). */
export class PullError extends Error {
  constructor(
    public status: number,
    public permanent: boolean,
  ) {
    super(`pull failed: HTTP ${status}`);
  }
}

/** A sleep that ends early when the puller stops (so close() never waits out a retry-after). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const t = setTimeout(done, ms);
    t.unref();
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Where and how a run fetches: the Anthropic base URL, its key, the stop signal and the longest Retry-After it honours. */
export interface FetchTarget {
  base: string;
  key: string;
  signal: AbortSignal;
  maxRetryAfterSec?: number;
}

/** Fetches one page of `path` with `params` (GET); throws PullError once retries run out. */
export async function fetchPage(
  target: FetchTarget,
  params: Record<string, string>,
  path = '/v1/compliance/activities',
): Promise<Page> {
  const url = new URL(path, target.base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  let backoff = 250;
  for (let attempt = 0; ; attempt++) {
    let status = 0;
    try {
      const res = await request(url, {
        method: 'GET',
        headers: { 'x-api-key': target.key, 'anthropic-version': '2023-06-01', accept: 'application/json' },
        maxRedirections: 0,
        headersTimeout: 10_000,
        bodyTimeout: 10_000,
        signal: target.signal,
      } as Parameters<typeof request>[1]);
      status = res.statusCode;
      if (status === 200) return (await res.body.json()) as Page;
      await res.body.dump();
      if (status === 401 || status === 403 || status === 404) throw new PullError(status, true);
      if (status === 429 && attempt < 3) {
        const retry = Number(res.headers['retry-after'] ?? '1');
        await sleep(Math.min(Number.isFinite(retry) ? retry : 1, target.maxRetryAfterSec ?? 60) * 1000, target.signal);
        continue;
      }
    } catch (e) {
      if (e instanceof PullError) throw e;
      status = status || 0; // network error: retried like a 5xx
    }
    if (attempt >= 3 || target.signal.aborted) throw new PullError(status, false);
    await sleep(backoff, target.signal);
    backoff *= 2;
  }
}
