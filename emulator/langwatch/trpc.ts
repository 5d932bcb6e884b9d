/** tRPC v11 setup: superjson (with a list-serialisation cache), the LangWatch error shape, auth and permission helpers. */
import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import superjson from 'superjson';
import type { Runtime } from '../runtime';
import type { OrgRecord, UserRecord } from '../types';
import type { ResolvedSession } from './session';
import { serializeSourceList } from './list-serializer';
import type { SourceDto } from './source-dto';

export interface Context {
  rt: Runtime;
  auth: ResolvedSession | null;
}

/** Who a handled error blames (LangWatch's `HandledErrorFault`). */
export type Fault = 'customer' | 'platform' | 'provider';

/**
 * A handled error (LangWatch's `HandledError`): the tRPC message becomes its code, `data.error`
 * its serialised form, and the tRPC code is derived from `httpStatus` (5xx → INTERNAL_SERVER_ERROR).
 */
export class HandledError extends Error {
  constructor(
    public code: string,
    message: string,
    public httpStatus: number,
    public meta: Record<string, unknown> = {},
    public fault: Fault = 'customer',
  ) {
    super(message);
  }

  /** `HandledError.serialize()`: `kind` is a deprecated alias of `code`; no trace ids here (no tracing). */
  serialize(): Record<string, unknown> {
    return {
      code: this.code,
      kind: this.code,
      meta: this.meta,
      httpStatus: this.httpStatus,
      fault: this.fault,
      retryable: false,
      reasons: [],
    };
  }
}

/** LangWatch's `handledErrorToTRPCCode`: 402 reads as FORBIDDEN, 410 as NOT_FOUND, every 5xx as INTERNAL_SERVER_ERROR. */
const TRPC_CODE_BY_STATUS: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  402: 'FORBIDDEN',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  410: 'NOT_FOUND',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  422: 'UNPROCESSABLE_CONTENT',
  429: 'TOO_MANY_REQUESTS',
};

/** Throws a handled error the way LangWatch's handled-error middleware re-raises it. */
export function handled(error: HandledError): TRPCError {
  return new TRPCError({
    code: TRPC_CODE_BY_STATUS[error.httpStatus] ?? 'INTERNAL_SERVER_ERROR',
    message: error.message,
    cause: error,
  });
}

/** LangWatch's `ValidationError` (422, `validation_error`). */
export function validationError(message: string, meta?: Record<string, unknown>): TRPCError {
  return handled(new HandledError('validation_error', message, 422, meta));
}

/**
 * LangWatch's `PermissionDeniedError` (packages/authz/src/errors.ts: 403, `permission_denied`,
 * `meta: { permission, scopeType, denialReason }`; the scope id is never on the wire).
 */
export function permissionDenied(
  permission: string,
  scope: { type: string; id: string },
  denialReason: 'no-binding' | 'no-membership',
): TRPCError {
  return handled(
    new HandledError('permission_denied', `You do not have permission to access this ${scope.type}`, 403, {
      permission,
      scopeType: scope.type,
      denialReason,
    }),
  );
}

/** Outputs whose serialisation may be cached by identity (the per-org Source list arrays). */
export const cacheableOutputs = new WeakSet<object>();
const serialized = new WeakMap<object, ReturnType<typeof superjson.serialize>>();

/** superjson.serialize, cached by identity for cacheable outputs. */
export function serializeOutput(value: unknown): ReturnType<typeof superjson.serialize> {
  if (value && typeof value === 'object' && cacheableOutputs.has(value)) {
    let s = serialized.get(value);
    if (!s) {
      s = serializeSourceList(value as SourceDto[]);
      serialized.set(value, s);
    }
    return s;
  }
  return superjson.serialize(value);
}

const transformer = {
  input: superjson,
  output: {
    serialize: serializeOutput,
    deserialize: (v: unknown) => superjson.deserialize(v as Parameters<typeof superjson.deserialize>[0]),
  },
};

/** zod's `flatten()` of an issue list (first path segment → fieldErrors, root issues → formErrors). */
function flattenIssues(issues: readonly { path?: readonly unknown[]; message: string }[]): {
  fieldErrors: Record<string, string[]>;
  formErrors: string[];
} {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const issue of issues) {
    const first = issue.path?.[0];
    const key = first && typeof first === 'object' && 'key' in first ? String((first as { key: unknown }).key) : first;
    if (key === undefined) formErrors.push(issue.message);
    else (fieldErrors[String(key)] ??= []).push(issue.message);
  }
  return { fieldErrors, formErrors };
}

/** A zod input failure as LangWatch reports it: `ValidationError.fromZodError` (HTTP stays 400, data.error says 422). */
function fromZodIssues(cause: { issues: { path?: unknown[]; message: string }[] }): HandledError {
  return new HandledError('validation_error', 'validation_error', 422, flattenIssues(cause.issues));
}

const t = initTRPC.context<Context>().create({
  transformer,
  isDev: false,
  // Mirrors LangWatch's trpc.error-formatter.ts: message = handled code (or the generic line
  // for 5xx), data.error = the serialised handled error or null, `authored` only for a plain
  // TRPCError with a message of its own (e.g. the enterprise guard's sentence).
  errorFormatter({ shape, error }) {
    const cause: unknown = error.cause;
    const handledCause =
      cause instanceof HandledError
        ? cause
        : cause && typeof cause === 'object' && Array.isArray((cause as { issues?: unknown }).issues)
          ? fromZodIssues(cause as { issues: { path?: unknown[]; message: string }[] })
          : null;
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    const message = handledCause ? handledCause.code : internal ? 'An unknown error occurred' : shape.message;
    const authored = !handledCause && !internal && shape.message.length > 0 && shape.message !== error.code;
    const { stack: _stack, ...data } = shape.data as typeof shape.data & { stack?: string };
    return { ...shape, message, data: { ...data, cause: null, error: handledCause?.serialize() ?? null, authored } };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;

/** Procedures that need a session (401 otherwise). */
export const authedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.auth) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'UNAUTHORIZED' });
  return next({ ctx: { ...ctx, auth: ctx.auth } });
});

/** Checks a permission at organisation scope (LangWatch's `.permission()`); returns the org. */
export function requirePermission(rt: Runtime, user: UserRecord, orgId: string, permission: string): OrgRecord {
  const org = rt.store.orgs.get(orgId);
  const member = org?.members.find((m) => m.userId === user.id);
  const scope = { type: 'organization', id: orgId };
  if (!org || !member) throw permissionDenied(permission, scope, 'no-membership');
  if (!member.permissions.includes(permission)) throw permissionDenied(permission, scope, 'no-binding');
  return org;
}
