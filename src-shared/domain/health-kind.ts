/**
 * The kinds of health signal, most urgent first (the order sorts the Health column). Its own
 * module so the look table (state-looks.ts) and the judgement (source-health.ts) both read
 * it without reading each other.
 */
export const HEALTH_KINDS = [
  'key_problem',
  'never_pulled',
  'waiting_too_long',
  'silent',
  'unjudged',
  'unknown',
  'awaiting',
  'new',
  'healthy',
  'disabled',
  'archived',
] as const;
export type HealthKind = (typeof HEALTH_KINDS)[number];

/** Rank for sorting (0 = most urgent). */
export function healthRank(kind: HealthKind): number {
  return HEALTH_KINDS.indexOf(kind);
}
