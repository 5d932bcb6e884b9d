import { useCallback, useEffect, useState } from 'react';
import type { WaitingIngestSecret } from '../../../src-shared/domain/ingest-secret';
import { call, lw } from '../../api/lw';
import { useAuthStateStore } from '../../stores/auth-state-store';

/**
 * The ingest secrets waiting for the person at the console (no values), kept current: main
 * pushes `ingestSecrets.changed` when one arrives, is revealed or expires, and the list is
 * someone else's after a sign-in change. Local state, not a store: it holds nothing secret,
 * and nothing else needs it.
 */
export function useWaitingSecrets(): { waiting: WaitingIngestSecret[]; reload(): void } {
  const [waiting, setWaiting] = useState<WaitingIngestSecret[]>([]);
  const reload = useCallback(() => {
    void call(() => lw().ingestSecrets.list({})).then((r) => {
      if (r.ok) setWaiting(r.value);
    });
  }, []);
  // A sign-in change makes it someone else's list: the auth store follows `auth.changed`.
  const auth = useAuthStateStore((s) => s.state);
  useEffect(() => lw().events.on('ingestSecrets.changed', reload), [reload]);
  useEffect(() => reload(), [auth, reload]);
  return { waiting, reload };
}
