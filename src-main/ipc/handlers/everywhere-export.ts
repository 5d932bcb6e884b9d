import type { Services } from '../../services/create-services';
import { exportEverywhere } from '../../services/everywhere/everywhere-export';
import type { HandlerSlice } from '../handler-types';

/** Handlers of the `everywhereExport.*` channels (a file of the Everywhere list: reads only). */
export function everywhereExportHandlers(services: Services): HandlerSlice<'everywhereExport'> {
  return {
    'everywhereExport.create': async ({ format, rows, places }) =>
      exportEverywhere(services.everywhere.snapshot(), { rows, places }, format, {
        nowMs: services.clock.now(),
        consoleVersion: services.version,
      }),
  };
}
