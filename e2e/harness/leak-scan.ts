/**
 * The secret-leak scan run after EVERY harness test (automatic fixture in fixtures.ts) and once
 * over the whole run (scripts/leak-scan.ts): the exact values of every password, key, cookie and
 * token the run used are searched, raw and in their encoded forms, in files (binary-safe) and
 * texts. A hit names the place and a fingerprint of the secret, never the secret itself.
 * Builds on leak-check.ts (`expectNoLeaks`, used inside journeys).
 */
import { readFileSync } from 'node:fs';
import { SEED } from '../../emulator/seed';
import { VENDOR_SECRETS } from '../../emulator/vendors/seed';
import type { ConsoleHarness } from './console-harness';
import { filesUnder } from '../../test/support/files';
import { fingerprint, variants } from './leak-check';

/**
 * The key the server-echo journey types: a shape no redaction pattern knows, so only
 * redaction by value keeps it out; known here so the final scan (test-results, reports) looks for it too.
 */
export const ECHO_TEST_KEY = 'vault:echo-7f3a9c2e51d84b06a1f2c3d4e5f60718';

/** Every seeded secret: the users' passwords, the Anthropic keys, the other vendors' credentials (and the echo journey's key). */
export const SEED_SECRETS: readonly string[] = [
  ...Object.values(SEED.users).map((u) => u.password),
  ...Object.values(SEED.anthropicKeys),
  ...VENDOR_SECRETS,
  ECHO_TEST_KEY,
];

/** Keychain prefixes whose values are secrets (session cookies, device tokens, staged keys, ingest secrets). */
const SECRET_ACCOUNTS = ['session:', 'device:', 'staged:', 'ingest:'];

/**
 * The secret values a harness holds in its keychain right now, split into the forms that could
 * leak: a cookie pair and its value, a device token pair's tokens, each secret of a staged unit.
 * Read while services are open.
 */
export async function keychainSecrets(harness: ConsoleHarness): Promise<string[]> {
  const out: string[] = [];
  const accounts = await harness.services.secrets.listAccounts().catch(() => [] as string[]);
  for (const account of accounts) {
    if (!SECRET_ACCOUNTS.some((p) => account.startsWith(p))) continue;
    const value = await harness.services.secrets.get(account).catch(() => null);
    if (!value) continue;
    out.push(value);
    if (account.startsWith('session:') && value.includes('=')) out.push(value.slice(value.indexOf('=') + 1));
    if (account.startsWith('device:') || account.startsWith('staged:')) {
      // A device token pair, or a staged secret unit (every secret field of a source): each value.
      const minLength = account.startsWith('device:') ? 16 : 6;
      try {
        const parsed = JSON.parse(value) as Record<string, unknown>;
        for (const v of Object.values(parsed)) if (typeof v === 'string' && v.length >= minLength) out.push(v);
      } catch {
        // not JSON (a bare key staged by an older console): the raw value is already searched
      }
    }
  }
  return out;
}

/** Where to look: folders (scanned recursively, every file), single files and named texts. */
export interface ScanPlaces {
  dirs: string[];
  files?: string[];
  texts?: Array<{ where: string; text: string }>;
}

/** Every place (file or text) holding one of `secrets`, as "secret#<hash> in <place>". */
export function scanForSecrets(secrets: Iterable<string | null | undefined>, places: ScanPlaces): string[] {
  const wanted = [...new Set([...secrets].filter((s): s is string => typeof s === 'string' && s.length >= 6))];
  const forms = wanted.map((secret) => ({ secret, forms: variants(secret).map((f) => Buffer.from(f, 'utf8')) }));
  const hits: string[] = [];
  const check = (where: string, content: Buffer) => {
    for (const { secret, forms: fs } of forms)
      if (fs.some((f) => content.includes(f))) hits.push(`${fingerprint(secret)} in ${where}`);
  };
  const seen = new Set<string>();
  for (const file of [...places.dirs.flatMap(filesUnder), ...(places.files ?? [])]) {
    if (seen.has(file)) continue;
    seen.add(file);
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch {
      continue; // removed while scanning (log rotation)
    }
    check(file, content);
  }
  for (const t of places.texts ?? []) check(t.where, Buffer.from(t.text, 'utf8'));
  return hits;
}
