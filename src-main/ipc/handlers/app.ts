import type { Services } from '../../services/create-services';
import type { HandlerSlice } from '../handler-types';

/** Handlers of the `app.*` channels. */
export function appHandlers(services: Services): HandlerSlice<'app'> {
  return {
    'app.info': async () => ({
      version: services.version,
      mode: services.config.mode,
      userDataDir: services.paths.userDataDir,
      logsDir: services.paths.logsDir,
      secretBackend: services.config.secretBackend,
      problems: services.problems(),
    }),
    'app.checkKeychain': async () => ({ ok: true as const, roundTripMs: await services.checkKeychain() }),
  };
}
