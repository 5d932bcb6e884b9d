/**
 * The live secrets of this main process, known by value: staged keys, the key being checked,
 * session cookies, device/refresh tokens, a password during sign-in. Text that came from a
 * server is untrusted (it may echo what it received, in a message, a field error, a header):
 * every boundary (logger, IPC answers and events, record files) passes it through
 * `redactText`/`redactDeep` here before shape-based redaction, so a secret of any shape,
 * even one no pattern recognises, never leaves main.
 *
 * A value is held only while it is live. Once forgotten (a key wiped, a sign-in over) it is
 * recognised by keyed hashes of its tail alone (echo-memory.ts, echo-scan.ts): in the forms
 * a server may turn it into (base64, hex, percent-encoded, lowercased, cut, split), and, with
 * the memory persisted (echo-memory-file.ts), in later runs too. Live values are hashed as
 * well, so their transformed forms are recognised.
 *
 * One registry per process (`knownSecrets`), so every boundary sees the same values without
 * plumbing; `createKnownSecrets` gives tests their own.
 */
import { randomBytes } from 'node:crypto';
import { createEchoMemory, type EchoMemory } from './echo-memory';
import { findEchoes, replaceSpans } from './echo-scan';

/** What a secret known by value is replaced with (the same marker as shape-based redaction). */
export const REDACTED_VALUE = '[REDACTED]';

/** Shorter values are not registered: they would redact ordinary words. */
export const MIN_SECRET_LENGTH = 6;

/** The registry of known secrets. */
export interface KnownSecrets {
  /** Registers `value` (and the forms a server may echo it in) until `forget`. */
  remember(value: string): void;
  /** The value is no longer live: it is dropped, and recognised from then on by its hashes only. */
  forget(value: string): void;
  /**
   * Hashes of forgotten values go to `memory` from now on (the persisted one of a console),
   * live values are added to it; the returned function detaches it again.
   */
  attachMemory(memory: EchoMemory): () => void;
  /** `text` with every known secret replaced. */
  redactText(text: string): string;
  /**
   * A deep copy of `value` with known secrets replaced in every string; `value` itself when none
   * occurs. `serialised` is `JSON.stringify(value)` when the caller has it already (one pass).
   */
  redactDeep<T>(value: T, serialised?: string): T;
  /** How many forms are registered (for "stays bounded" assertions). */
  size(): number;
}

/** Options of {@link createKnownSecrets}. */
export interface KnownSecretsOptions {
  /** The memory of forgotten values until one is attached; default: in memory, a random key. */
  memory?: EchoMemory;
  /** Live values at most (oldest dropped first); default 4096, far above any real use. */
  maxLive?: number;
}

/**
 * The forms a server may echo `value` in: as is, URL-encoded, JSON-escaped, cookie value, token
 * parts; for a JSON document (a device token pair, a staged secret unit) each of its string
 * fields in every one of those forms too.
 */
