import type { Dispatcher } from 'undici';
import type { ActivityPreview } from '../../../src-shared/domain/governance-event';
import type { KeyVerdict } from '../../../src-shared/domain/key-verdict';
import { checkKey, type CheckKeyOptions } from './check-key';
import { MAX_PREVIEW_LIMIT, previewActivities, type PreviewActivitiesOptions } from './preview';

export { DEFAULT_ANTHROPIC_BASE_URL } from './base-url';
export { ANTHROPIC_VERSION, DEFAULT_MAX_BODY_BYTES, DEFAULT_RETRY_DELAY_MS, DEFAULT_TIMEOUT_MS } from './feed-client';
export { checkKey, previewActivities, MAX_PREVIEW_LIMIT };
export type { CheckKeyOptions, PreviewActivitiesOptions };

/** Defaults shared by every call of one compliance API client (tests inject fakes here). */
export interface ComplianceApiClientDeps {
  dispatcher?: Dispatcher;
  now?: () => number;
  timeoutMs?: number;
  retryDelayMs?: number;
  maxBodyBytes?: number;
}

/** Key check and event preview against the Anthropic Compliance API. */
export interface ComplianceApiClient {
  checkKey(options: CheckKeyOptions): Promise<KeyVerdict>;
  previewActivities(options: PreviewActivitiesOptions): Promise<ActivityPreview>;
}

/** Creates the service; per-call options override `deps`. */
export function createComplianceApiClient(deps: ComplianceApiClientDeps = {}): ComplianceApiClient {
  return {
    checkKey: (options) => checkKey({ ...deps, ...options }),
    previewActivities: (options) => previewActivities({ ...deps, ...options }),
  };
}
