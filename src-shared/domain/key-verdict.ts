import { z } from 'zod';

// The answer to "does this compliance key work?" (contract anthropic-compliance.md, the
// "Cheapest key check" table). It crosses IPC, so it is plain JSON: dates are ISO strings,
// and it never holds the key or any part of it.

/** Anthropic's `anthropic-ratelimit-requests-*` headers, when the answer had them. */
export const rateLimitInfoSchema = z.object({
  limit: z.number().nullable(),
  remaining: z.number().nullable(),
  /** RFC 3339, as Anthropic sent it. */
  reset: z.string().nullable(),
});
export type RateLimitInfo = z.infer<typeof rateLimitInfoSchema>;

const common = {
  /** HTTP status of the last answer; null when no answer came (network error, timeout). */
  httpStatus: z.number().int().nullable(),
  /** Anthropic's `request-id` header: show it in errors and diagnostics. */
  requestId: z.string().nullable(),
  /** When the verdict was reached. */
  checkedAt: z.iso.datetime(),
  /** What happened, for a person. */
  message: z.string(),
  /** What to do about it, for a person. */
  nextStep: z.string(),
  /** Requests made (2 when a 5xx or network failure was retried). */
  attempts: z.number().int().min(1),
  /** Anthropic's `error.type`, when the answer had one. */
  errorType: z.string().nullable(),
  /** Anthropic's `error.message` (capped, any copy of the key removed), for support. */
  serverMessage: z.string().nullable(),
};

/** Why an answer did not come from the Anthropic API we expected. */
export const wrongEndpointReasonSchema = z.enum(['redirect', 'html', 'unexpected_status', 'unparsable', 'too_large']);
/** Why no verdict could be reached. */
export const inconclusiveReasonSchema = z.enum(['server_error', 'network', 'timeout']);

/** The verdict of a key check, one variant per row of the contract's table. */
export const keyVerdictSchema = z.discriminatedUnion('verdict', [
  z.object({ verdict: z.literal('valid'), ...common, rateLimit: rateLimitInfoSchema.nullable() }),
  z.object({ verdict: z.literal('invalid_key'), ...common }),
  z.object({
    verdict: z.literal('missing_scope'),
    ...common,
    /** Scopes the key has, from `Got: [...]` in Anthropic's message; null when not stated. */
    scopes: z.array(z.string()).nullable(),
  }),
  z.object({
    verdict: z.literal('rate_limited'),
    ...common,
    /** From `retry-after`; null when absent (then back off from 1 s, doubling to 60 s). */
    retryAfterSec: z.number().nonnegative().nullable(),
    rateLimit: rateLimitInfoSchema.nullable(),
  }),
  z.object({
    verdict: z.literal('inconclusive'),
    ...common,
    reason: inconclusiveReasonSchema,
    /** Node's error code for network failures (`ECONNREFUSED`, …); never a raw message. */
    networkCode: z.string().nullable(),
  }),
  z.object({
    verdict: z.literal('wrong_endpoint'),
    ...common,
    reason: wrongEndpointReasonSchema,
    /** Where a redirect pointed (origin and path only); the key was not sent there. */
    location: z.string().nullable(),
  }),
]);
export type KeyVerdict = z.infer<typeof keyVerdictSchema>;
export type KeyVerdictKind = KeyVerdict['verdict'];

/** The verdict kinds alone, derived from the union so the list is written once. */
export const keyVerdictKindSchema = z.enum(
  keyVerdictSchema.options.map((o) => o.shape.verdict.value) as [KeyVerdictKind, ...KeyVerdictKind[]],
);

/**
 * Whether the verdict proves the key works (valid or rate limited: Anthropic checks the key
 * before its limiter), proves it does not, or proves nothing (null).
 */
export function keyVerdictKeyWorks(verdict: KeyVerdict): boolean | null {
  switch (verdict.verdict) {
    case 'valid':
    case 'rate_limited':
      return true;
    case 'invalid_key':
    case 'missing_scope':
      return false;
    case 'inconclusive':
    case 'wrong_endpoint':
      return null;
  }
}
