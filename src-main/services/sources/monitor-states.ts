/** The sources monitor's fixed states: nothing to poll, a session that expired, no permission to view. */
import type { MonitorState } from '../../../src-shared/domain/sources';
import type { ErrorData } from '../../../src-shared/errors';

/** No active organisation or session: nothing shown, nothing asked. */
export const IDLE_MONITOR_STATE: MonitorState = {
  phase: 'idle',
  organizationId: null,
  updatedAt: null,
  serverNow: null,
  intervalMs: null,
  health: 'not_requested',
  healthError: null,
  readOnly: false,
  canManage: false,
  lastError: null,
};

/** Why the last rows stay on screen without refreshing. */
export const SESSION_EXPIRED: ErrorData = {
  code: 'auth.session_expired',
  message: 'Your session has expired: sign in again to refresh the sources.',
};

/** The monitor's state when the person may not view sources: a state, never retried as an error. */
export const NO_VIEW: ErrorData = {
  code: 'langwatch.forbidden',
  message: 'Your role lacks ingestionSources:view in this organisation.',
};
