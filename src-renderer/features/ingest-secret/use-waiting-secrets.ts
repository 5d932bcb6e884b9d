import { useEffect } from 'react';
import type { WaitingIngestSecret } from '../../../src-shared/domain/ingest-secret';
import { useAuthStateStore } from '../../stores/auth-state-store';
import { useIngestSecretsStore } from '../../stores/ingest-secrets-store';

/**
 * The ingest secrets waiting for the person at the console (no values), kept current: the
 * store follows `ingestSecrets.changed`, and a sign-in change (the auth store follows
 * `auth.changed`) reloads it, since the list is then someone else's.
 */
export function useWaitingSecrets(): { waiting: WaitingIngestSecret[]; reload(): void } {
  const waiting = useIngestSecretsStore((s) => s.waiting);
  const reload = useIngestSecretsStore((s) => s.reload);
  const auth = useAuthStateStore((s) => s.state);
  useEffect(() => void reload(), [auth, reload]);
  return { waiting, reload: () => void reload() };
}
