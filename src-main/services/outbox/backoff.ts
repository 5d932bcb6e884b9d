/** Retry delays: exponential with full jitter, capped; a server's Retry-After wins. */

/** Options of {@link retryDelayMs}. */
export interface BackoffOptions {
  /** Base of the first retry; default 2 s. */
  baseMs?: number;
  /** Longest delay; default 10 min. */
  capMs?: number;
  /** Retry-After of the failed answer, in seconds (honoured up to {@link MAX_RETRY_AFTER_SEC}, never shortened below it). */
  retryAfterSec?: number;
  /** Injected for deterministic tests; default Math.random. */
  random?: () => number;
}

/** Default base delay of the first retry. */
export const DEFAULT_BACKOFF_BASE_MS = 2000;
/** Default cap of one retry delay. */
export const DEFAULT_BACKOFF_CAP_MS = 10 * 60_000;
/** Longest server wait honoured: a Retry-After past it (1e20, a date in 3000) waits this long. */
export const MAX_RETRY_AFTER_SEC = 3600;

/**
 * Delay before retry number `failures` (1 = after the first failure): a random value in
 * [0, min(cap, base·2^(failures-1))] ("full jitter"), so consoles that failed together do
 * not retry together. A Retry-After from the server replaces it (plus up to 10% jitter).
 */
export function retryDelayMs(failures: number, options: BackoffOptions = {}): number {
  const random = options.random ?? Math.random;
  if (options.retryAfterSec !== undefined && Number.isFinite(options.retryAfterSec) && options.retryAfterSec >= 0) {
    const ms = Math.min(options.retryAfterSec, MAX_RETRY_AFTER_SEC) * 1000;
    return Math.round(ms + random() * ms * 0.1);
  }
  const base = options.baseMs ?? DEFAULT_BACKOFF_BASE_MS;
  const cap = options.capMs ?? DEFAULT_BACKOFF_CAP_MS;
  const exponent = Math.max(0, Math.min(30, failures - 1));
  const ceiling = Math.min(cap, base * 2 ** exponent);
  // A small floor so an unlucky draw of 0 never turns into a tight retry loop.
  const floor = Math.min(ceiling, 250);
  return Math.round(floor + random() * (ceiling - floor));
}
