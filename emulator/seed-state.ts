/** The complete seed state: seeded orgs, users and sources, their ingested events, and the Anthropic activity backlog. */
import { generateActivity, makeRng } from './anthropic/activities';
import { mapActivity, type Usage } from './puller/mapping';
import {
  ADMIN_PERMISSIONS,
  DAY,
  MEMBER_PERMISSIONS,
  SEED,
  SEED_BASE_MS,
  SEED_TEAMS,
  SUPPORT_PERMISSIONS,
  hashPassword,
} from './seed';
import { SOURCE_SEEDS, buildSources } from './seed-sources';
import type { Snapshot } from './store';
import type { ActivityEntry, EventRecord, OrgRecord, SourceRecord, UserRecord } from './types';

/**
 * Usage on seeded events: usage-style feeds (everything but the Compliance API) carry token
 * counts and a cost on most events, so the views show non-zero `costUsd` strings.
 */
function seededUsage(type: string, k: number): Usage | undefined {
  if (type === 'claude_compliance' || k % 4 === 3) return undefined;
  const tokensInput = 120 + ((k * 379) % 2400);
  const tokensOutput = 40 + ((k * 211) % 900);
  return { costUsd: ((tokensInput * 3 + tokensOutput * 15) / 1_000_000).toFixed(6), tokensInput, tokensOutput };
}

/** The activity backlog: 30 days before `nowMs`, denser in the last day. Deterministic for a given `nowMs`. */
export function buildActivities(nowMs: number, count = 400, seed = 0xacce55): ActivityEntry[] {
  const rng = makeRng(seed);
  const out: ActivityEntry[] = [];
  for (let i = 0; i < count; i++) {
    const recent = i % 5 === 0;
    const age = recent ? rng() * DAY : rng() * 30 * DAY;
    out.push(generateActivity(rng, Math.floor(nowMs - age - 60_000), i + 1));
  }
  out.sort((a, b) => a.ms - b.ms || a.seq - b.seq);
  return out;
}

/** Events already ingested by the "active" seeded sources (deterministic, from their own generator); stamps their run times. */
function seedEvents(nowMs: number, sources: SourceRecord[]): Record<string, EventRecord[]> {
  const events: Record<string, EventRecord[]> = {};
  SOURCE_SEEDS.forEach((s, i) => {
    if (!s.active) return;
    const rng = makeRng(1000 + i);
    const list: EventRecord[] = [];
    for (let k = 0; k < 40; k++) {
      const e = generateActivity(
        rng,
        Math.floor(nowMs - (k < 10 ? rng() * DAY : rng() * 20 * DAY) - 120_000),
        100_000 + i * 100 + k,
      );
      list.push(mapActivity(e.activity, e.ms + 30_000, { id: s.id, sourceType: s.type }, seededUsage(s.type, k)));
    }
    list.sort((a, b) => b.eventTimestamp - a.eventTimestamp);
    events[s.id] = list;
    const src = sources[i]!;
    // LangWatch stamps lastEventAt with the time of the run that received the events.
    src.lastEventAt = list[0]!.ingestedAt;
    src.lastSuccessAt = list[0]!.ingestedAt;
  });
  return events;
}

/** The complete seed state. Source metadata uses SEED_BASE_MS; events and activities are relative to `nowMs`. */
export function buildSeed(nowMs: number, sealKey: Buffer): Snapshot {
  const t0 = SEED_BASE_MS - 90 * DAY;
  const orgs: OrgRecord[] = [
    {
      ...SEED.orgs.enterprise,
      createdAt: t0,
      enterprise: true,
      teams: SEED_TEAMS.org_acme.map((t) => ({ ...t, isPersonal: false, createdAt: t0 })),
      members: [
        { userId: 'user_admin', role: 'ADMIN', permissions: ADMIN_PERMISSIONS },
        { userId: 'user_support', role: 'MEMBER', permissions: SUPPORT_PERMISSIONS },
        { userId: 'user_member', role: 'MEMBER', permissions: MEMBER_PERMISSIONS },
      ],
    },
    {
      ...SEED.orgs.free,
      createdAt: t0 + DAY,
      enterprise: false,
      teams: SEED_TEAMS.org_small.map((t) => ({ ...t, isPersonal: false, createdAt: t0 + DAY })),
      members: [{ userId: 'user_admin', role: 'ADMIN', permissions: ADMIN_PERMISSIONS }],
    },
  ];
  const users: UserRecord[] = Object.values(SEED.users).map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    passwordHash: hashPassword(u.id, u.password),
    createdAt: t0,
  }));
  const sources = buildSources(sealKey);
  const activities = buildActivities(nowMs);
  const events = seedEvents(nowMs, sources);
  return {
    version: 1,
    orgs,
    users,
    sources,
    events,
    sessions: [],
    devices: [],
    cliTokens: [],
    activities,
    activitySeq: activities.length + 1,
    emailPasswordEnabled: true,
  };
}
