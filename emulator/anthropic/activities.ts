/** Anthropic compliance activities: a deterministic generator and the feed query (newest first, cursor paging). */
import type { Activity, ActivityEntry } from '../types';

/** Small deterministic PRNG (mulberry32). */
export function makeRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const hex = (rng: () => number, n: number): string =>
  Array.from({ length: n }, () => Math.floor(rng() * 16).toString(16)).join('');
const b32 = (rng: () => number, n: number): string =>
  Array.from({ length: n }, () => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[Math.floor(rng() * 32)]).join('');

export const ANTHROPIC_ORGS = [
  { id: 'org_01JACMEMAIN00000000000001', uuid: '6f1c2a9e-3b4d-4e8f-9a01-acme00000001' },
  { id: 'org_01JACMERESEARCH000000002', uuid: '6f1c2a9e-3b4d-4e8f-9a01-acme00000002' },
] as const;

const PEOPLE = [
  { email: 'ada@acme.test', id: 'user_01JADA0000000000000000001' },
  { email: 'grace@acme.test', id: 'user_01JGRACE00000000000000002' },
  { email: 'linus@acme.test', id: 'user_01JLINUS00000000000000003' },
  { email: 'margaret@acme.test', id: 'user_01JMARG000000000000000004' },
  { email: 'alan@acme.test', id: 'user_01JALAN000000000000000005' },
] as const;
const API_KEYS = ['apikey_01JBACKEND000000000001', 'apikey_01JDATAPIPE00000000002'] as const;
const ADMIN_KEYS = ['adminkey_01JOPS00000000000001'] as const;
const AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/128.0 Safari/537.36',
  'anthropic-sdk-python/0.40.0',
  'curl/8.7.1',
] as const;

/** Activity types by family, with the type-specific fields each carries. */
const TYPES: readonly { type: string; weight: number; fields: (rng: () => number) => Record<string, unknown> }[] = [
  { type: 'claude_chat_created', weight: 10, fields: (r) => ({ claude_chat_id: `claude_chat_${b32(r, 20)}` }) },
  { type: 'claude_chat_updated', weight: 5, fields: (r) => ({ claude_chat_id: `claude_chat_${b32(r, 20)}` }) },
  { type: 'claude_chat_deleted', weight: 2, fields: (r) => ({ claude_chat_id: `claude_chat_${b32(r, 20)}` }) },
  {
    type: 'claude_file_uploaded',
    weight: 5,
    fields: (r) => ({
      claude_file_id: `claude_file_${b32(r, 20)}`,
      filename: pick(r, ['q3-report.pdf', 'notes.md', 'budget.xlsx', 'diagram.png']),
    }),
  },
  { type: 'claude_file_deleted', weight: 1, fields: (r) => ({ claude_file_id: `claude_file_${b32(r, 20)}` }) },
  {
    type: 'claude_project_created',
    weight: 2,
    fields: (r) => ({
      claude_project_id: `claude_proj_${b32(r, 20)}`,
      project_name: pick(r, ['Roadmap', 'Support macros', 'Legal review']),
    }),
  },
  {
    type: 'claude_project_document_uploaded',
    weight: 2,
    fields: (r) => ({ claude_project_id: `claude_proj_${b32(r, 20)}`, claude_file_id: `claude_file_${b32(r, 20)}` }),
  },
  {
    type: 'api_key_created',
    weight: 1,
    fields: (r) => ({ api_key_id: `apikey_${b32(r, 20)}`, workspace_id: `wrkspc_${b32(r, 20)}` }),
  },
  { type: 'api_key_deleted', weight: 1, fields: (r) => ({ api_key_id: `apikey_${b32(r, 20)}` }) },
  {
    type: 'user_invited',
    weight: 2,
    fields: (r) => ({ invited_email_address: `new.hire${Math.floor(r() * 90 + 10)}@acme.test`, role: 'user' }),
  },
  { type: 'user_removed', weight: 1, fields: (r) => ({ removed_user_id: `user_${b32(r, 20)}` }) },
  {
    type: 'user_role_updated',
    weight: 1,
    fields: (r) => ({ target_user_id: `user_${b32(r, 20)}`, role: pick(r, ['admin', 'user', 'developer']) }),
  },
  { type: 'workspace_created', weight: 1, fields: (r) => ({ workspace_id: `wrkspc_${b32(r, 20)}` }) },
  {
    type: 'workspace_member_added',
    weight: 1,
    fields: (r) => ({ workspace_id: `wrkspc_${b32(r, 20)}`, member_user_id: `user_${b32(r, 20)}` }),
  },
  { type: 'user_logged_in', weight: 4, fields: () => ({}) },
  { type: 'sso_login_failed', weight: 1, fields: () => ({ reason: 'idp_error' }) },
  { type: 'org_settings_updated', weight: 1, fields: () => ({ setting: 'data_retention_days' }) },
  {
    type: 'compliance_api_accessed',
    weight: 1,
    fields: () => ({ endpoint: '/v1/compliance/activities', http_method: 'GET' }),
  },
];
const TOTAL_WEIGHT = TYPES.reduce((s, t) => s + t.weight, 0);

