/**
 * Finds echoes of secrets that are no longer held by value (a wiped key, a key of an earlier
 * run) in outgoing text, in the forms a server may return them: as is, lowercased, without
 * its prefix, a tail cut from the front, split by a line break, percent-encoded (once or more),
 * base64, base64url or hex. Only a *probe* of each secret is known (its last characters,
 * lowercased), and only as a keyed hash (echo-memory.ts), so this file works on candidates:
 * each token-shaped run of the text, and what it decodes to, gives the probe it would have
 * if it ended with a secret.
 *
 * Why a tail: every echo we know ends where the secret ends (a quote, a space, a line end,
 * `&`, `…` follows it), and every transformation in the list keeps the end of the secret at
 * the end of its run. Why {@link ECHO_PROBE_LENGTH} characters: a fingerprint shows 4 (it
 * must stay readable), an ordinary id or timestamp must not collide by chance (16 random
 * characters are ~90 bits), and a tail shorter than that leaves too little of a real key
 * (~100 characters) to matter.
 */

/** How many trailing characters of a secret identify it; shorter tails are not recognised. */
export const ECHO_PROBE_LENGTH = 16;

// Characters a token run is made of: printable ASCII without quotes, brackets, `,;&\` and space
// (they delimit tokens in JSON, CSV, Markdown, query strings and prose). A secret is recognised
// by hash when it has a stretch of ECHO_PROBE_LENGTH of these at its end, as real keys do.
const T = String.raw`[!#$%*+\-./0-9:=?@A-Z^_a-z|~]`;
/** Runs long enough to end in a probe. */
const RUN = new RegExp(String.raw`(?<!${T})${T}{${ECHO_PROBE_LENGTH},}`, 'g');
/** Runs joined by line breaks (raw, or JSON-escaped `\n`): a secret wrapped or split in two. */
const SPLIT_RUN = new RegExp(String.raw`(?<!${T})${T}+(?:(?:\r?\n|\\r\\n|\\n)${T}+)+`, 'g');
const LINE_BREAKS = /\r?\n|\\r\\n|\\n/g;
const LAST_RUN = new RegExp(String.raw`${T}+$`);
const TRAILING_PUNCTUATION = /[.:!?]+$/;
const BASE64_TAIL = /[A-Za-z0-9+/_-]+(=*)$/;
const HEX_TAIL = /[0-9a-fA-F]+$/;
const PERCENT = /%([0-9A-Fa-f]{2})/g;

/** The probe of a text ending in a secret: its last characters, lowercased (an echo may change case). */
export function probeOf(text: string): string | null {
  return text.length < ECHO_PROBE_LENGTH ? null : text.slice(-ECHO_PROBE_LENGTH).toLowerCase();
}

/** The probes to register for a secret form: as is, as its last token run, without trailing punctuation. */
export function probesOfForm(form: string): string[] {
  const probes = new Set<string>();
  for (const text of [form, LAST_RUN.exec(form)?.[0] ?? '', form.replace(TRAILING_PUNCTUATION, '')]) {
    const probe = probeOf(text);
    if (probe) probes.add(probe);
  }
  return [...probes];
}

/** True for bytes that could be the end of a secret (printable ASCII, as the composer accepts). */
function printableTail(bytes: Buffer): string | null {
  if (bytes.length < ECHO_PROBE_LENGTH) return null;
  const tail = bytes.subarray(bytes.length - ECHO_PROBE_LENGTH);
  for (const b of tail) if (b < 0x21 || b > 0x7e) return null;
  return tail.toString('latin1');
}

/**
 * What the end of a base64 or base64url run decodes to. Decoded from the end: the padding
 * (or, without it, each possible length of the last group) fixes the alignment, whatever
 * text stands before the encoded secret in the same run.
 */
function base64Tails(run: string, out: string[]): void {
  const match = BASE64_TAIL.exec(run);
  if (!match) return;
  const pad = match[1]!.length;
  const body = match[0].slice(0, match[0].length - pad);
  const lastGroups = pad === 1 ? [3] : pad === 2 ? [2] : [0, 2, 3];
  for (const r of lastGroups) {
    const groups = Math.min(6, Math.floor((body.length - r) / 4));
    if (groups < 5) continue;
    const tail = printableTail(Buffer.from(body.slice(body.length - r - groups * 4), 'base64'));
    if (tail) out.push(tail);
  }
}

function hexTail(run: string, out: string[]): void {
  const hex = HEX_TAIL.exec(run)?.[0];
  if (!hex || hex.length < ECHO_PROBE_LENGTH * 2) return;
  const tail = printableTail(Buffer.from(hex.slice(-ECHO_PROBE_LENGTH * 2), 'hex'));
  if (tail) out.push(tail);
}

/** Percent-decoding repeated (a value encoded twice or three times), tolerant of stray `%`. */
function percentDecoded(run: string): string | null {
  if (!run.includes('%')) return null;
  let text = run;
  for (let round = 0; round < 3 && text.includes('%'); round++) {
    const next = text.replace(PERCENT, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === text) break;
    text = next;
  }
  return text === run ? null : text;
}

/** The probes a token run would have if it ended with a secret, in any recognised form. */
export function probesOfRun(run: string): string[] {
  const texts = [run];
  const trimmed = run.replace(TRAILING_PUNCTUATION, '');
  if (trimmed !== run) texts.push(trimmed);
  const decoded = percentDecoded(trimmed);
  if (decoded !== null) texts.push(decoded);
  base64Tails(trimmed, texts);
  hexTail(trimmed, texts);
  const probes: string[] = [];
  for (const text of texts) {
    const probe = probeOf(text);
    if (probe) probes.push(probe);
  }
  return probes;
}

/** A span of the text that holds an echo. */
interface Span {
  start: number;
  end: number;
}

/** The spans of `text` whose runs (or runs joined across line breaks) end in a known probe. */
export function findEchoes(text: string, isKnown: (probe: string) => boolean): Span[] {
  const spans: Span[] = [];
  const hits = (run: string) => probesOfRun(run).some(isKnown);
  for (const m of text.matchAll(RUN)) if (hits(m[0])) spans.push({ start: m.index, end: m.index + m[0].length });
  if (text.includes('\n') || text.includes('\\n')) {
    for (const m of text.matchAll(SPLIT_RUN)) {
      const joined = m[0].replace(LINE_BREAKS, '');
      if (joined.length >= ECHO_PROBE_LENGTH && hits(joined))
        spans.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  return spans;
}

/** `text` with every span replaced by `marker` (spans may overlap: a split run holds plain ones). */
export function replaceSpans(text: string, spans: readonly Span[], marker: string): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const span of sorted) {
    if (span.end <= at) continue;
    out += text.slice(at, Math.max(at, span.start)) + marker;
    at = span.end;
  }
  return out + text.slice(at);
}
