import type { WaitingIngestSecret } from '../../../src-shared/domain/ingest-secret';
import { useIngestSecretsStore } from '../../stores/ingest-secrets-store';

/**
 * The ingest secrets waiting for the person at the console (no values), kept current by the
 * store: it follows `ingestSecrets.changed` and reloads on a sign-in change (the list is then
 * someone else's), once for every view that shows it.
 */
export function useWaitingSecrets(): { waiting: WaitingIngestSecret[]; reload(): void } {
  const waiting = useIngestSecretsStore((s) => s.waiting);
  const reload = useIngestSecretsStore((s) => s.reload);
  return { waiting, reload: () => void reload() };
}