function actorFor(rng: () => number, type: string): Activity['actor'] {
  const ip = `203.0.113.${Math.floor(rng() * 250) + 1}`;
  const ua = pick(rng, AGENTS);
  if (type === 'sso_login_failed')
    return {
      type: 'unauthenticated_user_actor',
      unauthenticated_email_address: pick(rng, PEOPLE).email,
      ip_address: ip,
      user_agent: ua,
    };
  if (type === 'workspace_member_added' || type === 'user_removed') {
    return {
      type: 'scim_directory_sync_actor',
      workos_event_id: `event_${b32(rng, 26)}`,
      directory_id: 'directory_01JOKTA000000000001',
      idp_connection_type: 'OktaSAML',
    };
  }
  if (type === 'compliance_api_accessed')
    return {
      type: 'api_actor',
      api_key_id: 'cak_01JSIEMEXPORT00000001',
      ip_address: ip,
      user_agent: 'python-requests/2.32.3',
    };
  if (type === 'org_settings_updated' && rng() < 0.5) return { type: 'anthropic_actor', email_address: null };
  if (type.startsWith('api_key_') && rng() < 0.5)
    return { type: 'admin_api_key_actor', admin_api_key_id: pick(rng, ADMIN_KEYS) };
  if (type.startsWith('claude_file') && rng() < 0.3)
    return {
      type: 'api_actor',
      api_key_id: pick(rng, API_KEYS),
      ip_address: ip,
      user_agent: 'anthropic-sdk-python/0.40.0',
    };
  const p = pick(rng, PEOPLE);
  return { type: 'user_actor', email_address: p.email, user_id: p.id, ip_address: ip, user_agent: ua };
}

/** Builds one activity; `type` forces the activity type (e.g. `compliance_api_accessed`). */
export function generateActivity(
  rng: () => number,
  ms: number,
  seq: number,
  forced?: { type: string; fields: Record<string, unknown>; actor: Activity['actor'] },
): ActivityEntry {
  let typeSpec = TYPES[0]!;
  let roll = rng() * TOTAL_WEIGHT;
  for (const t of TYPES) {
    roll -= t.weight;
    if (roll < 0) {
      typeSpec = t;
      break;
    }
  }
  const org = rng() < 0.85 ? ANTHROPIC_ORGS[0] : ANTHROPIC_ORGS[1];
  const type = forced?.type ?? typeSpec.type;
  const activity: Activity = {
    id: `activity_${ms.toString(36).padStart(9, '0')}${seq.toString(36).padStart(5, '0')}${hex(rng, 8)}`,
    created_at: new Date(ms).toISOString(),
    organization_id: org.id,
    organization_uuid: org.uuid,
    actor: forced?.actor ?? actorFor(rng, type),
    type,
    ...(forced?.fields ?? typeSpec.fields(rng)),
  };
  return { ms, seq, activity };
}

