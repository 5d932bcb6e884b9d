/** What a failed read says about a place: its state, and how long the server asked us to wait. */
import type { PlaceState } from '../../../src-shared/domain/everywhere';
import { isAppError } from '../../../src-shared/errors';

/** The state a failure puts a place in, with the server's Retry-After (seconds) when it sent one. */
export function failureOf(error: unknown): { state: PlaceState; retryAfterSec?: number } {
  if (!isAppError(error)) return { state: 'failed' };
  const code = error.code;
  if (code === 'network.offline' || code === 'network.timeout' || code === 'network.tls')
    return { state: 'unreachable' };
  if (code === 'auth.session_expired' || code === 'auth.not_signed_in' || code === 'auth.refresh_invalid')
    return { state: 'expired' };
  if (code === 'langwatch.forbidden') return { state: 'no_permission' };
  if (code === 'langwatch.rate_limited') {
    const raw = (error.details as { retryAfterSec?: unknown } | undefined)?.retryAfterSec;
    return typeof raw === 'number' && Number.isFinite(raw)
      ? { state: 'rate_limited', retryAfterSec: raw }
      : { state: 'rate_limited' };
  }
  return { state: 'failed' };
}
