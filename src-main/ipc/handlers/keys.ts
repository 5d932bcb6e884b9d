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
    'keys.lastVerdicts': async () => keyChecks.lastVerdicts(),
  };
}
