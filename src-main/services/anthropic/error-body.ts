import { z } from 'zod';

// Anthropic error bodies: `{"type":"error","error":{"type":"…","message":"…"}}`, the
// top-level `type` sometimes absent. Verdicts match on `error.type`, never on the message,
// except the two documented uses below (old-style scope 401, the `Got: [...]` scope list).

const errorBodySchema = z.looseObject({
  type: z.string().optional(),
  error: z.looseObject({ type: z.string().min(1), message: z.string().optional() }),
});

/** The `error.type` and `error.message` of an Anthropic error body. */
export interface AnthropicErrorBody {
  type: string;
  message: string | null;
}

/** Parses an Anthropic error body; null when the text is not one (HTML, empty, other JSON). */
export function parseAnthropicError(text: string): AnthropicErrorBody | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const result = errorBodySchema.safeParse(json);
  if (!result.success) return null;
  return { type: result.data.error.type, message: result.data.error.message ?? null };
}

/** True when an (old-style) 401 message is about a missing scope rather than a bad key. */
export function mentionsScope(message: string | null): boolean {
  return message !== null && /scope/i.test(message);
}

/**
 * The scopes a 403 message says the key has (`… Got: [read:compliance_user_data, …]`,
 * with or without quotes); null when the message does not list them.
 */
export function parseGrantedScopes(message: string | null): string[] | null {
  if (message === null) return null;
  const match = /Got:\s*\[([^\]]*)\]/i.exec(message);
  if (match === null) return null;
  return (match[1] ?? '')
    .split(',')
    .map((s) =>
      s
        .trim()
        .replace(/^["'`]|["'`]$/g, '')
        .trim(),
    )
    .filter((s) => s.length > 0);
}
