/**
 * `sources.plan`: the organisation's plan, its active-source cap and the active count, read
 * beside each other (neither waits on the other's failure). A read that fails leaves its part
 * null, logged with its code, never a guess: a permission missing for `plan.getActivePlan`
 * (`organization:view`) is an unknown plan, not a small one.
 */
import {
  isEnterprisePlanType,
  NON_ENTERPRISE_SOURCE_CAP,
  type SourcesPlan,
} from '../../../src-shared/domain/source-plan';
import { isAppError } from '../../../src-shared/errors';
import type { ActiveAuth } from '../auth/types';
import type { Logger } from '../logging/logger';

/** Reads the plan of the active organisation. */
export async function readSourcesPlan(active: ActiveAuth, log: Logger): Promise<SourcesPlan> {
  const api = active.api;
  const [plan, list] = await Promise.allSettled([
    // A support session has no cookie API, so no plan read: unknown.
    api ? api.activePlan(active.organizationId) : Promise.reject(new Error('no cookie session')),
    active.sources.listLive(),
  ]);
  const isEnterprise = plan.status === 'fulfilled' ? isEnterprisePlanType(plan.value.type) : null;
  if (plan.status === 'rejected' && api) log.warn('plan read failed', { code: codeOf(plan.reason) });
  if (list.status === 'rejected') log.warn('source count read failed', { code: codeOf(list.reason) });
  return {
    isEnterprise,
    cap: isEnterprise === false ? NON_ENTERPRISE_SOURCE_CAP : null,
    active: list.status === 'fulfilled' ? list.value.length : null,
  };
}

function codeOf(error: unknown): string {
  return isAppError(error) ? error.code : 'internal';
}
