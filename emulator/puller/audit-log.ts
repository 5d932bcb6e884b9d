/**
 * LangWatch's claude_compliance reference puller at the referenced version: GET
 * /v1/organizations/audit_log with the key, `cursor` ← `$.next_cursor`, events at `$.data`, read
 * through its locked JSONPath mapping. Anthropic serves no such path, so in practice every run fails.
 */
import type { Activity } from '../types';
import type { Usage } from './mapping';
import { MAX_PAGES, type Page } from './fetch-page';

/** The audit-log page LangWatch's puller expects (its locked JSONPath mapping). */
interface AuditLogEvent {
  id?: string;
  created_at?: string;
  event_type?: string;
  model?: string;
  actor?: { email?: string };
  usage?: { cost_usd?: unknown; input_tokens?: unknown; output_tokens?: unknown };
}
interface AuditLogPage {
  data?: AuditLogEvent[];
  next_cursor?: string | null;
}

/** Reads one audit-log event through LangWatch's mapping ($.id, $.created_at, $.actor.email, $.event_type, $.model, $.usage.*). */
function fromAuditLog(e: AuditLogEvent): { activity: Activity; usage: Usage } {
  const activity = {
    id: String(e.id ?? ''),
    created_at: String(e.created_at ?? ''),
    organization_id: null,
    organization_uuid: null,
    actor: { type: 'user_actor', email_address: e.actor?.email ?? '' },
    type: String(e.event_type ?? ''),
    claude_chat_id: e.model ?? '',
  } as Activity;
  const cost = String(e.usage?.cost_usd ?? '0');
  return {
    activity,
    usage: {
      costUsd: Number.isFinite(Number(cost)) ? cost : '0',
      tokensInput: Number(e.usage?.input_tokens) || 0,
      tokensOutput: Number(e.usage?.output_tokens) || 0,
    },
  };
}

/** Fetches one page of a path with query params (the run's key and stop signal already bound). */
export type FetchPath = (params: Record<string, string>, path: string) => Promise<Page>;

/** Walks the audit log from `cursor`; returns the events read and the cursor to keep. Throws what the fetch throws. */
export async function pullAuditLog(
  fetch: FetchPath,
  cursor: string | null,
): Promise<{ pulled: { activity: Activity; usage?: Usage }[]; cursor: string | null }> {
  const pulled: { activity: Activity; usage?: Usage }[] = [];
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = (await fetch(cursor ? { cursor } : {}, '/v1/organizations/audit_log')) as unknown as AuditLogPage;
    for (const e of page.data ?? []) pulled.push(fromAuditLog(e));
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return { pulled, cursor };
}
