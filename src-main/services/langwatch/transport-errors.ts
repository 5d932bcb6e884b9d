/**
 * Maps what undici and Node's sockets throw (system error codes, undici error classes, TLS
 * verification failures) to the AppError codes the UI knows: offline, timeout, tls.
 */
import { AppError } from '../../../src-shared/errors';
import { transportErrorCodes } from '../http/transport-codes';

const OFFLINE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);

const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);

/** The AppError for a request that failed before a complete answer arrived. */
export function describeTransportError(error: unknown, origin: string, path: string): AppError {
  const codes = transportErrorCodes(error);
  const tls = codes.find((c) => TLS_CODES.has(c) || c.startsWith('ERR_SSL_') || c.startsWith('ERR_TLS_'));
  if (tls) {
    return new AppError(
      'network.tls',
      `The certificate of ${origin} could not be verified (${tls}). Check that the URL is right, that the system clock is correct, and, for a self-hosted deployment, that its certificate is valid and trusted by this computer.`,
      { path, cause: tls },
    );
  }
  const timeout = codes.find((c) => TIMEOUT_CODES.has(c));
  if (timeout) {
    return new AppError(
      'network.timeout',
      `LangWatch at ${origin} did not answer in time. Check the connection and try again.`,
      { path, cause: timeout },
    );
  }
  const offline = codes.find((c) => OFFLINE_CODES.has(c));
  if (offline) {
    return new AppError(
      'network.offline',
      `Could not reach ${origin} (${offline}). Check the network connection and the deployment URL.`,
      { path, cause: offline },
    );
  }
  if (
    codes.some(
      (c) => c.startsWith('HPE_') || c === 'UND_ERR_HEADERS_OVERFLOW' || c === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
    )
  ) {
    return new AppError(
      'network.unexpected_answer',
      `The server at ${origin} sent a malformed HTTP answer: this does not look like a LangWatch deployment.`,
      { path, cause: codes[0] },
    );
  }
  // Unknown transport failures are still network trouble from the user's point of view;
  // the outbox retries offline errors, which is the safe default here.
  return new AppError(
    'network.offline',
    `The connection to ${origin} failed. Check the network connection and try again.`,
    { path, cause: codes[0] ?? 'unknown' },
  );
}
