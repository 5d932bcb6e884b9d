import type { Services } from '../../services/create-services';
import type { HandlerSlice } from '../handler-types';

/** Handlers of the `everywhere.*` channels (the fleet refresher: reads only). */
export function everywhereHandlers(services: Services): HandlerSlice<'everywhere'> {
  const { everywhere } = services;
  return {
    'everywhere.snapshot': async () => everywhere.snapshot(),
    'everywhere.export': async ({ format, query }) => everywhere.export(format, query),
    'everywhere.report': async ({ query }) => everywhere.report(query),
    'everywhere.refresh': async () => {
      void everywhere.refreshNow();
      return { started: true as const };
    },
    'everywhere.setWatching': async ({ watching }) => ({ watching: everywhere.setWatching(watching) }),
  };
}
