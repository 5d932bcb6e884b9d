/**
 * Where a push source sends its events, for the "nothing sent yet" note: room core's
 * `pushEndpoint` (LangWatch's receivers), the one call site in the detail.
 */
import type { SourceType } from '../../../src-shared/domain/langwatch';
import { pushEndpoint } from '../../../src-shared/domain/push-endpoints';

export function pushTargetUrl(type: SourceType, deploymentUrl: string, sourceId: string): string | null {
  return pushEndpoint(type, deploymentUrl, sourceId)?.url ?? null;
}
