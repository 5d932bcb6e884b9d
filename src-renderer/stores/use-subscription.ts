import { useEffect } from 'react';

/**
 * Runs a store's `start()` (subscribe, then load) while the component is mounted and
 * unsubscribes on unmount, also when the component goes away before `start()` resolved:
 * a late unsubscribe would otherwise leak a listener.
 */
export function useSubscription(start: () => Promise<() => void>): void {
  useEffect(() => {
    let off: (() => void) | undefined;
    let cancelled = false;
    void start().then((unsubscribe) => {
      if (cancelled) unsubscribe();
      else off = unsubscribe;
    });
    return () => {
      cancelled = true;
      off?.();
    };
  }, [start]);
}
