import { randomBytes } from 'node:crypto';

/** Real-looking secrets of every shape the app handles; fresh random values per run. */

const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function randomChars(length: number, alphabet = URL_SAFE): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

/** `sk-ant-<kind>-` + 86 url-safe chars + `AA`, the shape Anthropic issues. */
export function anthropicKey(kind = 'api01'): string {
  return `sk-ant-${kind}-${randomChars(86)}AA`;
}

export function makeSecrets() {
  const base64 = randomBytes(24).toString('base64');
  return {
    compliance: anthropicKey('api01'),
    admin: anthropicKey('admin01'),
    claude: anthropicKey('api03'),
    ingest: `lw_is_${randomChars(40)}`,
    access: `lw_at_${randomChars(43)}`,
    refresh: `lw_rt_${randomChars(43)}`,
    // BetterAuth: `<token>.<hmac base64>`, URL-encoded in the cookie header.
    cookieRaw: `${randomChars(32)}.${base64}`,
    cookieEncoded: `${randomChars(32)}.${encodeURIComponent(base64)}`,
    sealed: `enc:v1:${randomBytes(12).toString('base64')}:${randomBytes(48).toString('base64')}`,
    password: `Pw!${randomChars(18)}`,
    bearerOpaque: randomChars(48),
    jwt: `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(`{"sub":"${randomChars(12)}"}`).toString('base64url')}.${randomChars(43)}`,
  };
}
