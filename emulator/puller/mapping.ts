/** Pure mapping of an Anthropic compliance activity to a governance event row (actor, action, target). */
import type { Activity, EventRecord } from '../types';
import { actorId } from '../anthropic/activities';

const TARGET_FIELDS = ['claude_chat_id', 'claude_file_id', 'claude_project_id', 'workspace_id', 'api_key_id',
  'target_user_id', 'member_user_id', 'removed_user_id'] as const;

/** Action family: the text before the last `_` (`claude_chat_created` → `claude_chat`). */
export function actionFamily(type: string): string {
  const i = type.lastIndexOf('_');
  return i > 0 ? type.slice(0, i) : type;
}

/** Maps one activity; never yields nulls (missing values are "", 0, "0"). */
export function mapActivity(a: Activity, ingestedAt: number): EventRecord {
  const actor = a.actor ?? { type: 'unknown' };
  const email = typeof actor.email_address === 'string' ? actor.email_address
    : typeof actor.unauthenticated_email_address === 'string' ? actor.unauthenticated_email_address : '';
  const id = actorId(actor) ?? '';
  let target = '';
  for (const f of TARGET_FIELDS) {
    const v = a[f];
    if (typeof v === 'string' && v) { target = v; break; }
  }
  if (!target) target = a.organization_id ?? a.organization_uuid ?? '';
  const ms = Date.parse(a.created_at);
  return {
    eventId: a.id,
    eventType: `${actionFamily(a.type)}`,
    actor: email || id || String(actor.type ?? ''),
    action: a.type,
    target,
    costUsd: '0',
    tokensInput: 0,
    tokensOutput: 0,
    eventTimestamp: Number.isFinite(ms) ? ms : ingestedAt,
    ingestedAt,
    rawPayload: JSON.stringify(a),
  };
}
