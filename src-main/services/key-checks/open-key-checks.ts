import { createComplianceApiClient } from '../anthropic';
import type { AuthService } from '../auth/types';
import type { Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { Profiles } from '../profiles/profiles';
import type { SecretStore } from '../secrets/secret-store';
import { createKeyChecks, type KeyChecks } from './key-checks';
import { createVerdictMemory } from './verdict-memory';

/**
 * The key checks of the console with their verdict memory loaded; every remembered verdict is
 * pushed (`keyChecks.verdictRecorded`). Staged keys are looked up once the outbox is attached.
 */
export async function openKeyChecks(options: {
  userDataDir: string;
  secrets: SecretStore;
  profiles: Pick<Profiles, 'get'>;
  auth: Pick<AuthService, 'state'>;
  events: Pick<EventBus, 'emit'>;
  clock: Clock;
  log: Logger;
}): Promise<KeyChecks> {
  const { profiles, auth, events, clock } = options;
  const log = options.log.child('key-checks');
  const memory = createVerdictMemory({ userDataDir: options.userDataDir, log, clock });
  await memory.load();
  return createKeyChecks({
    // One Anthropic client for "Test key" and for the outbox's automatic key check.
    complianceApi: createComplianceApiClient({ now: () => clock.now() }),
    secrets: options.secrets,
    anthropicBaseUrlOf: async (profileId) => (await profiles.get(profileId)).anthropicBaseUrl,
    activeProfileId: () => auth.state().activeProfileId,
    memory,
    log,
    onRecorded: (recorded) => events.emit('keyChecks.verdictRecorded', recorded),
  });
}
