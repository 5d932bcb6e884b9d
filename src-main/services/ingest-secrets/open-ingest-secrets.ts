/** Builds the ingest-secret keeper and the self-clearing clipboard of one console (create-services.ts). */
import type { AuthService } from '../auth/types';
import type { Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import { createSecretClipboard, NO_CLIPBOARD, type ClipboardPort, type SecretClipboard } from './clipboard';
import { createIngestSecrets, type IngestSecrets } from './ingest-secrets';

/**
 * The keeper (its list change pushed as `ingestSecrets.changed`), started (expired and
 * unrecorded secrets wiped) before the outbox resumes any create, and the clipboard over
 * `clipboard` (none: copying says so).
 */
export async function openIngestSecrets(options: {
  userDataDir: string;
  secrets: SecretStore;
  clock: Clock;
  log: Logger;
  auth: Pick<AuthService, 'state' | 'requireActive'>;
  events: Pick<EventBus, 'emit'>;
  clipboard?: ClipboardPort;
}): Promise<{ ingestSecrets: IngestSecrets; clipboard: SecretClipboard }> {
  const { events, clock, log } = options;
  const ingestSecrets = createIngestSecrets({
    ...options,
    log: log.child('ingest-secrets'),
    onChange: () => events.emit('ingestSecrets.changed', {}),
  });
  const clipboard = createSecretClipboard({
    port: options.clipboard ?? NO_CLIPBOARD,
    clock,
    log: log.child('clipboard'),
  });
  await ingestSecrets.start();
  return { ingestSecrets, clipboard };
}
