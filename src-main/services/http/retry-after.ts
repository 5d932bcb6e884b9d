/** The one reading of a server's `Retry-After`, safe against a wrong local clock. */
import { headerValue, type ResponseHeaders } from './headers';

const DELTA_SECONDS = /^\s*\d+(\.\d+)?\s*$/;

/**
 * Whole seconds to wait, from a `Retry-After` value: delta-seconds (rounded up), or an HTTP
 * date measured against the same answer's `Date` header (both are the server's clock). The
 * date form is never compared with this machine's clock, which may be set wrong: without a
 * readable `Date` it is ignored. Undefined when absent or unreadable.
 */
export function retryAfterSeconds(value: string | undefined, responseDate: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (DELTA_SECONDS.test(value)) return Math.ceil(Number(value));
  // Only an HTTP date (it has a day or month name): V8 would read "-5" as a year.
  if (!/[a-z]/i.test(value) || responseDate === undefined) return undefined;
  const at = Date.parse(value);
  const serverNow = Date.parse(responseDate);
  if (Number.isNaN(at) || Number.isNaN(serverNow)) return undefined;
  return Math.max(0, Math.ceil((at - serverNow) / 1000));
}

/** Retry-After seconds of an answer, from the first of `names` it carries (e.g. `x-retry-after`). */
export function retryAfterOf(headers: ResponseHeaders, ...names: string[]): number | undefined {
  const name = names.find((n) => headerValue(headers, n) !== undefined);
  return name === undefined ? undefined : retryAfterSeconds(headerValue(headers, name), headerValue(headers, 'date'));
}
