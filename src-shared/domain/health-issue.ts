/**
 * Why health (event counts, events) cannot be shown, in one sentence the list and the detail
 * share. A server error is named with its status and the server's reason (already redacted
 * and cut short in main), so "—" never hides a deployment-side failure such as a LangWatch
 * without its analytics store.
 */
import type { ErrorData } from '../errors';

/** "Health unavailable (server error 500: clickhouse_unavailable)" and the like. */
export function describeHealthUnavailable(error: ErrorData, what = 'Health'): string {
  const details = error.details ?? {};
  const status = typeof details.httpStatus === 'number' ? details.httpStatus : null;
  const reason = typeof details.reason === 'string' && details.reason !== '' ? details.reason : null;
  if (error.code === 'langwatch.server_error') {
    const label = `server error${status === null ? '' : ` ${status}`}${reason === null ? '' : `: ${reason}`}`;
    return `${what} unavailable (${label}). The list and everything else keep working; ask the LangWatch operator if it persists.`;
  }
  return `${what} unavailable (${error.message})`;
}
