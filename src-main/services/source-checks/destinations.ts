/**
 * Where a credential check may send a credential: the rules LangWatch itself applies to the
 * same URL, checked before anything is sent, so a check never proves a destination LangWatch
 * would refuse. A refusal is `keyChecks.destination_refused` with the reason.
 *
 * - Databricks: `pullDestination.ts` (`assertPullDestinationAllowed`) refuses any workspace URL
 *   but an https origin under `.azuredatabricks.net`, `.cloud.databricks.com` or
 *   `.gcp.databricks.com` (`isDatabricksWorkspaceOrigin` in `databricksGenie.puller.ts`).
 * - Custom HTTP: `pullDestination.ts` pins nothing (silence there means "not pinnable"); the
 *   puller's `ssrfSafeFetch` refuses cloud metadata hosts and cloud-internal domains always,
 *   and private or local addresses where `BLOCK_LOCAL_HTTP_CALLS` is on (LangWatch Cloud).
 *   The console also refuses plain http: it would put the credential on the wire in clear.
 *
 * `allowLoopback` is the test seam (test and demo modes only): plain http to 127.0.0.1, so the
 * emulator can stand in for a vendor.
 */
import { AppError } from '../../../src-shared/errors';

const DATABRICKS_SUFFIXES = ['.azuredatabricks.net', '.cloud.databricks.com', '.gcp.databricks.com'];
/** `ssrfConstants.ts`: refused whatever the deployment's settings. */
const METADATA_HOSTS = ['169.254.169.254', 'fd00:ec2::254', '169.254.170.2', 'metadata'];
const CLOUD_INTERNAL_SUFFIXES = [
  '.amazonaws.com',
  '.aws.amazon.com',
  '.compute.internal',
  '.internal',
  '.local',
  '.localhost',
];
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function refused(message: string, reason: string): AppError {
  return new AppError('keyChecks.destination_refused', message, { reason });
}

function parse(raw: string, what: string): URL {
  try {
    return new URL(raw.trim());
  } catch {
    throw refused(`The ${what} is not a valid URL.`, 'invalid_url');
  }
}

function isSeamLoopback(url: URL, allowLoopback: boolean): boolean {
  return allowLoopback && LOOPBACK.has(url.hostname) && (url.protocol === 'http:' || url.protocol === 'https:');
}

/** The workspace origin to send Databricks credentials to, or the refusal LangWatch would give. */
export function databricksWorkspace(raw: string, allowLoopback: boolean): URL {
  const url = parse(raw, 'workspace URL');
  if (url.username !== '' || url.password !== '')
    throw refused('The workspace URL must not contain a user name or password.', 'credentials_in_url');
  if (isSeamLoopback(url, allowLoopback)) return new URL(url.origin);
  const host = url.hostname.toLowerCase();
  if (url.protocol !== 'https:' || !DATABRICKS_SUFFIXES.some((s) => host.endsWith(s)))
    throw refused(
      'LangWatch refuses this workspace URL, so nothing was sent: it must be an https Databricks workspace address, ending in .azuredatabricks.net, .cloud.databricks.com or .gcp.databricks.com.',
      'not_databricks',
    );
  return new URL(url.origin);
}

/** An IPv4 or IPv6 literal that is not globally routable (private, loopback, link-local, CGNAT…). */
function isLocalAddress(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(h);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      a >= 224 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 198 && (b === 18 || b === 19))
    );
  }
  if (!h.includes(':')) return false;
  return h === '::1' || h === '::' || /^f[cd]/.test(h) || /^fe[89ab]/.test(h) || h.startsWith('::ffff:');
}

/** The custom audit-log API URL to send the credential to, or the refusal (with LangWatch's reason). */
export function customApiUrl(raw: string, allowLoopback: boolean): URL {
  const url = parse(raw, 'audit-log endpoint URL');
  if (url.username !== '' || url.password !== '')
    throw refused('The endpoint URL must not contain a user name or password.', 'credentials_in_url');
  if (isSeamLoopback(url, allowLoopback)) return url;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (METADATA_HOSTS.includes(host.replace(/^\[|\]$/g, '')))
    throw refused('LangWatch never pulls from a cloud metadata endpoint, so nothing was sent.', 'metadata_host');
  const suffix = CLOUD_INTERNAL_SUFFIXES.find((s) => host === s.slice(1) || host.endsWith(s));
  if (suffix && host !== 'localhost')
    throw refused(
      `LangWatch refuses hosts ending in ${suffix} (cloud-internal domains), so its puller could not read this API; nothing was sent.`,
      'cloud_internal',
    );
  if (host === 'localhost' || host === 'local' || isLocalAddress(host))
    throw refused(
      'This is a private or local address: LangWatch Cloud refuses those (self-hosted LangWatch may too), and from this computer the check would reach this network, not LangWatch’s. Nothing was sent.',
      'private_address',
    );
  if (url.protocol !== 'https:')
    throw refused(
      'The endpoint must use https://: the check would send the credential in clear. Nothing was sent.',
      'not_https',
    );
  return url;
}
