/** Reading response headers as undici gives them. */

/** Response headers as undici gives them: lower-case names, arrays for repeated headers. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** First value of a response header; undefined when absent or empty. */
export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}
