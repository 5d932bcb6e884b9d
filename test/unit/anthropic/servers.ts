import type { ServerResponse } from 'node:http';
import { expect } from 'vitest';
import { sendJson } from '../../support/local-server';

// What the Anthropic client tests send from their loopback servers (test/support/local-server.ts).

/** Sends an Anthropic error envelope. */
export function anthropicError(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
  topLevelType = true,
): void {
  sendJson(
    res,
    status,
    topLevelType ? { type: 'error', error: { type, message } } : { error: { type, message } },
    headers,
  );
}

/** An empty feed page. */
export const EMPTY_PAGE = { data: [], has_more: false, first_id: null, last_id: null };

/** Fails the test if `secret` appears anywhere in `value` (JSON) or in an error's message/details. */
export function expectNoSecret(value: unknown, secret: string): void {
  const parts: string[] = [];
  if (value instanceof Error) {
    parts.push(value.message, String(value.stack));
    parts.push(JSON.stringify((value as { details?: unknown }).details ?? null));
  } else {
    parts.push(JSON.stringify(value));
  }
  for (const part of parts) expect(part.includes(secret), 'the key leaked').toBe(false);
}
