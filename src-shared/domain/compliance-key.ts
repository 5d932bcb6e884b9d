import { z } from 'zod';

// Client-side rules for the key an admin pastes (contract anthropic-compliance.md, "Keys").
// They catch paste accidents and the one common mix-up (a Claude API key) before anything
// is staged or sent. No message ever contains the key, or any part of it.

/** Longest key we accept; real keys are ~110 characters, so this only stops pasted junk. */
export const COMPLIANCE_KEY_MAX_LENGTH = 512;

/** Prefix of a Compliance Access Key (reaches every endpoint its scopes allow). */
export const COMPLIANCE_KEY_PREFIX = 'sk-ant-api01-';
/** Prefix of an Admin API key (reaches the Activity Feed only). */
export const ADMIN_KEY_PREFIX = 'sk-ant-admin01-';
/** Prefix of a Claude API key (answered 401 by every compliance endpoint). */
export const CLAUDE_API_KEY_PREFIX = 'sk-ant-api03-';

/** Why a pasted key was refused; each has its own human message. */
export const COMPLIANCE_KEY_ERROR_CODES = [
  'empty',
  'too_long',
  'inner_whitespace',
  'non_printable',
  'claude_api_key',
  'prefix_only',
] as const;
export type ComplianceKeyErrorCode = (typeof COMPLIANCE_KEY_ERROR_CODES)[number];

/** Which kind of key the prefix says it is. */
export type ComplianceKeyKind = 'compliance' | 'admin' | 'unknown';

/** Result of checking a pasted key: the trimmed key to use, or a secret-free refusal. */
export type ComplianceKeyCheck =
  | { ok: true; key: string; kind: ComplianceKeyKind; warning?: string }
  | { ok: false; code: ComplianceKeyErrorCode; message: string };

const MESSAGES: Record<ComplianceKeyErrorCode, string> = {
  empty: 'Paste the compliance key.',
  too_long: `This is longer than any compliance key (over ${COMPLIANCE_KEY_MAX_LENGTH} characters). Copy only the key.`,
  inner_whitespace: 'The key contains a space or line break. Copy it again in one piece (keys never contain spaces).',
  non_printable:
    'The key contains an invisible or non-ASCII character, often picked up when copying from a document or chat. Copy it again from the Claude console.',
  claude_api_key:
    'This is a Claude API key (sk-ant-api03-…), used to call models; the Compliance API refuses it. ' +
    'Create a Compliance Access Key (sk-ant-api01-…) in claude.ai, or an Admin API key (sk-ant-admin01-…) in the Claude Console.',
  prefix_only: 'Only the beginning of the key was pasted. Copy the whole key.',
};

const UNKNOWN_PREFIX_WARNING =
  'This does not look like a Compliance Access Key (sk-ant-api01-…) or an Admin API key (sk-ant-admin01-…). ' +
  'You can still use it; test the key to be sure.';

/** The human message for a refusal code (for UIs that kept only the code). */
export function complianceKeyErrorMessage(code: ComplianceKeyErrorCode): string {
  return MESSAGES[code];
}

/** Checks a pasted key against the client-side rules; trims it, never echoes it. */
export function checkComplianceKey(raw: string): ComplianceKeyCheck {
  const key = typeof raw === 'string' ? raw.trim() : '';
  const refuse = (code: ComplianceKeyErrorCode): ComplianceKeyCheck => ({ ok: false, code, message: MESSAGES[code] });

  if (key.length === 0) return refuse('empty');
  if (key.length > COMPLIANCE_KEY_MAX_LENGTH) return refuse('too_long');
  // Whitespace first: a wrapped line is the likeliest accident and has the clearest fix.
  if (/\s/u.test(key)) return refuse('inner_whitespace');
  // Keys are printable ASCII; anything else (control chars, zero-width spaces, smart
  // quotes) would be rejected by Anthropic or break the HTTP header.
  if (!/^[\x21-\x7e]+$/.test(key)) return refuse('non_printable');
  if (key.startsWith(CLAUDE_API_KEY_PREFIX)) return refuse('claude_api_key');
  if (key === COMPLIANCE_KEY_PREFIX || key === ADMIN_KEY_PREFIX) return refuse('prefix_only');

  if (key.startsWith(COMPLIANCE_KEY_PREFIX)) return { ok: true, key, kind: 'compliance' };
  if (key.startsWith(ADMIN_KEY_PREFIX)) return { ok: true, key, kind: 'admin' };
  return { ok: true, key, kind: 'unknown', warning: UNKNOWN_PREFIX_WARNING };
}

const KNOWN_PREFIXES = [COMPLIANCE_KEY_PREFIX, ADMIN_KEY_PREFIX, CLAUDE_API_KEY_PREFIX] as const;
/** Below this many secret characters, showing the last 4 would reveal too much of the key. */
const MIN_SECRET_CHARS_FOR_TAIL = 8;

/**
 * A display-safe fingerprint: known prefix + `…` + last 4 characters
 * (`sk-ant-api01-…a1b2`); for an unknown prefix only `…a1b2`. Short keys show no tail.
 */
export function keyFingerprint(key: string): string {
  const trimmed = key.trim();
  const prefix = KNOWN_PREFIXES.find((p) => trimmed.startsWith(p)) ?? '';
  const secret = trimmed.slice(prefix.length);
  const tail = secret.length >= MIN_SECRET_CHARS_FOR_TAIL ? secret.slice(-4) : '';
  return `${prefix}…${tail}`;
}

/**
 * The key field of a form or IPC input: trimmed, then held to the client-side rules with
 * the same messages (the refusal code is in the issue's `params.code`). The unknown-prefix
 * warning is not an error: call `checkComplianceKey` to show it.
 */
export const complianceKeySchema = z
  .string({ error: MESSAGES.empty })
  .trim()
  .superRefine((key, ctx) => {
    const result = checkComplianceKey(key);
    if (result.ok) return;
    // `input` is dropped so a failed parse never carries the key into logs or IPC errors.
    ctx.addIssue({ code: 'custom', message: result.message, params: { code: result.code }, input: undefined });
  });
