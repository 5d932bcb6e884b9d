import type { Services } from '../../services/create-services';
import type { HandlerSlice } from '../handler-types';

/**
 * Handlers of the `auth.*` channels: thin over `services.connect`. The password arrives in
 * the parsed input and goes to the sign-in request only: never logged, never returned.
 */
export function authHandlers(services: Services): HandlerSlice<'auth'> {
  const { connect } = services;
  return {
    'auth.methods': async ({ profileId }) => connect.methods(profileId),
    'auth.signInWithEmail': async ({ profileId, email, password }) =>
      connect.signInWithEmail(profileId, email, password),
    'auth.signInWithBrowser': async ({ profileId }) => connect.signInWithBrowser(profileId),
    'auth.startDeviceSignIn': async ({ profileId }) => connect.startDeviceSignIn(profileId),
    'auth.cancelDeviceSignIn': async ({ profileId }) => connect.cancelDeviceSignIn(profileId),
    'auth.openVerificationPage': async ({ profileId, confirmedOrigin }) =>
      connect.openVerificationPage(profileId, confirmedOrigin),
    'auth.signOut': async ({ profileId }) => connect.signOut(profileId),
  };
}
