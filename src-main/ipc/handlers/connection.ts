import type { Services } from '../../services/create-services';
import type { HandlerSlice } from '../handler-types';

/** Handlers of the `connection.*` channels. */
export function connectionHandlers(services: Services): HandlerSlice<'connection'> {
  const { connection } = services;
  return {
    'connection.get': async () => connection.state(),
    'connection.selectProfile': async ({ profileId }) => connection.selectProfile(profileId),
    'connection.selectOrganization': async ({ organizationId }) => connection.selectOrganization(organizationId),
  };
}
