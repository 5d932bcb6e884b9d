// The error envelope LangWatch's tRPC server sends, for tests that play LangWatch by hand.

/** A tRPC error envelope as LangWatch sends it. */
export function trpcError(
  httpStatus: number,
  path: string,
  message: string,
  error: { code: string; meta?: Record<string, unknown> } | null,
  traceId = 'trace-123',
): unknown {
  const names: Record<number, [string, number]> = {
    400: ['BAD_REQUEST', -32600],
    401: ['UNAUTHORIZED', -32001],
    403: ['FORBIDDEN', -32003],
    404: ['NOT_FOUND', -32004],
    409: ['CONFLICT', -32009],
    422: ['UNPROCESSABLE_CONTENT', -32022],
    429: ['TOO_MANY_REQUESTS', -32029],
    500: ['INTERNAL_SERVER_ERROR', -32603],
  };
  const [code, rpc] = names[httpStatus] ?? ['INTERNAL_SERVER_ERROR', -32603];
  return {
    error: {
      json: {
        message,
        code: rpc,
        data: {
          code,
          httpStatus,
          path,
          error: error ? { ...error, kind: 'handled', httpStatus, fault: 'client', traceId } : null,
          authored: error !== null,
          traceId,
        },
      },
    },
  };
}
