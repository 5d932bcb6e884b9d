/**
 * Why health (event counts, events) cannot be shown, in one sentence the list and the detail
 * share. A server error is named with its status and the server's reason (already redacted
 * and cut short in main), so "—" never hides a deployment-side failure such as a LangWatch
 * without its analytics store.
 */
import type { ErrorData } from '../errors';

/**
 * The reason in a few words, for a table cell: "server error 500: clickhouse_unavailable",
 * "timed out", or the error's code.
 */
export function healthReasonOf(error: ErrorData): string {
  const details = error.details ?? {};
  const status = typeof details.httpStatus === 'number' ? details.httpStatus : null;
  const reason = typeof details.reason === 'string' && details.reason !== '' ? details.reason : null;
  if (error.code === 'langwatch.server_error')
    return `server error${status === null ? '' : ` ${status}`}${reason === null ? '' : `: ${reason}`}`;
  if (error.code === 'network.timeout') return 'timed out';
  return error.code;
}

/** "Health unavailable (server error 500: clickhouse_unavailable)" and the like. */
export function describeHealthUnavailable(error: ErrorData, what = 'Health'): string {
  if (error.code === 'langwatch.server_error') {
    return `${what} unavailable (${healthReasonOf(error)}). The list and everything else keep working; ask the LangWatch operator if it persists.`;
  }
  return `${what} unavailable (${error.message})`;
}
