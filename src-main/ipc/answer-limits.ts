/**
 * What one invoke may send back: an answer is at most `LIMITS.answerChars` of JSON, an error at
 * most `LIMITS.errorChars`, and a list inside an error (bad ids, input issues) shows its first
 * `LIMITS.errorListItems` items and counts the rest. A renderer that sends 10,000 bad ids gets a
 * short, clear error, not a copy of its own input; a channel that would answer more than the
 * window should hold says so instead.
 */
import type { ErrorData } from '../../src-shared/errors';
import { LIMITS } from '../../src-shared/ipc/define';

/** The longest error message (the limit of `errorDataSchema`). */
const MAX_MESSAGE = 2000;
/** Issues named in the message of an invalid input; the details list up to `errorListItems`. */
const ISSUES_IN_MESSAGE = 5;

interface Issue {
  path: PropertyKey[];
  message: string;
  code: string;
}

/** The error of an input that fails its schema: the first issues named, the rest counted. */
export function invalidInputError(issues: readonly Issue[]): ErrorData {
  const named = issues
    .slice(0, ISSUES_IN_MESSAGE)
    .map((i) => `${i.path.map(String).join('.') || '(input)'}: ${i.message}`);
  const rest = issues.length - named.length;
  return {
    code: 'ipc.invalid_input',
    message: `Invalid request: ${named.join('; ')}${rest > 0 ? `; and ${rest} more ${rest === 1 ? 'problem' : 'problems'}` : ''}`,
    details: { issues: issues.map((i) => ({ path: i.path.map(String), code: i.code })) },
  };
}

/** An error cut to size: message within its limit, every list in its details cut with a count. */
export function boundError(error: ErrorData): ErrorData {
  const message = error.message.length > MAX_MESSAGE ? `${error.message.slice(0, MAX_MESSAGE - 1)}…` : error.message;
  if (error.details === undefined) return { ...error, message };
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error.details)) {
    if (Array.isArray(value) && value.length > LIMITS.errorListItems) {
      details[key] = value.slice(0, LIMITS.errorListItems);
      details[`${key}NotShown`] = value.length - LIMITS.errorListItems;
    } else details[key] = value;
  }
  const bounded = { ...error, message, details };
  if (JSON.stringify(bounded).length <= LIMITS.errorChars) return bounded;
  return { ...error, message, details: { detailsTooLarge: true, limit: LIMITS.errorChars } };
}

/** Null when an answer of `size` JSON characters fits, else the error that replaces it. */
export function answerTooLarge(channel: string, size: number): ErrorData | null {
  if (size <= LIMITS.answerChars) return null;
  return {
    code: 'ipc.answer_too_large',
    message: `The answer to ${channel} would be ${size.toLocaleString('en')} characters, more than the ${LIMITS.answerChars.toLocaleString('en')} the console passes to its window; nothing was shown. Narrow the request (fewer rows, a filter) and try again.`,
    details: { channel, limit: LIMITS.answerChars, size },
  };
}
