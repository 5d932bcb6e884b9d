/**
 * What the console knows of the organisation's plan before it composes a source: whether it
 * is Enterprise, the cap on active sources a non-Enterprise plan has, and how many are active.
 * Each is null when not known (a read failed, a permission is missing): shown as unknown,
 * never guessed.
 *
 * LangWatch (paths under platform/app/): `plan.getActivePlan` answers the plan
 * (`src/server/api/routers/plan.ts`, permission `organization:view`); Enterprise is
 * `type === "ENTERPRISE"` (`isEnterpriseTier`, `src/server/api/enterprise.ts`). The cap is a
 * constant no API exposes (`NON_ENTERPRISE_INGESTION_SOURCE_CAP`,
 * `ee/governance/services/activity-monitor/ingestionSource.constants.ts`); `createSource`
 * counts the non-archived sources against it, which is what the source list holds.
 */
import { z } from 'zod';

/** LangWatch's `NON_ENTERPRISE_INGESTION_SOURCE_CAP`. */
export const NON_ENTERPRISE_SOURCE_CAP = 3;

/** LangWatch's `isEnterpriseTier`. */
export function isEnterprisePlanType(planType: string): boolean {
  return planType === 'ENTERPRISE';
}

export const SourcesPlan = z
  .object({
    /** null: the plan could not be read. */
    isEnterprise: z.boolean().nullable(),
    /** The most active sources the plan allows; null when no cap applies (Enterprise) or the plan is unknown. */
    cap: z.number().int().min(0).nullable(),
    /** Active (non-archived) sources now; null when the list could not be read. */
    active: z.number().int().min(0).nullable(),
  })
  .strict();
export type SourcesPlan = z.infer<typeof SourcesPlan>;

/** How many more sources may be created: null when unbounded or unknown, never below 0. */
export function sourcesLeft(plan: SourcesPlan): number | null {
  if (plan.cap === null || plan.active === null) return null;
  return Math.max(0, plan.cap - plan.active);
}