function formsOf(value: string, inner = false): string[] {
  const forms = new Set<string>([value]);
  const add = (form: string | undefined) => {
    if (form !== undefined && form.length >= MIN_SECRET_LENGTH) forms.add(form);
  };
  add(encodeURIComponent(value));
  add(JSON.stringify(value).slice(1, -1));
  // A cookie pair `name=value`: the value alone, decoded, and the token before its signature.
  const eq = value.indexOf('=');
  if (eq > 0 && /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(value.slice(0, eq))) {
    const cookieValue = value.slice(eq + 1);
    add(cookieValue);
    add(safeDecode(cookieValue));
    add(cookieValue.split('.')[0]);
  }
  // A JSON document (device token pair, secret unit): each string field long enough to be a secret.
  if (value.startsWith('{') && !inner) {
    try {
      for (const field of Object.values(JSON.parse(value) as Record<string, unknown>))
        if (typeof field === 'string') for (const form of formsOf(field, true)) add(form);
    } catch {
      // not JSON after all: the value itself is registered
    }
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

/** The shortest start of a secret worth hiding when a text was cut in the middle of it. */
const MIN_CUT_PREFIX = 8;
const ELLIPSIS = /(?:…|\.\.\.)$/;
const PUBLIC_HEAD = /^(?:sk-ant-[a-z]+\d*-|[!#$%&'*+\-.^_`|~0-9A-Za-z]+=)/;

/** The shortest start of `form` that counts as the secret: past its public head, plus a few characters. */
function cutProbe(form: string): string {
  const head = PUBLIC_HEAD.exec(form)?.[0].length ?? 0;
  return form.slice(0, head + MIN_CUT_PREFIX);
}

/**
 * A text cut to a length (a long server message truncated before it was stored) can end in
 * the first part of a secret, which no whole-value match finds: that tail goes too.
 */
function redactCutTail(text: string, forms: readonly string[]): string {
  const ellipsis = ELLIPSIS.exec(text)?.[0] ?? '';
  const body = text.slice(0, text.length - ellipsis.length);
  for (const form of forms) {
    // A public head (`sk-ant-api01-`, a cookie's `name=`) says nothing: the cut must reach past it.
    const probe = cutProbe(form);
    if (probe === form) continue; // too short to be cut and still recognisable
    // Only a start of the form that runs to the very end counts: search back from the end (native, linear).
    const earliest = body.length - form.length + 1;
    for (
      let at = body.lastIndexOf(probe);
      at >= 0 && at >= earliest;
      at = at > 0 ? body.lastIndexOf(probe, at - 1) : -1
    ) {
      if (form.startsWith(body.slice(at))) return `${body.slice(0, at)}${REDACTED_VALUE}${ellipsis}`;
    }
  }
  return text;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

const FORGET_LAST_MATCH = /(?:)/;

/** Creates a registry; the app uses the process-wide {@link knownSecrets}. */
export function createKnownSecrets(options: KnownSecretsOptions = {}): KnownSecrets {
  const maxLive = options.maxLive ?? 4096;
  // value -> how many times it is remembered (the same key may be staged twice).
  const live = new Map<string, number>();
  const memories: EchoMemory[] = [options.memory ?? createEchoMemory({ key: randomBytes(32), now: Date.now })];
  let forms: string[] = [];
  let dirty = false;

  function currentForms(): string[] {
    if (dirty) {
      const all = new Set<string>();
      for (const value of live.keys()) for (const form of formsOf(value)) all.add(form);
      // Longest first, so a value is replaced whole before any shorter part of it.
      forms = [...all].sort((a, b) => b.length - a.length);
      dirty = false;
    }
    return forms;
  }

  const newestMemory = (): EchoMemory => memories[memories.length - 1]!;
  const isKnownProbe = (probe: string): boolean => memories.some((m) => !m.isEmpty() && m.has(probe));
  const echoesIn = (text: string) => (memories.every((m) => m.isEmpty()) ? [] : findEchoes(text, isKnownProbe));

  function redactText(text: string): string {
    let out = text;
    const all = currentForms();
    for (const form of all) if (out.includes(form)) out = out.split(form).join(REDACTED_VALUE);
    out = redactCutTail(out, all);
    return replaceSpans(out, echoesIn(out), REDACTED_VALUE);
  }

  function walk(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return redactText(value);
    if (value === null || typeof value !== 'object' || depth > 20) return value;
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) out[redactText(key)] = walk(field, depth + 1);
    return out;
  }

  return {
    remember(value) {
      if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
      live.set(value, (live.get(value) ?? 0) + 1);
      while (live.size > maxLive) live.delete(live.keys().next().value as string);
      newestMemory().add(formsOf(value));
      dirty = true;
    },
    forget(value) {
      const count = live.get(value);
      if (count === undefined) return;
      if (count > 1) return void live.set(value, count - 1);
      live.delete(value);
      // Refreshes its hashes (their age counts from now); the value itself is let go at once.
      newestMemory().add(formsOf(value));
      forms = [];
      dirty = true;
      // V8 keeps the subject of the last successful regex match (legacy `RegExp.input`): the
      // hashing above matched on the value, so a match on an empty string lets it go now.
      FORGET_LAST_MATCH.test('');
    },
    attachMemory(memory) {
      memories.push(memory);
      for (const value of live.keys()) memory.add(formsOf(value));
      return () => {
        const at = memories.indexOf(memory);
        if (at > 0) memories.splice(at, 1);
      };
    },
    redactText,
    redactDeep<T>(value: T, serialised?: string): T {
      const all = currentForms();
      if (value === undefined || (all.length === 0 && memories.every((m) => m.isEmpty()))) return value;
      // One serialisation to decide; the walk (a copy) only when a secret is really there.
      const text = typeof value === 'string' ? value : (serialised ?? JSON.stringify(value));
      // The start of each form is enough to decide: a secret cut short (see redactCutTail) counts too.
      if (text === undefined) return value;
      const byValue = all.some(
        (form) => text.includes(cutProbe(form)) || text.includes(JSON.stringify(form).slice(1, -1)),
      );
      if (!byValue && echoesIn(text).length === 0) return value;
      return walk(value, 0) as T;
    },
    size: () => currentForms().length,
  };
}

/** The registry of this process: the secret store, sign-in and key checks feed it; every boundary reads it. */
export const knownSecrets: KnownSecrets = createKnownSecrets();
