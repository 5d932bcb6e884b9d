/**
 * Where a push source sends its events, for the "nothing sent yet" note. The one call site of
 * room core's `pushEndpoint(type, deploymentUrl, sourceId)` (src-shared/domain/push-endpoints.ts,
 * issue 20): until it is on this branch, the note names the deployment and the source id, the
 * two parts of the URL, and says that LangWatch showed the full endpoint at create. At merge:
 * `return pushEndpoint(type, deploymentUrl, sourceId)?.url ?? null;`.
 */
import type { SourceType } from '../../../src-shared/domain/langwatch';

export function pushTargetUrl(type: SourceType, deploymentUrl: string, sourceId: string): string | null {
  void type;
  void deploymentUrl;
  void sourceId;
  return null;
}
