import type { Services } from '../../services/create-services';
import type { HandlerSlice } from '../handler-types';

/** Handlers of the `outbox.*` channels (the key arrives in stage/edit and never goes back). */
export function outboxHandlers(services: Services): HandlerSlice<'outbox'> {
  return {
    'outbox.stage': async (input) => services.outbox.stage(input),
    'outbox.list': async () => services.outbox.list(),
    'outbox.retryNow': async ({ stagedId }) => services.outbox.retryNow(stagedId),
    'outbox.edit': async (input) => services.outbox.edit(input),
    'outbox.discard': async ({ stagedId }) => services.outbox.discard(stagedId),
    'outbox.history': async ({ sourceId }) => services.outbox.history(sourceId),
  };
}
