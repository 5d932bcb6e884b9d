/**
 * The answer to "do these credentials work?" for a source of any type whose check is possible
 * without side effects (the catalog's `keyCheck`): the verdict (the compliance key check's
 * model, reused), what the answer proved and what it could not, and where the request went.
 * It crosses IPC: never a secret, only fingerprints.
 */
import { z } from 'zod';
import { keyVerdictSchema } from './key-verdict';
import { SourceType } from './langwatch';
import { FIELD_VALUE_MAX, SECRET_VALUE_MAX } from './source-draft';

/** Which vendor check ran (the catalog's `KeyCheckKind`). */
export const SourceCheckKind = z.enum(['compliance', 'anthropic_admin', 'databricks', 'http_custom']);
export type SourceCheckKind = z.infer<typeof SourceCheckKind>;

/** The result of one credential check. */
export const SourceCheckResult = z.object({
  sourceType: SourceType,
  check: SourceCheckKind,
  verdict: keyVerdictSchema,
  /** What the upstream's answers proved, one sentence each. */
  proved: z.array(z.string()),
  /** What this check could not prove (and why), one sentence each. */
  notProved: z.array(z.string()),
  /** Where the last request went: origin and path only, never a query or a credential. */
  target: z.string(),
  /** Display fingerprints of the secrets used, by field key (`…a1b2`). */
  fingerprints: z.record(z.string(), z.string()),
  /** The staged entry checked, or null for typed secrets. */
  entryId: z.string().nullable(),
  profileId: z.string(),
});
export type SourceCheckResult = z.infer<typeof SourceCheckResult>;

const fieldKey = z.string().min(1).max(64);

/** Typed secrets from the composer: checked once, never stored or echoed. */
export const TypedSourceCheckInput = z
  .object({
    sourceType: SourceType,
    values: z.record(fieldKey, z.string().max(FIELD_VALUE_MAX)),
    secrets: z.record(fieldKey, z.string().max(SECRET_VALUE_MAX)),
    /** The deployment profile whose Anthropic URL to use; default: the active one. */
    profileId: z.string().min(1).max(128).optional(),
  })
  .strict();
export type TypedSourceCheckInput = z.infer<typeof TypedSourceCheckInput>;
