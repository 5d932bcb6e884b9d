import { parseActivities } from '../../../src-shared/domain/compliance-activity';
import { activityToGovernanceEvent, type ActivityPreview } from '../../../src-shared/domain/governance-event';
import { AppError } from '../../../src-shared/errors';
import { getActivitiesPage, type FeedCallOptions } from './feed-client';

/** Most activities a preview asks for: enough to recognise the feed, small enough to show. */
export const MAX_PREVIEW_LIMIT = 100;

/** Options of an event preview. */
export interface PreviewActivitiesOptions extends FeedCallOptions {
  /** 1…100, default 20. */
  limit?: number;
}

/**
 * The newest activities of the feed, mapped to governance events (raw activities kept),
 * so an admin sees what LangWatch will ingest. Failures throw
 * `AppError('anthropic.request_failed', verdict.message, { verdict })`: the same verdict a
 * key check gives, so the UI explains them the same way.
 */
export async function previewActivities(options: PreviewActivitiesOptions): Promise<ActivityPreview> {
  const limit = options.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PREVIEW_LIMIT) {
    throw new AppError('invalid_argument', `The preview shows 1 to ${MAX_PREVIEW_LIMIT} activities.`, {
      field: 'limit',
    });
  }
  const outcome = await getActivitiesPage(options, { limit });
  if (outcome.kind === 'verdict') {
    const { verdict } = outcome;
    throw new AppError('anthropic.request_failed', verdict.message, {
      verdict,
      httpStatus: verdict.httpStatus,
      requestId: verdict.requestId,
      ...(verdict.verdict === 'rate_limited' ? { retryAfterSec: verdict.retryAfterSec } : {}),
    });
  }
  const { activities, rejectedCount } = parseActivities(outcome.page.data);
  return {
    events: activities.map(activityToGovernanceEvent),
    activities,
    rejectedCount,
    hasMore: outcome.page.has_more,
    requestId: outcome.requestId,
    fetchedAt: new Date((options.now ?? Date.now)()).toISOString(),
  };
}
