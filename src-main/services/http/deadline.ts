/** A per-request time limit joined with the caller's AbortSignal. */

/** One request's deadline: abort when the time is up or the caller aborts, whichever is first. */
export interface Deadline {
  /** Aborted by the time limit or by the caller's signal. */
  readonly signal: AbortSignal;
  /** True once the time limit (not the caller) aborted the request. */
  timedOut(): boolean;
  /** Stops the timer; call it in `finally`. */
  clear(): void;
}

/**
 * Starts the deadline. The timer is unref'd: a pending request keeps the process alive on
 * its own, and a forgotten timer must not.
 */
export function startDeadline(timeoutMs: number, caller?: AbortSignal): Deadline {
  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(new Error('timeout')), timeoutMs);
  handle.unref?.();
  return {
    signal: caller ? AbortSignal.any([caller, timer.signal]) : timer.signal,
    timedOut: () => timer.signal.aborted,
    clear: () => clearTimeout(handle),
  };
}
