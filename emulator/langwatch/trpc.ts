/** tRPC v11 setup: superjson (with a list-serialisation cache), the LangWatch error shape, auth and permission helpers. */
import { randomBytes } from 'node:crypto';
import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import superjson from 'superjson';
import type { Runtime } from '../runtime';
import type { OrgRecord, UserRecord } from '../types';
import type { ResolvedSession } from './session';
import { serializeSourceList } from './list-serializer';
import type { SourceDto } from './sources';

export interface Context { rt: Runtime; auth: ResolvedSession | null }

/** The `data.error` object of a handled (authored) error. */
export class HandledError extends Error {
  constructor(public handledCode: string, public kind: string, public meta: Record<string, unknown>, public httpStatus: number, public fault: 'client' | 'server') {
    super(handledCode);
  }
}

const HTTP: Partial<Record<TRPC_ERROR_CODE_KEY, number>> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, UNPROCESSABLE_CONTENT: 422, TOO_MANY_REQUESTS: 429 };

/** Throws a handled error: message = handled code, `data.error` filled in. */
export function handled(code: TRPC_ERROR_CODE_KEY, handledCode: string, kind: string, meta: Record<string, unknown> = {}): TRPCError {
  return new TRPCError({ code, message: handledCode, cause: new HandledError(handledCode, kind, meta, HTTP[code] ?? 500, 'client') });
}

/** Outputs whose serialisation may be cached by identity (the per-org Source list arrays). */
export const cacheableOutputs = new WeakSet<object>();
const serialized = new WeakMap<object, ReturnType<typeof superjson.serialize>>();

/** superjson.serialize, cached by identity for cacheable outputs. */
export function serializeOutput(value: unknown): ReturnType<typeof superjson.serialize> {
  if (value && typeof value === 'object' && cacheableOutputs.has(value)) {
    let s = serialized.get(value);
    if (!s) { s = serializeSourceList(value as SourceDto[]); serialized.set(value, s); }
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

/** zod-style flatten of Standard Schema / zod issues. */
function flattenIssues(issues: readonly { path?: readonly unknown[]; message: string }[]): { fieldErrors: Record<string, string[]>; formErrors: string[] } {
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

const t = initTRPC.context<Context>().create({
  transformer,
  isDev: false,
  errorFormatter({ shape, error }) {
    const traceId = randomBytes(16).toString('hex');
    const cause: unknown = error.cause;
    let dataError: Record<string, unknown> | null = null;
    let message = shape.message;
    let authored = false;
    if (cause instanceof HandledError) {
      dataError = { code: cause.handledCode, kind: cause.kind, meta: cause.meta, httpStatus: cause.httpStatus, fault: cause.fault, traceId };
      message = cause.handledCode;
      authored = true;
    } else if (error.code === 'BAD_REQUEST' && cause && typeof cause === 'object' && Array.isArray((cause as { issues?: unknown }).issues)) {
      const meta = flattenIssues((cause as { issues: { path?: unknown[]; message: string }[] }).issues);
      dataError = { code: 'validation_error', kind: 'validation', meta, httpStatus: 400, fault: 'client', traceId };
      message = 'validation_error';
      authored = true;
    } else if (shape.data.httpStatus >= 500) {
      message = 'An unknown error occurred';
    }
    const { stack: _stack, ...data } = shape.data as typeof shape.data & { stack?: string };
    return { ...shape, message, data: { ...data, error: dataError, authored, traceId } };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;

/** Procedures that need a session (401 otherwise). */
export const authedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.auth) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'UNAUTHORIZED' });
  return next({ ctx: { ...ctx, auth: ctx.auth } });
});

/** Checks a permission at organisation scope; returns the org. */
export function requirePermission(rt: Runtime, user: UserRecord, orgId: string, permission: string): OrgRecord {
  const org = rt.store.orgs.get(orgId);
  const member = org?.members.find((m) => m.userId === user.id);
  if (!org || !member) throw handled('FORBIDDEN', 'permission_denied', 'authz', { permission, scopeType: 'organization', denialReason: 'not_a_member' });
  if (!member.permissions.includes(permission)) throw handled('FORBIDDEN', 'permission_denied', 'authz', { permission, scopeType: 'organization', denialReason: 'missing_permission' });
  return org;
}

/** 422 with `{formErrors}`. */
export function unprocessable(...formErrors: string[]): TRPCError {
  return handled('UNPROCESSABLE_CONTENT', 'validation_error', 'validation', { formErrors });
}
