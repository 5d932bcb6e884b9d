/** Sealing of upstream credentials at rest (AES-256-GCM, `enc:v1:` prefix) and token hashing. */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SEALED_PREFIX = 'enc:v1:';

/** Seals a secret: `enc:v1:<base64url(iv | tag | ciphertext)>`. */
export function seal(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url');
}

/** Opens a sealed value; null when it is not ours or was tampered with. */
export function unseal(key: Buffer, sealed: string): string | null {
  if (!sealed.startsWith(SEALED_PREFIX)) return null;
  try {
    const raw = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/**
 * LangWatch's `encryptParserConfigCredentials`: any non-null `credentials` value (object,
 * string, number...) is sealed whole as JSON; an already sealed string is kept as is.
 */
export function sealCredentials(key: Buffer, credentials: unknown): unknown {
  if (credentials === undefined || credentials === null) return credentials;
  if (typeof credentials === 'string' && credentials.startsWith(SEALED_PREFIX)) return credentials;
  return seal(key, JSON.stringify(credentials));
}

/** The stored credentials opened for the puller (`decryptCredentials`); {} when absent or not ours. */
export function openCredentials(key: Buffer, stored: unknown): Record<string, unknown> {
  if (typeof stored === 'string') {
    const open = unseal(key, stored);
    if (open === null) return {};
    try {
      const parsed: unknown = JSON.parse(open);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
}

/** Constant-time string comparison. */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** SHA-256 hex: tokens, sessions and ingest secrets are stored only as hashes. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A random url-safe token with a prefix. */
export function randomToken(prefix: string, bytes = 24): string {
  return prefix + randomBytes(bytes).toString('base64url');
}
