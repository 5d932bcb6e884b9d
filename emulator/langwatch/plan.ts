/**
 * `plan.getActivePlan` as LangWatch answers it (`platform/app/src/server/api/routers/plan.ts`:
 * permission `organization:view`, the `PlanInfo` of `ee/licensing/planInfo.ts`). An Enterprise
 * organisation answers type `ENTERPRISE` (a licence); the others what a self-hosted deployment
 * without a licence runs on, `UNLIMITED_PLAN` (`ee/licensing/constants.ts`, type
 * `OPEN_SOURCE`): nothing capped but the Enterprise surface, ingestion sources included.
 */
import type { Runtime } from '../runtime';
import type { UserRecord } from '../types';
import { requirePermission } from './trpc';

const UNLIMITED = Number.MAX_SAFE_INTEGER;

export function activePlan(rt: Runtime, user: UserRecord, organizationId: string): Record<string, unknown> {
  const org = requirePermission(rt, user, organizationId, 'organization:view');
  if (org.enterprise)
    return {
      planSource: 'license',
      type: 'ENTERPRISE',
      name: 'Enterprise',
      free: false,
      maxMembers: UNLIMITED,
      maxMembersLite: UNLIMITED,
      maxMessagesPerMonth: UNLIMITED,
      canPublish: true,
      prices: { USD: 0, EUR: 0 },
    };
  return {
    planSource: 'free',
    type: 'OPEN_SOURCE',
    name: 'Open Source',
    free: true,
    overrideAddingLimitations: true,
    maxMembers: UNLIMITED,
    maxMembersLite: UNLIMITED,
    maxMessagesPerMonth: UNLIMITED,
    canPublish: true,
    usageUnit: 'traces',
    prices: { USD: 0, EUR: 0 },
  };
}
