import type { Services } from '../../services/create-services';
import type { HandlerSlice } from '../handler-types';

/**
 * Handlers of the `auth.*` channels: the state over `services.auth`, the sign-in flows over
 * `services.authFlows`. The password arrives in
 * the parsed input and goes to the sign-in request only: never logged, never returned.
 */
export function authHandlers(services: Services): HandlerSlice<'auth'> {
  const { auth, authFlows } = services;
  return {
    'auth.get': async () => auth.state(),
    'auth.selectProfile': async ({ profileId }) => auth.selectProfile(profileId),
    'auth.selectOrganization': async ({ organizationId }) => auth.selectOrganization(organizationId),
    'auth.methods': async ({ profileId }) => authFlows.methods(profileId),
    'auth.signInWithEmail': async ({ profileId, email, password }) =>
      authFlows.signInWithEmail(profileId, email, password),
    'auth.signInWithBrowser': async ({ profileId }) => authFlows.signInWithBrowser(profileId),
    'auth.startDeviceSignIn': async ({ profileId }) => authFlows.startDeviceSignIn(profileId),
    'auth.cancelDeviceSignIn': async ({ profileId }) => authFlows.cancelDeviceSignIn(profileId),
    'auth.openVerificationPage': async ({ profileId, confirmedOrigin }) =>
      authFlows.openVerificationPage(profileId, confirmedOrigin),
    'auth.signOut': async ({ profileId }) => authFlows.signOut(profileId),
  };
}
