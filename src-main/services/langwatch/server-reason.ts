/**
 * The reason a server gave for a 5xx, made safe to show: LangWatch answers some failures
 * with a specific code (a deployment without its analytics store answers
 * `activityMonitor.*` with 500 and a `clickhouse_unavailable` reason), which tells an admin
 * far more than "internal error". Server text is untrusted: secrets are redacted by shape,
 * whitespace collapsed and the result cut short before it reaches a record, IPC or the log.
 */
import { redactSecrets } from '../logging/redact';

/** Longest reason kept (characters, before the ellipsis). */
export const REASON_MAX = 120;

// The placeholders servers use when they say nothing: no reason at all.
const GENERIC = /^(?:an unknown error occurred\.?|internal server error\.?|internal_error|internal|unknown)$/i;

/** The first candidate that says something specific, made safe; undefined when none does. */
export function serverReason(...candidates: unknown[]): string | undefined {
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    const text = redactSecrets(candidate).replace(/\s+/g, ' ').trim();
    if (text === '' || GENERIC.test(text)) continue;
    return text.length > REASON_MAX ? `${text.slice(0, REASON_MAX)}…` : text;
  }
  return undefined;
}

/** `{reason}` from a REST error body (`{error, error_description | message}`), or `{}`. */
export function restReasonDetails(bodyText: string): { reason?: string } {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return {};
  }
  if (typeof body !== 'object' || body === null) return {};
  const b = body as Record<string, unknown>;
  const reason = serverReason(b.reason, b.error, b.error_description, b.message);
  return reason ? { reason } : {};
}
