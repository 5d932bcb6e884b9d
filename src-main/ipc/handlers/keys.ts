import type { Services } from '../../services/create-services';
import type { HandlerSlice } from '../handler-types';

/** Handlers of the `keys.*` channels: Anthropic key pre-flight and event preview. */
export function keysHandlers(services: Services): HandlerSlice<'keys'> {
  const { keyChecks } = services;
  return {
    'keys.checkTyped': async (input) => keyChecks.checkTyped(input),
    'keys.checkStaged': async (input) => keyChecks.checkStaged(input),
    'keys.previewTyped': async (input) => keyChecks.previewTyped(input),
    'keys.previewStaged': async (input) => keyChecks.previewStaged(input),
    'keys.lastVerdicts': async () => {
      // A staged key's verdict is shown to the person who staged it only.
      const { byStagedId, bySourceId } = keyChecks.lastVerdicts();
      const mine = new Set(
        services.outbox
          .list()
          .filter((e) => e.access === 'mine')
          .map((e) => e.id),
      );
      return { byStagedId: Object.fromEntries(Object.entries(byStagedId).filter(([id]) => mine.has(id))), bySourceId };
    },
  };
}
