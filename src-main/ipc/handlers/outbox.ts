import type { Services } from '../../services/create-services';
import type { HandlerSlice } from '../handler-types';

/** Handlers of the `outbox.*` channels (keys and secret units arrive in the stage and edit channels and never go back). */
export function outboxHandlers(services: Services): HandlerSlice<'outbox'> {
  return {
    'outbox.stage': async (input) => services.outbox.stage(input),
    'outbox.stageSource': async (input) => services.outbox.stageSource(input),
    'outbox.stageSourceChange': async (input) => services.outbox.stageSourceChange(input),
    'outbox.editSource': async (input) => services.outbox.editSource(input),
    'outbox.list': async () => services.outbox.list(),
    'outbox.retryNow': async ({ stagedId }) => services.outbox.retryNow(stagedId),
    'outbox.edit': async (input) => services.outbox.edit(input),
    'outbox.discard': async ({ stagedId }) => services.outbox.discard(stagedId),
    'outbox.history': async ({ sourceId }) => services.outbox.history(sourceId),
  };
}
