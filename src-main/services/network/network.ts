import { isAppError } from '../../../src-shared/errors';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';

/** Options of {@link createNetwork}. */
export interface NetworkOptions {
  clock: Clock;
  /** One cheap request that proves the network (and the deployment) answers; throws when not. */
  probe: (signal: AbortSignal) => Promise<void>;
  log: Logger;
  /** First probe delay while offline; default 1 s, doubling up to `maxProbeDelayMs`. */
  minProbeDelayMs?: number;
  /** Default 30 s. */
  maxProbeDelayMs?: number;
  /** Abort a probe after this long; default 10 s. */
  probeTimeoutMs?: number;
  /** Injected for deterministic tests; default Math.random. */
  random?: () => number;
}

/**
 * "Is the console online": flips offline on a network failure reported by any request,
 * probes with backoff while offline, flips back online on the first success.
 */
export interface Network {
  isOnline(): boolean;
  /** Call with any error of a request; only `network.offline` / `network.timeout` count. */
  reportNetworkFailure(error: unknown): void;
  /** Any answer from a server (even an error status) proves the network works. */
  reportSuccess(): void;
  onChange(listener: (online: boolean) => void): () => void;
  /** Stops probing; listeners are dropped. */
  close(): void;
}

/** True for the AppError codes that mean "the network did not answer". */
export function isNetworkFailure(error: unknown): boolean {
  return isAppError(error) && (error.code === 'network.offline' || error.code === 'network.timeout');
}

/** Creates the network tracker (see {@link Network}). */
export function createNetwork(options: NetworkOptions): Network {
  const { clock, log } = options;
  const minDelay = options.minProbeDelayMs ?? 1000;
  const maxDelay = options.maxProbeDelayMs ?? 30_000;
  const probeTimeout = options.probeTimeoutMs ?? 10_000;
  const random = options.random ?? Math.random;
  const listeners = new Set<(online: boolean) => void>();
  let online = true;
  let closed = false;
  let attempt = 0;
  let timer: unknown = null;
  let probing: AbortController | null = null;

  function setOnline(next: boolean): void {
    if (closed || next === online) return;
    online = next;
    log.info(next ? 'back online' : 'offline');
    for (const listener of [...listeners]) {
      try {
        listener(next);
      } catch (error) {
        log.warn('network listener failed', { error });
      }
    }
  }

  function cancelProbe(): void {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    probing?.abort();
    probing = null;
  }

  function scheduleProbe(): void {
    if (closed || online || timer !== null || probing) return;
    const base = Math.min(maxDelay, minDelay * 2 ** attempt);
    // Jitter in [base/2, base]: spreads probes of many consoles, never probes sooner than half.
    const delay = Math.round(base / 2 + (random() * base) / 2);
    attempt += 1;
    timer = clock.setTimeout(() => {
      timer = null;
      void runProbe();
    }, delay);
  }

  async function runProbe(): Promise<void> {
    if (closed || online) return;
    const controller = new AbortController();
    probing = controller;
    const timeout = clock.setTimeout(() => controller.abort(), probeTimeout);
    try {
      await options.probe(controller.signal);
      if (probing === controller) {
        probing = null;
        attempt = 0;
        setOnline(true);
      }
    } catch (error) {
      if (probing !== controller) return;
      probing = null;
      log.debug('probe failed', { code: isAppError(error) ? error.code : 'error' });
      scheduleProbe();
    } finally {
      clock.clearTimeout(timeout);
    }
  }

  return {
    isOnline: () => online,
    reportNetworkFailure(error) {
      if (closed || !isNetworkFailure(error)) return;
      if (online) {
        attempt = 0;
        setOnline(false);
      }
      scheduleProbe();
    },
    reportSuccess() {
      if (closed) return;
      cancelProbe();
      attempt = 0;
      setOnline(true);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      cancelProbe();
      listeners.clear();
    },
  };
}
