/** Whether the active organisation has source health at all (the plan and permission), asked once per load. */
import type { HealthAvailability } from '../../../src-shared/domain/auth';
import { isAppError } from '../../../src-shared/errors';
import type { LangwatchApi } from '../langwatch/api';
import { ACTIVITY_MONITOR_DEADLINE_MS } from '../langwatch/sources-reader';

/**
 * One cheap call tells whether health is available: non-enterprise orgs get a calm "needs
 * Enterprise". Any other failure (an analytics store that is down) is "unknown", never an
 * all-clear; the call has the activity monitor's own deadline.
 */
export async function probeHealth(api: LangwatchApi, organizationId: string): Promise<HealthAvailability> {
  try {
    await api.sourcesHealth(organizationId, { timeoutMs: ACTIVITY_MONITOR_DEADLINE_MS });
    return 'available';
  } catch (error) {
    if (isAppError(error) && error.code === 'langwatch.enterprise_required') return 'enterprise_required';
    if (isAppError(error) && error.code === 'langwatch.forbidden') return 'forbidden';
    return 'unknown';
  }
}
