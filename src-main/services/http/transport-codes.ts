/** The error codes of a failed request, as undici and Node's sockets nest them. */

/**
 * Collects `code` from an error, its `cause` chain and any `errors` list (undici wraps the
 * socket error in `cause`; a happy-eyeballs connect nests one per address), outermost first.
 */
export function transportErrorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0) codes.push(code);
    const nested = (current as { errors?: unknown }).errors;
    if (Array.isArray(nested)) codes.push(...nested.flatMap(transportErrorCodes));
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}
