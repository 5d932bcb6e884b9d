/**
 * The capture loop of the browser sign-in window, independent of Electron: re-reads the
 * window's cookie jar on every trigger (cookie changed, navigation finished) and settles with
 * the session cookie pair the moment it appears, or null when the window closes first.
 */
import { findSessionCookie, type JarCookie } from '../langwatch/cookie-capture';

/** What the watch needs from a sign-in window. */
export interface CookieWatchSource {
  /** The deployment whose session cookie is wanted. */
  baseUrl: string;
  /** Every cookie of the window's private session. */
  readCookies(): Promise<readonly JarCookie[]>;
  /** Calls `check` whenever something may have set a cookie; returns the unsubscribe. */
  subscribe(check: () => void): () => void;
  /** Resolves when the person (or the page) closed the window. */
  closed: Promise<void>;
  signal?: AbortSignal;
  now?: () => number;
}

/** Resolves with the `name=value` pair as soon as it is in the jar; null when closed/aborted first. */
export function watchForSessionCookie(source: CookieWatchSource): Promise<string | null> {
  return new Promise<string | null>((resolve) => {
    let settled = false;
    let checking: Promise<void> | null = null;
    let again = false;
    const finish = (value: string | null) => {
      if (settled) return;
      settled = true;
      unsubscribe();
      source.signal?.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const check = (): void => {
      if (settled) return;
      // One read at a time; a trigger during a read schedules exactly one more.
      if (checking) {
        again = true;
        return;
      }
      checking = (async () => {
        try {
          const pair = findSessionCookie(await source.readCookies(), source.baseUrl, source.now?.() ?? Date.now());
          if (pair) finish(pair);
        } catch {
          // A jar read can fail while the window is closing; the close settles the watch.
        }
      })().finally(() => {
        checking = null;
        if (again) {
          again = false;
          check();
        }
      });
    };
    const onAbort = () => finish(null);
    const unsubscribe = source.subscribe(check);
    void source.closed.then(async () => {
      // A cookie set right before the window closed still counts.
      await checking;
      if (!settled) {
        try {
          const pair = findSessionCookie(await source.readCookies(), source.baseUrl, source.now?.() ?? Date.now());
          finish(pair);
        } catch {
          finish(null);
        }
      }
    });
    if (source.signal?.aborted) onAbort();
    else source.signal?.addEventListener('abort', onAbort, { once: true });
    check();
  });
}
