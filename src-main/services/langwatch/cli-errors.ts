/** CLI REST error answers (`{error, error_description}`) as AppErrors: device flow and reads. */
import { AppError } from '../../../src-shared/errors';
import { unexpectedAnswer, type HttpResponse } from './http';
import { restReasonDetails } from './server-reason';

/** The server's `error` code of a CLI REST answer, if it is one. */
export function errorCode(res: HttpResponse): string | undefined {
  try {
    const body = JSON.parse(res.text) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : undefined;
  } catch {
    return undefined;
  }
}

/** Maps a CLI REST error answer (`{error, error_description}`) to an AppError. */
export function cliError(res: HttpResponse, path: string): AppError {
  const serverCode = errorCode(res);
  const details = { httpStatus: res.status, path, ...(serverCode ? { serverCode } : {}) };
  switch (res.status) {
    case 401:
      return new AppError('auth.session_expired', 'The read-only sign-in has expired. Sign in again.', details);
    case 402:
      // LangWatch refuses every governance route of a non-Enterprise organisation, the list too;
      // cli-rest.ts words the list's 402 (the plan, not the health, is what is missing).
      return new AppError('langwatch.enterprise_required', 'Source health needs an Enterprise plan.', details);
    case 403:
      return new AppError(
        'langwatch.forbidden',
        'This sign-in may not read ingestion sources of this organisation.',
        details,
      );
    case 404:
      return new AppError('langwatch.not_found', 'LangWatch does not know this item.', details);
    case 429:
      return new AppError('langwatch.rate_limited', 'LangWatch is limiting requests. Try again shortly.', details);
  }
  if (res.status >= 500) {
    return new AppError('langwatch.server_error', 'LangWatch had an internal error. Try again later.', {
      ...details,
      ...restReasonDetails(res.text),
    });
  }
  return unexpectedAnswer(path, res.status, `HTTP ${res.status}`);
}
