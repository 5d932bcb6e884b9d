/** The active profile and organisation of an auth state, for work that needs them now. */
import type { AuthState } from '../../../src-shared/domain/auth';
import { AppError } from '../../../src-shared/errors';
import type { LangwatchApi } from '../langwatch/api';
import type { CliRest } from '../langwatch/cli-rest';
import { sourcesReaderFor } from '../langwatch/sources-reader';
import type { ActiveAuth } from './types';

/** Throws `auth.not_signed_in` unless a session and an organisation (with permissions) are active. */
export function activeAuthOf(state: AuthState, active: { api: LangwatchApi | null; cli: CliRest | null }): ActiveAuth {
  const profile = state.profiles.find((p) => p.id === state.activeProfileId);
  if (!profile || (state.session.kind !== 'signed_in' && state.session.kind !== 'device')) {
    throw new AppError('auth.not_signed_in', 'Sign in to a LangWatch deployment first.');
  }
  if (!state.activeOrganizationId || !state.permissions) {
    throw new AppError(
      'auth.not_signed_in',
      'No organisation is selected yet (or the deployment could not be reached).',
    );
  }
  return {
    profile,
    organizationId: state.activeOrganizationId,
    permissions: state.permissions,
    api: active.api,
    sources: sourcesReaderFor(active, state.activeOrganizationId),
    readOnly: state.readOnly,
  };
}
