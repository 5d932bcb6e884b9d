import type { RuntimeConfig } from '../../runtime-config';
import { createComplianceApiClient } from '../anthropic';
import type { AuthService } from '../auth/types';
import type { Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { Profiles } from '../profiles/profiles';
import type { SecretStore } from '../secrets/secret-store';
import { openSourceChecks, type StagedEntries } from '../source-checks';
import { createKeyChecks } from './key-checks';
import type { ConsoleKeyChecks } from './key-checks-types';
import { createVerdictMemory } from './verdict-memory';

/**
 * The key checks of the console with their verdict memory loaded; every remembered verdict is
 * pushed (`keyChecks.verdictRecorded`). Staged keys are looked up once the outbox is attached.
 * The credential checks of the other source types come along, reading staged entries through
 * the same attached outbox.
 */
export async function openKeyChecks(options: {
  config: Pick<RuntimeConfig, 'mode'>;
  userDataDir: string;
  secrets: SecretStore;
  profiles: Pick<Profiles, 'get'>;
  auth: Pick<AuthService, 'state'>;
  events: Pick<EventBus, 'emit'>;
  clock: Clock;
  log: Logger;
}): Promise<ConsoleKeyChecks> {
  const { profiles, auth, events, clock } = options;
  const log = options.log.child('key-checks');
  const memory = createVerdictMemory({ userDataDir: options.userDataDir, log, clock });
  await memory.load();
  const keyChecks = createKeyChecks({
    // One Anthropic client for "Test key" and for the outbox's automatic key check.
    complianceApi: createComplianceApiClient({ now: () => clock.now() }),
    secrets: options.secrets,
    anthropicBaseUrlOf: async (profileId) => (await profiles.get(profileId)).anthropicBaseUrl,
    activeProfileId: () => auth.state().activeProfileId,
    memory,
    log,
    onRecorded: (recorded) => events.emit('keyChecks.verdictRecorded', recorded),
  });
  let outbox: StagedEntries | null = null;
  const sourceChecks = openSourceChecks({
    ...options,
    // A staged compliance key checked here is remembered as "Test key" on the entry would be.
    onStagedComplianceVerdict: ({ entryId, ...checked }) =>
      keyChecks.recordVerdict({ ...checked, stagedId: entryId, sourceId: null }),
    // Until the outbox is attached no staged entry exists to check.
    outbox: { stagedKeyTarget: (id) => outbox?.stagedKeyTarget(id) ?? null, list: () => outbox?.list() ?? [] },
  });
  return {
    ...keyChecks,
    checkSource: (input) => sourceChecks.checkTyped(input),
    checkStagedSource: (input) => sourceChecks.checkStaged(input),
    attachOutbox(attached) {
      outbox = attached;
      keyChecks.attachOutbox(attached);
    },
  };
}
