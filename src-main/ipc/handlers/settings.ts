import type { Services } from '../../services/create-services';
import type { HandlerSlice } from '../handler-types';

/** Handlers of the `settings.*` channels. */
export function settingsHandlers(services: Services): HandlerSlice<'settings'> {
  return {
    'settings.get': async () => services.settings.get(),
    'settings.update': async (patch) => services.settings.update(patch),
  };
}
