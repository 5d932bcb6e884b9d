/**
 * Maps a tRPC v11 error envelope (contract §2, §4) to the AppError the UI switches on.
 * Details carry httpStatus, path and traceId; never a cookie or an input value.
 */
import { AppError } from '../../../src-shared/errors';
import { serverReason } from './server-reason';

/** The decoded `error.json` of a tRPC error envelope (loosely typed: it is untrusted). */
export interface TrpcErrorShape {
  message?: unknown;
  code?: unknown;
  data?: {
    code?: unknown;
    httpStatus?: unknown;
    path?: unknown;
    traceId?: unknown;
    error?: {
      code?: unknown;
      kind?: unknown;
      meta?: Record<string, unknown> | null;
      /** The handled error's own status (a zod failure answers HTTP 400 with 422 here). */
      httpStatus?: unknown;
      traceId?: unknown;
    } | null;
    authored?: unknown;
  } | null;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** What every mapping reads from an envelope, and the details every AppError carries. */
interface ErrorFacts {
  handled: NonNullable<NonNullable<TrpcErrorShape['data']>['error']> | null;
  httpStatus: number;
  /** The handled error's code (or its older alias `kind`). */
  serverCode: string | undefined;
  meta: Record<string, unknown>;
  details: Record<string, unknown>;
}

function factsOf(shape: TrpcErrorShape, fallbackStatus: number, path: string): ErrorFacts {
  const data = shape.data ?? undefined;
  const handled = data?.error ?? null;
  const httpStatus = typeof data?.httpStatus === 'number' ? data.httpStatus : fallbackStatus;
  // `kind` is LangWatch's deprecated alias of `code`: older deployments may send only one.
  const serverCode = str(handled?.code) ?? str(handled?.kind);
  const meta = isRecord(handled?.meta) ? handled.meta : {};
  const details: Record<string, unknown> = { httpStatus, path: str(data?.path) ?? path };
  const traceId = str(data?.traceId) ?? str(handled?.traceId);
  if (traceId) details.traceId = traceId;
  if (str(data?.code)) details.trpcCode = data?.code;
  if (serverCode) details.serverCode = serverCode;
  if (typeof handled?.httpStatus === 'number' && handled.httpStatus !== httpStatus)
    details.serverHttpStatus = handled.httpStatus;
  return { handled, httpStatus, serverCode, meta, details };
}

/** Turns one error envelope into an AppError. `retryAfterSec` comes from the response headers. */
export function mapTrpcError(
  shape: TrpcErrorShape,
  fallbackStatus: number,
  path: string,
  retryAfterSec?: number,
): AppError {
  const facts = factsOf(shape, fallbackStatus, path);
  const { handled, httpStatus, serverCode, details } = facts;

  // LangWatch answers its plan refusal (402) as FORBIDDEN over tRPC; the handled status says 402.
  if (serverCode === 'enterprise_plan_required' || handled?.httpStatus === 402) {
    return new AppError(
      'langwatch.enterprise_required',
      'This needs the Enterprise plan of LangWatch for this organisation.',
      details,
    );
  }
  if (httpStatus === 401) {
    return new AppError(
      'auth.session_expired',
      'Your LangWatch session has expired. Sign in again to continue.',
      details,
    );
  }
  if (httpStatus === 403) return forbiddenError(facts);
  if (httpStatus === 400 || httpStatus === 422) return validationError(facts);
  if (httpStatus === 404) {
    return new AppError(
      'langwatch.not_found',
      'LangWatch does not know this item (it may belong to another organisation).',
      details,
    );
  }
  if (httpStatus === 409) {
    return new AppError(
      'langwatch.conflict',
      'LangWatch reported a conflict (the item was changed or already exists).',
      details,
    );
  }
  if (httpStatus === 429) {
    return new AppError(
      'langwatch.rate_limited',
      'LangWatch is limiting requests. The console will try again shortly.',
      retryAfterSec === undefined ? details : { ...details, retryAfterSec },
    );
  }
  if (httpStatus >= 500) {
    // The specific reason (e.g. `clickhouse_unavailable`), if the server gave one: shown, not guessed.
    const reason = serverReason(serverCode, str(handled?.kind), shape.message);
    return new AppError(
      'langwatch.server_error',
      'LangWatch had an internal error. Try again later.',
      reason ? { ...details, reason } : details,
    );
  }
  return new AppError(
    'network.unexpected_answer',
    `Unexpected answer from the server (HTTP ${httpStatus}): this does not look like a LangWatch deployment.`,
    details,
  );
}

/** A 403: the plan cap, health without Enterprise, a team of another organisation, or a permission. */
function forbiddenError({ handled, serverCode, meta, details }: ErrorFacts): AppError {
  if (serverCode === 'ingestion_source_cap_reached') {
    const max = typeof meta.max === 'number' ? meta.max : 3;
    return new AppError(
      'langwatch.cap_reached',
      `This organisation already has ${max} ingestion sources, the most its plan allows. Archive one or upgrade to Enterprise.`,
      { ...details, max },
    );
  }
  if (handled === null && details.path !== undefined && String(details.path).startsWith('activityMonitor.')) {
    return new AppError('langwatch.enterprise_required', 'Source health needs an Enterprise plan.', details);
  }
  const permission = str(meta.permission);
  const denialReason = str(meta.denialReason);
  // LangWatch's PermissionDeniedError (packages/authz/src/errors.ts) sends `meta.scopeType` and
  // no scope id; older emulators sent `meta.scope: {type, id}`.
  const legacyScope = isRecord(meta.scope) ? meta.scope : {};
  const scopeType = str(meta.scopeType) ?? str(legacyScope.type);
  if (denialReason === 'no-membership' && scopeType === 'team') {
    const teamId = str(legacyScope.id);
    return staleTeamError({ ...details, denialReason, scopeType, ...(teamId ? { teamId } : {}) });
  }
  const out = { ...details, ...(denialReason ? { denialReason } : {}), ...(scopeType ? { scopeType } : {}) };
  if (denialReason === 'no-membership') {
    // Not a missing permission: the ids of the request do not resolve to an organisation the
    // person is in (a stale team id is answered so too; api.ts tells that case by its input).
    return new AppError(
      'langwatch.forbidden',
      `LangWatch refused this as outside your ${scopeType ?? 'organisation'} ("no membership"): you may no longer be a member of this organisation, or the request named a team or project that is not in it. Reload the organisations, or ask an organisation admin.`,
      permission ? { ...out, permission } : out,
    );
  }
  return new AppError(
    'langwatch.forbidden',
    permission
      ? `You do not have the "${permission}" permission in this organisation. Ask an organisation admin.`
      : 'You are not allowed to do this in this organisation. Ask an organisation admin.',
    permission ? { ...out, permission } : out,
  );
}

/** A teamId of another organisation, or of a team deleted since it was chosen. */
export function staleTeamError(details: Record<string, unknown>): AppError {
  return new AppError(
    'langwatch.team_not_found',
    'The team chosen for this source is not a team of this organisation any more (it was deleted, or belongs to another organisation). Pick another team, or none, and submit again.',
    details,
  );
}

/**
 * LangWatch answers a stale team id with its scope lineage guard's denial: 403
 * `permission_denied`, `meta.scopeType: "organization"`, `denialReason: "no-membership"`
 * (app-layer/authz/scope-lineage-guard.ts), with no id. A write that named a team gets that
 * denial as "team not found", naming the team it sent; any other error is returned as is.
 */
export function asStaleTeam(error: unknown, teamId: string | null | undefined): unknown {
  if (!teamId || !(error instanceof AppError) || error.code !== 'langwatch.forbidden') return error;
  const d = error.details ?? {};
  if (d.denialReason !== 'no-membership' || d.scopeType !== 'organization') return error;
  return staleTeamError({ ...d, teamId });
}

/** A 400/422: the first form or field error LangWatch gave, with all of them in the details. */
function validationError({ meta, details }: ErrorFacts): AppError {
  const fieldErrors = isRecord(meta.fieldErrors) ? meta.fieldErrors : {};
  const formErrors = Array.isArray(meta.formErrors) ? meta.formErrors.filter((e) => typeof e === 'string') : [];
  const first =
    formErrors[0] ??
    Object.values(fieldErrors)
      .flat()
      .find((e) => typeof e === 'string');
  return new AppError(
    'langwatch.validation',
    typeof first === 'string'
      ? `LangWatch rejected the request: ${first}`
      : 'LangWatch rejected the request as invalid.',
    { ...details, fieldErrors, formErrors },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
