import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { filesUnder } from '../../test/support/files';
import type { ConsoleHarness } from './console-harness';

const ROOT = join(__dirname, '..', '..');

/** A short, non-reversible name for a secret in failure messages (the value itself is never printed). */
export const fingerprint = (secret: string) =>
  `secret#${createHash('sha256').update(secret).digest('hex').slice(0, 8)} (${secret.length} chars)`;

/** The forms a secret could take on its way into a file: raw, percent-decoded/encoded, JSON-escaped. */
export function variants(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  try {
    forms.add(decodeURIComponent(secret));
  } catch {
    // not percent-encoded
  }
  return [...forms].filter((f) => f.length >= 6);
}

/**
 * Asserts that none of `secrets` (session cookie values, device tokens, passwords, keys) is
 * anywhere in the user-data folder (every file, recursively), the logs folder, everything main
 * sent to the renderer, or `test-results/`. Call it after every journey; read the secrets
 * (e.g. `services.sessions.getCookie(profileId)`) BEFORE signing out.
 */
export async function expectNoLeaks(
  harness: ConsoleHarness,
  secrets: ReadonlyArray<string | null | undefined>,
): Promise<void> {
  const wanted = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  expect(wanted.length, 'expectNoLeaks needs at least one secret to look for').toBeGreaterThan(0);
  await harness.services.log.flush();
  const places: Array<{ where: string; text: string }> = [
    { where: 'renderer-bound IPC traffic', text: harness.rendererTrafficText() },
  ];
  const dirs = [harness.userDataDir, harness.services.paths.logsDir, join(ROOT, 'test-results')];
  const seen = new Set<string>();
  for (const dir of dirs) {
    for (const file of filesUnder(dir)) {
      if (seen.has(file)) continue;
      seen.add(file);
      places.push({ where: file, text: readFileSync(file).toString('latin1') });
    }
  }
  const found: string[] = [];
  for (const secret of wanted) {
    for (const form of variants(secret)) {
      for (const place of places) if (place.text.includes(form)) found.push(`${fingerprint(secret)} in ${place.where}`);
    }
  }
  expect(found, 'secret values found outside the keychain').toEqual([]);
}

/** The exact secrets of a profile's session as the keychain holds them: cookie pair, its value, device tokens. */
export async function sessionSecrets(harness: ConsoleHarness, profileId: string): Promise<string[]> {
  const out: string[] = [];
  const cookie = await harness.services.sessions.getCookie(profileId);
  if (cookie) out.push(cookie, cookie.slice(cookie.indexOf('=') + 1));
  const device = await harness.services.secrets.get(`device:${profileId}`);
  if (device) {
    const parsed = JSON.parse(device) as { accessToken?: string; refreshToken?: string };
    for (const token of [parsed.accessToken, parsed.refreshToken]) if (token) out.push(token);
  }
  return out;
}

/**
 * Keychain accounts that hold a session (`session:` cookie or `device:` tokens) of this
 * harness's profiles, or of `profileIds` (e.g. a forgotten one). The keychain is shared by the
 * whole test run, so entries of other tests' profiles are not this journey's business.
 */
export async function sessionAccounts(harness: ConsoleHarness, profileIds: readonly string[] = []): Promise<string[]> {
  const ids = new Set([...harness.services.auth.state().profiles.map((p) => p.id), ...profileIds]);
  return (await harness.services.secrets.listAccounts()).filter(
    (a) => (a.startsWith('session:') || a.startsWith('device:')) && ids.has(a.slice(a.indexOf(':') + 1)),
  );
}