/** The id used by the `actor_ids[]` filter. */
export function actorId(actor: Activity['actor']): string | null {
  for (const k of ['user_id', 'api_key_id', 'admin_api_key_id', 'directory_id'] as const) {
    const v = actor[k];
    if (typeof v === 'string') return v;
  }
  return null;
}

export interface FeedQuery {
  limit: number;
  afterId?: string;
  beforeId?: string;
  gte?: number;
  gt?: number;
  lte?: number;
  lt?: number;
  types?: string[];
  excludeTypes?: string[];
  actorIds?: string[];
  orgIds?: string[];
}
export interface FeedPage {
  data: Activity[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

const before = (a: ActivityEntry, b: ActivityEntry): boolean => a.ms < b.ms || (a.ms === b.ms && a.seq < b.seq);

/** The activity log: ascending by (time, seq), with an id index for cursors. */
export class ActivityLog {
  private byId = new Map<string, ActivityEntry>();
  constructor(public entries: ActivityEntry[]) {
    for (const e of entries) this.byId.set(e.activity.id, e);
  }

  /** Inserts keeping ascending order (appends in the common case). */
  add(entry: ActivityEntry): void {
    const arr = this.entries;
    const last = arr[arr.length - 1];
    if (!last || !before(entry, last)) arr.push(entry);
    else {
      let lo = 0;
      let hi = arr.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (before(arr[mid]!, entry)) lo = mid + 1;
        else hi = mid;
      }
      arr.splice(lo, 0, entry);
    }
    this.byId.set(entry.activity.id, entry);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Runs a feed query; `null` when a cursor is unknown. */
  query(q: FeedQuery): FeedPage | null {
    const cursorId = q.afterId ?? q.beforeId;
    const cursor = cursorId !== undefined ? this.byId.get(cursorId) : undefined;
    if (cursorId !== undefined && !cursor) return null;
    const filtered: ActivityEntry[] = [];
    const types = q.types?.length ? new Set(q.types) : null;
    const excl = q.excludeTypes?.length ? new Set(q.excludeTypes) : null;
    const actors = q.actorIds?.length ? new Set(q.actorIds) : null;
    const orgs = q.orgIds?.length ? new Set(q.orgIds) : null;
    for (const e of this.entries) {
      if (q.gte !== undefined && e.ms < q.gte) continue;
      if (q.gt !== undefined && e.ms <= q.gt) continue;
      if (q.lte !== undefined && e.ms > q.lte) continue;
      if (q.lt !== undefined && e.ms >= q.lt) continue;
      const a = e.activity;
      if (types && !types.has(a.type)) continue;
      if (excl && excl.has(a.type)) continue;
      if (actors && !actors.has(actorId(a.actor) ?? '')) continue;
      if (orgs && !orgs.has(a.organization_id ?? '') && !orgs.has(a.organization_uuid ?? '')) continue;
      filtered.push(e);
    }
    let start: number;
    let end: number;
    let hasMore: boolean;
    if (cursor && q.afterId !== undefined) {
      end = 0;
      while (end < filtered.length && before(filtered[end]!, cursor)) end++;
      start = Math.max(0, end - q.limit);
      hasMore = start > 0;
    } else if (cursor) {
      start = 0;
      while (start < filtered.length && !before(cursor, filtered[start]!)) start++;
      end = Math.min(filtered.length, start + q.limit);
      hasMore = end < filtered.length;
    } else {
      end = filtered.length;
      start = Math.max(0, end - q.limit);
      hasMore = start > 0;
    }
    const data = filtered
      .slice(start, end)
      .reverse()
      .map((e) => e.activity);
    return { data, has_more: hasMore, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null };
  }
}
