import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { SEED, startEmulator, type RunningEmulator } from '../../emulator/index';

let emu: RunningEmulator;
const NOW = Date.UTC(2026, 10, 1, 12);
beforeAll(async () => {
  emu = await startEmulator({ pullerSchedule: false, now: () => NOW });
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

interface Page {
  data: {
    id: string;
    type: string;
    created_at: string;
    actor: { type: string } & Record<string, unknown>;
    organization_id: string;
  }[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}
async function feed(query: string, key: string | null = SEED.anthropicKeys.compliance, version = true) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (key !== null) headers['x-api-key'] = key;
  if (version) headers['anthropic-version'] = '2023-06-01';
  const res = await request(`${emu.anthropicUrl}/v1/compliance/activities${query}`, { headers });
  return {
    status: res.statusCode,
    headers: res.headers,
    body: (await res.body.json()) as Page & { type: string; error: { type: string; message: string } },
  };
}

describe('Anthropic compliance feed', () => {
  it('defaults: 100 newest first, request-id and rate-limit headers', async () => {
    const r = await feed('');
    expect(r.status).toBe(200);
    expect(r.body.data).toHaveLength(100);
    expect(r.body.has_more).toBe(true);
    expect(r.body.first_id).toBe(r.body.data[0]!.id);
    expect(r.body.last_id).toBe(r.body.data[99]!.id);
    const times = r.body.data.map((a) => a.created_at);
    expect(times).toEqual([...times].sort().reverse());
    expect(r.headers['request-id']).toMatch(/^req_/);
    expect(r.headers['anthropic-ratelimit-requests-limit']).toBe('600');
    expect(Number(r.headers['anthropic-ratelimit-requests-remaining'])).toBeLessThan(600);
    expect(r.headers['anthropic-ratelimit-requests-reset']).toBeDefined();
  });

  it('activities have realistic actors (six types) and many families', async () => {
    const r = await feed('?limit=5000');
    const actorTypes = new Set(r.body.data.map((a) => a.actor.type));
    for (const t of [
      'user_actor',
      'api_actor',
      'admin_api_key_actor',
      'unauthenticated_user_actor',
      'anthropic_actor',
      'scim_directory_sync_actor',
    ])
      expect(actorTypes).toContain(t);
    const types = new Set(r.body.data.map((a) => a.type));
    for (const t of [
      'claude_chat_created',
      'claude_file_uploaded',
      'claude_project_created',
      'api_key_created',
      'user_invited',
      'compliance_api_accessed',
    ])
      expect(types).toContain(t);
    for (const a of r.body.data) expect(a.id).toMatch(/^activity_/);
  });

  it('paging: after_id walks older, before_id newer, no duplicates, cursors reusable', async () => {
    const all = (await feed('?limit=5000')).body.data.map((a) => a.id);
    const seen: string[] = [];
    let page = await feed('?limit=50');
    seen.push(...page.body.data.map((a) => a.id));
    while (page.body.has_more) {
      page = await feed(`?limit=50&after_id=${page.body.last_id}`);
      seen.push(...page.body.data.map((a) => a.id));
    }
    // Every call adds a compliance_api_accessed activity on top: the walk from the first page covers everything older.
    expect(new Set(seen).size).toBe(seen.length);
    expect(all.filter((id) => !seen.includes(id))).toEqual([]);
    const oldest = page.body.last_id!;
    const newer = await feed(`?limit=10&before_id=${oldest}`);
    expect(newer.body.data).toHaveLength(10);
    expect(newer.body.has_more).toBe(true);
    expect(newer.body.data[9]!.created_at >= page.body.data[page.body.data.length - 1]!.created_at).toBe(true);
    const again = await feed(`?limit=10&before_id=${oldest}`);
    expect(again.body.data.map((a) => a.id)).toEqual(newer.body.data.map((a) => a.id));
    // Walking newer from the oldest reaches the top with has_more false.
    let cursor = oldest;
    let n = 0;
    for (;;) {
      const p = await feed(`?limit=200&before_id=${cursor}`);
      n += p.body.data.length;
      if (!p.body.has_more) break;
      cursor = p.body.first_id!;
    }
    expect(n).toBeGreaterThanOrEqual(all.length - 1);
  });

  it('filters: created_at, activity_types[], exclude_activity_types[], actor_ids[], organization_ids[]', async () => {
    const gte = new Date(NOW - 3_600_000 * 24).toISOString();
    const lt = new Date(NOW - 3_600_000 * 12).toISOString();
    const w = await feed(`?limit=5000&created_at.gte=${gte}&created_at.lt=${lt}`);
    expect(w.body.data.length).toBeGreaterThan(0);
    for (const a of w.body.data) {
      expect(a.created_at >= gte).toBe(true);
      expect(a.created_at < lt).toBe(true);
    }
    const types = await feed('?limit=5000&activity_types[]=claude_chat_created&activity_types[]=user_invited');
    expect(new Set(types.body.data.map((a) => a.type))).toEqual(new Set(['claude_chat_created', 'user_invited']));
    const excl = await feed('?limit=5000&exclude_activity_types[]=claude_chat_created');
    expect(excl.body.data.some((a) => a.type === 'claude_chat_created')).toBe(false);
    const actor = await feed('?limit=5000&actor_ids[]=user_01JADA0000000000000000001');
    expect(actor.body.data.length).toBeGreaterThan(0);
    for (const a of actor.body.data) expect(a.actor.user_id).toBe('user_01JADA0000000000000000001');
    const org = await feed('?limit=5000&organization_ids[]=org_01JACMERESEARCH000000002');
    expect(org.body.data.length).toBeGreaterThan(0);
    for (const a of org.body.data) expect(a.organization_id).toBe('org_01JACMERESEARCH000000002');
  });

  it('400 invalid_request_error: both cursors, bad limit, bad time, unknown cursor', async () => {
    for (const q of [
      '?after_id=a&before_id=b',
      '?limit=0',
      '?limit=5001',
      '?created_at.gte=yesterday',
      '?after_id=activity_nope',
    ]) {
      const r = await feed(q);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
      expect(r.headers['request-id']).toMatch(/^req_/);
    }
  });

  it('401 authentication_error (missing, revoked, Claude API key), 403 permission_error listing scopes', async () => {
    for (const key of [null, SEED.anthropicKeys.revoked, 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789']) {
      const r = await feed('?limit=1', key);
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ type: 'error', error: { type: 'authentication_error', message: expect.any(String) } });
      expect(r.headers['request-id']).toMatch(/^req_/);
    }
    const f = await feed('?limit=1', SEED.anthropicKeys.adminNoFeed);
    expect(f.status).toBe(403);
    expect(f.body.error.type).toBe('permission_error');
    expect(f.body.error.message).toMatch(/Got: \[.+\]/);
    expect((await feed('?limit=1', SEED.anthropicKeys.admin)).status).toBe(200);
  });

  it('429 after the per-org limit (shared by keys), retry-after; 401 decided before the limiter', async () => {
    emu.control.setAnthropicRateLimit(3);
    expect((await feed('?limit=1', SEED.anthropicKeys.compliance)).status).toBe(200);
    expect((await feed('?limit=1', SEED.anthropicKeys.admin)).status).toBe(200);
    expect((await feed('?limit=1', SEED.anthropicKeys.compliance)).status).toBe(200);
    const r = await feed('?limit=1', SEED.anthropicKeys.admin);
    expect(r.status).toBe(429);
    expect(r.body.error.type).toBe('rate_limit_error');
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    expect(r.headers['anthropic-ratelimit-requests-remaining']).toBe('0');
    expect((await feed('?limit=1', SEED.anthropicKeys.revoked)).status).toBe(401);
    emu.control.resetRateLimits();
    expect((await feed('?limit=1')).status).toBe(200);
  });

  it('each feed call is recorded as compliance_api_accessed', async () => {
    const before = await feed('?limit=1&activity_types[]=compliance_api_accessed');
    const after = await feed('?limit=1&activity_types[]=compliance_api_accessed');
    expect(after.body.data[0]!.id).not.toBe(before.body.data[0]?.id);
    expect(after.body.data[0]!.actor.type).toBe('api_actor');
  });

  it('addActivities appends newest activities', async () => {
    const ids = emu.control.addActivities(3, { type: 'claude_chat_created' });
    const r = await feed('?limit=4&exclude_activity_types[]=compliance_api_accessed');
    expect(r.body.data.slice(0, 3).map((a) => a.id)).toEqual([...ids].reverse());
  });

  it('unknown route: 404 with request-id', async () => {
    const res = await request(`${emu.anthropicUrl}/v1/nope`);
    expect(res.statusCode).toBe(404);
    expect(res.headers['request-id']).toBeDefined();
    await res.body.dump();
  });
});
