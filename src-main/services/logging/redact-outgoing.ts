/**
 * The last step of everything that leaves main as data (successful IPC answers, push events):
 * live and recently held secrets by value or by hash (known-secrets.ts), then anything shaped
 * like a key or token (an Anthropic key `sk-ant-…`, LangWatch tokens, JWTs, sealed values,
 * session cookies), whoever's it is. Fingerprints (`sk-ant-api01-…a1b2`) and ids stay.
 */
import { knownSecrets } from './known-secrets';
import { redactTokenShapes } from './redact';

// A cheap look at the whole answer first: the walk (a copy) only when a shape may be there.
const MAYBE_TOKEN = /sk-ant-|lw_(?:is|at|rt)_|enc:v1:|eyJ[A-Za-z0-9_-]{8,}\.|better-auth\.session_/i;

function walk(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactTokenShapes(value);
  if (value === null || typeof value !== 'object' || depth > 20) return value;
  if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[redactTokenShapes(key)] = walk(field, depth + 1);
  return out;
}

/** A copy of `value` without secrets, by value, hash or shape; `value` itself when it holds none. */
export function redactOutgoing<T>(value: T): T {
  return redactOutgoingSized(value).value;
}

/**
 * {@link redactOutgoing}, with the length of the answer's JSON text (as measured after the
 * by-value pass; the shape pass changes only token text), so a caller that caps answers by
 * size need not serialise a ~2 MB answer a second time.
 */
export function redactOutgoingSized<T>(value: T): { value: T; chars: number } {
  if (value === undefined || value === null) return { value, chars: 4 };
  // One serialisation for both looks (a 5,000-source answer is ~2 MB of text).
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return { value, chars: 4 };
  const byValue = knownSecrets.redactDeep(value, text);
  const after = byValue === value ? text : JSON.stringify(byValue);
  const chars = typeof value === 'string' ? JSON.stringify(after).length : after.length;
  return { value: MAYBE_TOKEN.test(after) ? (walk(byValue, 0) as T) : byValue, chars };
}
