/**
 * What main keeps of secrets it no longer holds: for each, keyed hashes of its probes
 * (echo-scan.ts), never the value or a part of it. Enough to recognise an echo of a wiped
 * key, in this run or (persisted by echo-memory-file.ts) a later one.
 *
 * Two keyed hashes per probe, both under a random key kept in the OS keychain: a 24-bit tag
 * (a quick integer hash, so the scan of a 5,000-source answer costs a few milliseconds) and
 * an HMAC-SHA256 that confirms a tag match (so a chance tag collision redacts nothing).
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { probesOfForm } from './echo-scan';

/** One remembered secret: when it was last live, and its probes as [tag, hmac] pairs. */
export const echoEntrySchema = z.object({
  id: z.string().min(1).max(64),
  at: z.number().int().nonnegative(),
  probes: z.array(z.tuple([z.number().int().min(0).max(0xffffff), z.string().min(1).max(64)])).max(64),
});
export type EchoEntry = z.infer<typeof echoEntrySchema>;

/** How many secrets are remembered at most (oldest dropped first). */
export const ECHO_MAX_ENTRIES = 1024;
/** How long a secret is remembered after it was last live. */
export const ECHO_MAX_AGE_MS = 90 * 24 * 3600 * 1000;

/** The hashes of recently held secrets. */
export interface EchoMemory {
  /** Remembers (or refreshes) a secret by the probes of its forms. */
  add(forms: readonly string[]): void;
  /** True when `probe` is the probe of a remembered secret. */
  has(probe: string): boolean;
  /** True when nothing is remembered (then no scan is needed). */
  isEmpty(): boolean;
  /** The entries, newest last, for the file. */
  entries(): EchoEntry[];
}

/** Options of {@link createEchoMemory}. */
export interface EchoMemoryOptions {
  /** The hash key (32 random bytes; from the keychain when persisted). */
  key: Buffer;
  entries?: readonly EchoEntry[];
  now: () => number;
  maxEntries?: number;
  maxAgeMs?: number;
  /** Told after every change (the file writes itself). */
  onChange?: () => void;
}

const mac = (key: Buffer, text: string): string => createHmac('sha256', key).update(text).digest('base64url');

/** A keyed 24-bit tag: FNV-1a from a secret seed, then murmur3's finaliser. */
function tagOf(seed: number, probe: string): number {
  let h = seed;
  for (let i = 0; i < probe.length; i++) h = Math.imul(h ^ probe.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) & 0xffffff;
}

/** Creates a memory over `options.entries` (pruned by age and count at once). */
export function createEchoMemory(options: EchoMemoryOptions): EchoMemory {
  const { key, now } = options;
  const maxEntries = options.maxEntries ?? ECHO_MAX_ENTRIES;
  const maxAgeMs = options.maxAgeMs ?? ECHO_MAX_AGE_MS;
  const seed = createHmac('sha256', key).update('lwc-echo-tag-seed').digest().readUInt32LE(0);
  const byId = new Map<string, EchoEntry>();
  let tags = new Set<number>();
  let macs = new Set<string>();

  function index(entry: EchoEntry): void {
    for (const [tag, hash] of entry.probes) {
      tags.add(tag);
      macs.add(hash);
    }
  }

  /** Drops what is too old or too many (down to 7/8 of the bound, so a full memory rebuilds rarely). */
  function prune(): void {
    const cutoff = now() - maxAgeMs;
    const oldest = byId.values().next().value;
    if (byId.size <= maxEntries && (oldest === undefined || oldest.at >= cutoff)) return;
    for (const [id, entry] of byId) if (entry.at < cutoff) byId.delete(id);
    const keep = byId.size > maxEntries ? maxEntries - Math.floor(maxEntries / 8) : byId.size;
    while (byId.size > keep) byId.delete(byId.keys().next().value as string);
    tags = new Set();
    macs = new Set();
    for (const entry of byId.values()) index(entry);
  }

  for (const entry of [...(options.entries ?? [])].sort((a, b) => a.at - b.at)) byId.set(entry.id, entry);
  for (const entry of byId.values()) index(entry);
  prune();

  return {
    add(forms) {
      const probes = new Set<string>();
      for (const form of forms) for (const probe of probesOfForm(form)) probes.add(probe);
      if (probes.size === 0) return;
      // The id is a hash of the probes: the same secret remembered twice is one entry.
      const sorted = [...probes].sort();
      const id = mac(key, `id\0${sorted.join('\0')}`).slice(0, 22);
      // Newest last (a Map keeps insertion order): the first entry is always the oldest.
      byId.delete(id);
      const entry: EchoEntry = { id, at: now(), probes: sorted.slice(0, 64).map((p) => [tagOf(seed, p), mac(key, p)]) };
      byId.set(id, entry);
      index(entry);
      prune();
      options.onChange?.();
    },
    has(probe) {
      return tags.has(tagOf(seed, probe)) && macs.has(mac(key, probe));
    },
    isEmpty: () => byId.size === 0,
    entries: () => [...byId.values()],
  };
}
