import type { KeyVerdict } from '../../../src-shared/domain/key-verdict';
import { getActivitiesPage, type FeedCallOptions } from './feed-client';

/** Options of a key check: where to ask, with which key, how long to wait. */
export type CheckKeyOptions = FeedCallOptions;

/**
 * The key check: `GET /v1/compliance/activities?limit=1`, the cheapest call
 * that proves the key and its feed scope. Always resolves to a verdict for anything the
 * server (or the network) did; throws `invalid_argument` for a bad base URL or a key that
 * fails the client-side rules, `cancelled` when `signal` aborts.
 * Note: Anthropic records each call in the feed as a `compliance_api_accessed` activity.
 */
export async function checkKey(options: CheckKeyOptions): Promise<KeyVerdict> {
  const outcome = await getActivitiesPage(options, { limit: 1 });
  if (outcome.kind === 'verdict') return outcome.verdict;
  return {
    verdict: 'valid',
    httpStatus: outcome.status,
    requestId: outcome.requestId,
    checkedAt: new Date((options.now ?? Date.now)()).toISOString(),
    attempts: outcome.attempts,
    errorType: null,
    serverMessage: null,
    rateLimit: outcome.rateLimit,
    message: 'The key works: Anthropic accepted it and it can read the compliance activity feed.',
    nextStep: 'Nothing to fix. LangWatch will read the feed with this key.',
  };
}
