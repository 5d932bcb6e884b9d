/** Credential checks of every source type with a side-effect-free check (typed or staged). */
import type { RuntimeConfig } from '../../runtime-config';
import type { AuthService } from '../auth/types';
import type { Clock } from '../clock';
import type { Logger } from '../logging/log-entry';
import type { Profiles } from '../profiles/profiles';
import type { SecretStore } from '../secrets/secret-store';
import { createSourceChecks, type SourceChecks, type SourceChecksOptions } from './source-checks';
import { createStagedSourceReader, type StagedEntries } from './staged-source';

export * from './source-checks';
export * from './staged-source';

/** The console's source checks: staged entries read through the outbox (owner-checked). */
export function openSourceChecks(options: {
  config: Pick<RuntimeConfig, 'mode'>;
  profiles: Pick<Profiles, 'get'>;
  auth: Pick<AuthService, 'state'>;
  outbox: StagedEntries;
  secrets: SecretStore;
  clock: Clock;
  log: Logger;
  onStagedComplianceVerdict?: SourceChecksOptions['onStagedComplianceVerdict'];
}): SourceChecks {
  const { profiles, auth, clock } = options;
  return createSourceChecks({
    anthropicBaseUrlOf: async (profileId) => (await profiles.get(profileId)).anthropicBaseUrl,
    activeProfileId: () => auth.state().activeProfileId,
    readStaged: createStagedSourceReader({ outbox: options.outbox, secrets: options.secrets }),
    // Vendors on plain-http loopback (the emulator) only outside the installed app.
    allowLoopback: options.config.mode !== 'app',
    log: options.log.child('source-checks'),
    now: () => clock.now(),
    onStagedComplianceVerdict: options.onStagedComplianceVerdict,
  });
}
