/**
 * Redaction of secrets from anything that may be logged or shown: text by shape, objects by
 * key name. Every replacement keeps a short non-secret hint (`sk-ant-api01-[REDACTED]`,
 * the cookie's name) so a log line still says *what* was there.
 */

import { knownSecrets } from './known-secrets';

/** What a redacted secret (or the secret part of it) is replaced with. */
export const REDACTED = '[REDACTED]';

type Rule = { pattern: RegExp; replace: (match: string, ...groups: string[]) => string };

// Cookie names are RFC 6265 tokens; used to keep names as hints while dropping values.
const COOKIE_PAIR = /([!#$%&'*+\-.^_`|~0-9A-Za-z]+)\s*=/g;

/** `Cookie: a=1; b=2` → `a=[REDACTED]; b=[REDACTED]`; a value without `name=` goes whole. */
function redactCookieHeaderValue(value: string, firstPairOnly: boolean): string {
  const names = [...value.matchAll(COOKIE_PAIR)].map((m) => m[1] ?? '');
  const kept = firstPairOnly ? names.slice(0, 1) : names;
  return kept.length === 0 ? REDACTED : kept.map((name) => `${name}=${REDACTED}`).join('; ');
}

// Key names whose JSON string value is a secret (same idea as SECRET_KEY below, for text).
const JSON_SECRET_FIELD =
  /("(?:[\w-]*(?:password|passwd|passphrase|secret|token|cookie|authorization|api[-_]?key|credentials?)|device_code)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

/**
 * Token shapes: what a key, token or sealed value looks like wherever it stands. Also the
 * shapes applied to successful IPC answers and events (redact-outgoing.ts), where the other
 * rules (field names, headers) would eat ordinary data.
 */
const TOKEN_RULES: readonly Rule[] = [
  // Anthropic keys of any kind (api01 compliance, admin01, api03, future ones), in every shape
  // the composer accepts: any printable ASCII after the prefix, however short (only quotes,
  // brackets and separators end it). Fingerprints (`sk-ant-api01-…a1b2`) stay readable: `…`
  // is not ASCII. Without a kind, 16+ characters, so prose about `sk-ant-` survives.
  {
    pattern: /sk-ant-(?:([a-z]{2,16}\d{1,4})-[A-Za-z0-9_\-+/=.~!@#$%^&*:?|]+|[A-Za-z0-9_\-+/=.~!@#$%^&*:?|]{16,})/g,
    replace: (_m, kind) => (kind ? `sk-ant-${kind}-${REDACTED}` : `sk-ant-${REDACTED}`),
  },
  // LangWatch ingest secrets and CLI device-flow access/refresh tokens.
  {
    pattern: /(?<![A-Za-z0-9])(lw_(?:is|at|rt)_)[A-Za-z0-9_.~-]{6,}/g,
    replace: (_m, prefix) => `${prefix}${REDACTED}`,
  },
  // Values sealed by the server: opaque, but still key material in another form.
  { pattern: /enc:v1:[A-Za-z0-9+/=_.:-]{4,}/g, replace: () => `enc:v1:${REDACTED}` },
  // JWTs (header.payload.signature), whatever issued them.
  {
    pattern: /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
    replace: () => `eyJ${REDACTED}`,
  },
  // BetterAuth cookies wherever they appear (URLs, cookie jars, prose), raw or URL-encoded.
  {
    pattern: /((?:__Secure-)?better-auth\.session_(?:token|data)(?:=|%3D))[^\s;,"'&]+/gi,
    replace: (_m, name) => `${name}${REDACTED}`,
  },
];

/**
 * Order matters: specific shapes first (they keep the better hint), whole header values last
 * (they swallow whatever specific shape is left inside them).
 */
const RULES: readonly Rule[] = [
  ...TOKEN_RULES,
  // JSON string fields named like secrets: "password":"…", "x-api-key":"…", "cookie":"…".
  { pattern: JSON_SECRET_FIELD, replace: (_m, key) => `${key}"${REDACTED}"` },
  // Cookie objects as cookie jars print them: {"name":"…session_token","value":"…"}.
  {
    pattern: /("name"\s*:\s*"[^"]*(?:session|token|secret|auth)[^"]*"\s*,\s*"value"\s*:\s*)"(?:[^"\\]|\\.)*"/gi,
    replace: (_m, head) => `${head}"${REDACTED}"`,
  },
  // Form bodies and query strings: password=…
  {
    pattern: /(?<![A-Za-z0-9_])((?:password|passwd)=)[^&\s"']+/gi,
    replace: (_m, key) => `${key}${REDACTED}`,
  },
  // Authorization header (any scheme) and Proxy-Authorization; a value already redacted above
  // keeps its better hint (`Bearer lw_at_[REDACTED]`).
  {
    pattern:
      /((?:proxy-)?authorization\s*[:=]\s*)(?:(bearer|basic|token|digest)\s+|(?!(?:bearer|basic|token|digest)\s))(?![^\s"',;]*\[REDACTED\])[^\s"',;]+/gi,
    replace: (_m, head, scheme) => `${head}${scheme ? `${scheme} ` : ''}${REDACTED}`,
  },
  // A bearer token outside a header (e.g. "sending Bearer abc…"); long to spare prose.
  { pattern: /\b(bearer)\s+[\w.~+/=-]{16,}/gi, replace: (_m, word) => `${word} ${REDACTED}` },
  // API-key headers.
  {
    pattern: /((?:x-api-key|x-auth-token|api-key)\s*[:=]\s*)(?![^\s"',;]*\[REDACTED\])[^\s"',;]+/gi,
    replace: (_m, head) => `${head}${REDACTED}`,
  },
  // Cookie / Set-Cookie header values up to the end of the line, keeping only cookie names.
  {
    pattern: /(?<![A-Za-z0-9-])((set-)?cookie\s*:[ \t]*)([^\r\n]+)/gi,
    replace: (_m, head, set, value) => `${head}${redactCookieHeaderValue(value ?? '', Boolean(set))}`,
  },
];

/**
 * Replaces every live secret known by value (the registry of main), then everything in
 * `text` that is shaped like a key, token, cookie or password (the second net).
 */
export function redactSecrets(text: string): string {
  let out = knownSecrets.redactText(text);
  for (const rule of RULES) {
    out = out.replace(rule.pattern, rule.replace as (substring: string, ...args: unknown[]) => string);
  }
  return out;
}

/** `text` with every key, token and sealed value replaced by shape (the token rules only). */
export function redactTokenShapes(text: string): string {
  let out = text;
  for (const rule of TOKEN_RULES) {
    out = out.replace(rule.pattern, rule.replace as (substring: string, ...args: unknown[]) => string);
  }
  return out;
}

// Normalised (lowercase, no `-`/`_`) key names or suffixes whose value is secret as a whole.
const SECRET_KEY_SUFFIXES = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'cookie',
  'cookies',
  'apikey',
  'authorization',
  'credential',
  'credentials',
  'privatekey',
  'devicecode',
];

/** True when a field named `key` holds a secret (`apiKey`, `refresh_token`, `set-cookie`…). */
export function isSecretKey(key: string): boolean {
  const normalised = key.toLowerCase().replace(/[-_\s]/g, '');
  return SECRET_KEY_SUFFIXES.some((suffix) => normalised.endsWith(suffix));
}

const MAX_DEPTH = 10;

/**
 * Deep copy of `value` with secrets removed: fields named like secrets are replaced whole
 * (booleans and null survive, so `hasToken: true` stays useful), every string is passed
 * through {@link redactSecrets}. Cycles and very deep values are cut, never followed.
 */
export function redactValue(value: unknown): unknown {
  return walk(value, 0, new WeakSet());
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (value === null || typeof value !== 'object') {
    // bigint does not survive JSON; everything else primitive is safe as it is.
    return typeof value === 'bigint' ? value.toString() : value;
  }
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  try {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (ArrayBuffer.isView(value)) return `[binary ${value.byteLength} bytes]`;
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, seen));
    if (value instanceof Error) return walk(errorFields(value), depth, seen);
    if (value instanceof Map) return walk(Object.fromEntries(value), depth, seen);
    if (value instanceof Set) return walk([...value], depth, seen);
    const out: Record<string, unknown> = {};
    const secretValue = isCookieObject(value);
    for (const [key, field] of Object.entries(value)) {
      const secret = isSecretKey(key) || (secretValue && key === 'value');
      out[key] = secret && !isHarmless(field) ? REDACTED : walk(field, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** A cookie as a cookie jar hands it over (`{name, value, domain…}`): its value is the secret. */
function isCookieObject(value: object): boolean {
  const { name, domain, path, httpOnly } = value as Record<string, unknown>;
  if (typeof name !== 'string' || !('value' in value)) return false;
  return isSecretKey(name) || /session|auth/i.test(name) || [domain, path, httpOnly].some((f) => f !== undefined);
}

function isHarmless(field: unknown): boolean {
  return field === null || field === undefined || typeof field === 'boolean';
}

/** The fields of an Error worth keeping (not the stack: it may quote inputs verbatim). */
function errorFields(error: Error): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  return code === undefined
    ? { name: error.name, message: error.message }
    : { name: error.name, code, message: error.message };
}
