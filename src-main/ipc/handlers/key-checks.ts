import type { Services } from '../../services/create-services';
import type { HandlerSlice } from '../handler-types';

/** Handlers of the `keyChecks.*` channels: Anthropic key check and event preview. */
export function keyChecksHandlers(services: Services): HandlerSlice<'keyChecks'> {
  const { keyChecks } = services;
  return {
    'keyChecks.checkTyped': async (input) => keyChecks.checkTyped(input),
    'keyChecks.checkStaged': async (input) => keyChecks.checkStaged(input),
    'keyChecks.previewTyped': async (input) => keyChecks.previewTyped(input),
    'keyChecks.previewStaged': async (input) => keyChecks.previewStaged(input),
    'keyChecks.checkSource': async (input) => keyChecks.checkSource(input),
    'keyChecks.checkStagedSource': async (input) => keyChecks.checkStagedSource(input),
    'keyChecks.lastVerdicts': async () => {
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
