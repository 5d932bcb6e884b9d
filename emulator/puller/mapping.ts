/**
 * One pulled provider event → one stored governance event, the way LangWatch's puller worker
 * writes it (`ocsfPullEventMapping.ts`): event id `<sourceType>:<sourceId>:<upstream id>`,
 * `eventType` = the source's type, `rawPayload` = the OCSF v1.1 API Activity row (the upstream
 * event kept under `metadata.extension.raw_event`), `costUsd` a decimal string and token counts
 * numbers, read back from `metadata.extension` like the activity monitor does.
 */
import type { Activity, EventRecord } from '../types';
import { actorId } from '../anthropic/activities';

const TARGET_FIELDS = [
  'claude_chat_id',
  'claude_file_id',
  'claude_project_id',
  'workspace_id',
  'api_key_id',
  'target_user_id',
  'member_user_id',
  'removed_user_id',
] as const;

/** Usage a pulled event may carry (the Compliance feed carries none; usage-style feeds do). */
export interface Usage {
  costUsd: string;
  tokensInput: number;
  tokensOutput: number;
}
const NO_USAGE: Usage = { costUsd: '0', tokensInput: 0, tokensOutput: 0 };

/** The source an event was pulled for. */
export interface PulledFor {
  id: string;
  sourceType: string;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Maps one activity; never yields nulls (missing values are "", 0, "0"). */
export function mapActivity(a: Activity, ingestedAt: number, source: PulledFor, usage: Usage = NO_USAGE): EventRecord {
  const actor = a.actor ?? { type: 'unknown' };
  const email =
    typeof actor.email_address === 'string'
      ? actor.email_address
      : typeof actor.unauthenticated_email_address === 'string'
        ? actor.unauthenticated_email_address
        : '';
  const who = email || actorId(actor) || '';
  let target = '';
  for (const f of TARGET_FIELDS) {
    const v = a[f];
    if (typeof v === 'string' && v) {
      target = v;
      break;
    }
  }
  if (!target) target = a.organization_id ?? a.organization_uuid ?? '';
  const parsed = Date.parse(a.created_at);
  const occurredAt = Number.isFinite(parsed) ? parsed : ingestedAt;
  // An address goes to email_addr, anything else to uid (ocsfActorFields).
  const isEmail = EMAIL_RE.test(who);
  const rawPayload = JSON.stringify({
    class_uid: 6003,
    category_uid: 6,
    activity_id: 1,
    type_uid: 600301,
    severity_id: 1,
    time: occurredAt,
    actor: { user: { uid: isEmail ? '' : who, email_addr: isEmail ? who : '' }, enduser: { uid: '' } },
    api: { operation: a.type },
    dst_endpoint: { name: target },
    metadata: {
      product: { name: 'LangWatch', vendor_name: 'LangWatch' },
      extension: {
        uid: 'langwatch.governance',
        source_type: source.sourceType,
        source_id: source.id,
        ingest_mode: 'pull',
        cost_usd: usage.costUsd,
        tokens_input: usage.tokensInput,
        tokens_output: usage.tokensOutput,
        raw_event: a,
      },
    },
  });
  return {
    eventId: `${source.sourceType}:${source.id}:${a.id}`,
    eventType: source.sourceType,
    actor: who,
    action: a.type,
    target,
    costUsd: usage.costUsd,
    tokensInput: usage.tokensInput,
    tokensOutput: usage.tokensOutput,
    eventTimestamp: occurredAt,
    ingestedAt,
    rawPayload,
  };
}
