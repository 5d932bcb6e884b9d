import type { Services } from '../../services/create-services';
import type { HandlerTable } from '../handler-types';
import { appHandlers } from './app';
import { authHandlers } from './auth';
import { everywhereHandlers } from './everywhere';
import { outboxHandlers } from './outbox';
import { keyChecksHandlers } from './key-checks';
import { profilesHandlers } from './profiles';
import { settingsHandlers } from './settings';
import { sourcesHandlers } from './sources';
import { ingestSecretsHandlers } from './ingest-secrets';
import { guardReadOnly } from '../read-only-guard';

/**
 * The full handler table: one slice per domain. Typed against the contract, so a channel
 * without a handler (or a handler without a channel) does not compile.
 */
export function createHandlerTable(services: Services): HandlerTable {
  return guardReadOnly(
    {
      ...appHandlers(services),
      ...authHandlers(services),
      ...profilesHandlers(services),
      ...outboxHandlers(services),
      ...keyChecksHandlers(services),
      ...settingsHandlers(services),
      ...sourcesHandlers(services),
      ...ingestSecretsHandlers(services),
      ...everywhereHandlers(services),
    },
    () => services.auth.state(),
  );
}
