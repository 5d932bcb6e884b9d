import { AppError } from '../../../src-shared/errors';

/** Anthropic's public API origin: the default base URL (the emulator replaces it in tests). */
export const DEFAULT_ANTHROPIC_BASE_URL = 'https://api.anthropic.com';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The Activity Feed URL under `baseUrl` with `query` appended. Refuses, before any key is
 * sent: non-http(s) URLs, credentials in the URL, and plain http except to loopback (the
 * emulator), because the key would travel unencrypted.
 */
export function activitiesUrl(baseUrl: string, query: Record<string, string | number>): URL {
  let base: URL;
  try {
    base = new URL(baseUrl.trim());
  } catch {
    throw invalid('The Anthropic base URL is not a valid URL (expected something like https://api.anthropic.com).');
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw invalid('The Anthropic base URL must start with https://.');
  }
  if (base.protocol === 'http:' && !LOOPBACK_HOSTS.has(base.hostname)) {
    throw invalid(
      'The Anthropic base URL must use https:// (plain http is allowed only on this computer, for the emulator).',
    );
  }
  if (base.username !== '' || base.password !== '') {
    throw invalid('The Anthropic base URL must not contain a user name or password.');
  }
  // A base URL may carry a path prefix (a gateway); its own query and fragment are dropped.
  const prefix = base.pathname.replace(/\/+$/, '');
  const url = new URL(`${base.origin}${prefix}/v1/compliance/activities`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
  return url;
}

function invalid(message: string): AppError {
  return new AppError('invalid_argument', message, { field: 'baseUrl' });
}
