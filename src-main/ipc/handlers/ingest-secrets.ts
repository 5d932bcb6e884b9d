import type { Services } from '../../services/create-services';
import type { HandlerSlice } from '../handler-types';

/** Handlers of the `ingestSecrets.*` channels. */
export function ingestSecretsHandlers(services: Services): HandlerSlice<'ingestSecrets'> {
  return {
    'ingestSecrets.list': async () => services.ingestSecrets.list(),
    'ingestSecrets.reveal': async ({ sourceId }) => services.ingestSecrets.reveal(sourceId),
    'ingestSecrets.rotate': async ({ sourceId }) => services.ingestSecrets.rotate(sourceId),
    'ingestSecrets.copy': async ({ text }) => services.clipboard.copy(text),
  };
}
