/**
 * Deployment URL rules: one canonical form per deployment (so duplicates are caught and the
 * keychain/profile keys are stable), and https everywhere except this machine.
 */
import { AppError } from '../../../src-shared/errors';

/** LangWatch Cloud, the default deployment. */
export const DEFAULT_LANGWATCH_URL = 'https://app.langwatch.ai';
/** The Anthropic API, the default upstream for key checks. */
export const DEFAULT_ANTHROPIC_URL = 'https://api.anthropic.com';

/** True for 127.0.0.0/8, ::1 and localhost: the only hosts allowed over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * The canonical origin of a deployment URL: trimmed, scheme and host lowercased, default port
 * dropped, path/query/hash stripped. A missing scheme means https. Throws `profile.invalid_url`.
 */
export function normaliseDeploymentUrl(raw: string, what = 'deployment URL'): string {
  const trimmed = raw.trim();
  if (trimmed === '') throw invalid(`Enter the ${what}.`);
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalid(`"${trimmed.slice(0, 200)}" is not a valid ${what}. Use a form like https://langwatch.example.com.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(`The ${what} must start with https:// (got ${url.protocol}).`);
  }
  if (url.username || url.password) {
    throw invalid(`The ${what} must not contain a user name or password.`);
  }
  if (url.hostname === '') throw invalid(`The ${what} has no host name.`);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw invalid(
      `The ${what} must use https:// (plain http is only allowed for this computer: localhost, 127.0.0.1 or ::1), so sign-in cookies and keys are never sent unencrypted.`,
    );
  }
  // URL already lowercases scheme and host and drops default ports; origin drops the rest.
  return url.origin;
}

function invalid(message: string): AppError {
  return new AppError('profile.invalid_url', message);
}
