/** Deterministic seed data: orgs, users, sources (fixed base date) and the Anthropic activity backlog. */
import { createHash } from 'node:crypto';
import { sealCredentials, sha256 } from './seal';
import type { Snapshot } from './store';
import type {
  ActivityEntry,
  EventRecord,
  OrgRecord,
  SourceRecord,
  SourceStatus,
  SourceType,
  UserRecord,
} from './types';
import { generateActivity, makeRng } from './anthropic/activities';
import { mapActivity, type Usage } from './puller/mapping';

/** The seed every test and the demo can rely on (values are fixed). */
export const SEED = {
  orgs: {
    enterprise: { id: 'org_acme', name: 'Acme Corp', slug: 'acme' },
    free: { id: 'org_small', name: 'Small Co', slug: 'small-co' },
  },
  users: {
    admin: { id: 'user_admin', email: 'admin@acme.test', password: 'correct horse battery staple', name: 'Ada Admin' },
    support: {
      id: 'user_support',
      email: 'support@acme.test',
      password: 'support staff password',
      name: 'Sam Support',
    },
    member: { id: 'user_member', email: 'member@acme.test', password: 'member password 1', name: 'Mo Member' },
  },
  anthropicKeys: {
    compliance: 'sk-ant-api01-EmuCmpAcme7fQx2LrT9vWk3NbHs8YdJp4ZgUe6MaRcWq-1AAAAA',
    admin: 'sk-ant-admin01-EmuAdmAcme3KpV8sQe1XwZr6TyLm2HnBd9GfJc4UaPo-2AAAAA',
    adminNoFeed: 'sk-ant-admin01-EmuOldAdmin5RtY2uIo8PaSd4FgHj7KlZx1CvBn6MqW-3AAAAA',
    revoked: 'sk-ant-api01-EmuRevoked9ZyX8wVu7TsRq6PoNm5LkJi4HgFe3DcBa-4AAAAA',
  },
} as const;

/** Fixed base date of the seeded LangWatch records. */
export const SEED_BASE_MS = Date.UTC(2026, 7, 1, 9, 0, 0);
export const SEED_TEAMS = {
  org_acme: [
    { id: 'team_platform', name: 'Platform', slug: 'platform' },
    { id: 'team_security', name: 'Security', slug: 'security' },
  ],
  org_small: [{ id: 'team_small', name: 'Everyone', slug: 'everyone' }],
} as const;

export const ADMIN_PERMISSIONS = [
  'organization:view',
  'organization:manage',
  'team:view',
  'team:manage',
  'project:view',
  'project:manage',
  'ingestionSources:view',
  'ingestionSources:manage',
  'activityMonitor:view',
];
export const SUPPORT_PERMISSIONS = ['ingestionSources:view', 'activityMonitor:view'];
export const MEMBER_PERMISSIONS = ['organization:view', 'team:view', 'project:view'];

/** Password hashing for the emulator's users (salted SHA-256 is enough for loopback). */
export function hashPassword(userId: string, password: string): string {
  return createHash('sha256').update(`${userId}:${password}`).digest('hex');
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface SourceSeed {
  id: string;
  org: string;
  team: string | null;
  type: SourceType;
  name: string;
  status: SourceStatus;
  archived?: boolean;
  key?: keyof typeof SEED.anthropicKeys;
  schedule?: string;
  pollEverySec?: number;
  errors?: number;
  active?: boolean;
  by?: string | null;
  description?: string;
}
const SOURCES: SourceSeed[] = [
  {
    id: 'src_cc_prod',
    org: 'org_acme',
    team: 'team_security',
    type: 'claude_compliance',
    name: 'Claude Compliance — Production',
    status: 'active',
    key: 'compliance',
    schedule: '*/15 * * * *',
    pollEverySec: 900,
    active: true,
    description: 'Main Claude Enterprise org',
  },
  {
    id: 'src_cc_composer',
    org: 'org_acme',
    team: null,
    type: 'claude_compliance',
    name: 'Claude Compliance — Web composer',
    status: 'awaiting_first_event',
    pollEverySec: 300,
    description: 'Created in the LangWatch web composer (no key stored)',
  },
  {
    id: 'src_cc_revoked',
    org: 'org_acme',
    team: 'team_security',
    type: 'claude_compliance',
    name: 'Claude Compliance — Research',
    status: 'awaiting_first_event',
    key: 'revoked',
    schedule: '0 * * * *',
    pollEverySec: 3600,
    errors: 4,
  },
  {
    id: 'src_cc_oldadmin',
    org: 'org_acme',
    team: 'team_platform',
    type: 'claude_compliance',
    name: 'Claude Compliance — Legacy admin key',
    status: 'awaiting_first_event',
    key: 'adminNoFeed',
    schedule: '0 0 * * *',
    pollEverySec: 86400,
    errors: 1,
  },
  {
    id: 'src_claude_code',
    org: 'org_acme',
    team: 'team_platform',
    type: 'claude_code',
    name: 'Claude Code — Engineering',
    status: 'active',
    active: true,
  },
  {
    id: 'src_cowork',
    org: 'org_acme',
    team: 'team_platform',
    type: 'claude_cowork',
    name: 'Claude Cowork',
    status: 'awaiting_first_event',
  },
  {
    id: 'src_otel',
    org: 'org_acme',
    team: 'team_platform',
    type: 'otel_generic',
    name: 'OTel Collector',
    status: 'active',
    active: true,
  },
  { id: 'src_workato', org: 'org_acme', team: null, type: 'workato', name: 'Workato Recipes', status: 'disabled' },
  {
    id: 'src_copilot',
    org: 'org_acme',
    team: 'team_security',
    type: 'copilot_studio',
    name: 'Copilot Studio',
    status: 'active',
    active: true,
  },
  {
    id: 'src_openai',
    org: 'org_acme',
    team: 'team_security',
    type: 'openai_compliance',
    name: 'OpenAI Compliance',
    status: 'awaiting_first_event',
  },
  {
    id: 'src_admin_usage',
    org: 'org_acme',
    team: 'team_platform',
    type: 'anthropic_admin',
    name: 'Anthropic Admin Usage',
    status: 'active',
    active: true,
  },
  {
    id: 'src_s3',
    org: 'org_acme',
    team: null,
    type: 's3_custom',
    name: 'S3 Audit Bucket',
    status: 'active',
    active: true,
  },
  {
    id: 'src_genie',
    org: 'org_acme',
    team: null,
    type: 'databricks_genie',
    name: 'Databricks Genie (pilot)',
    status: 'disabled',
    archived: true,
  },
  {
    id: 'src_webhook_old',
    org: 'org_acme',
    team: null,
    type: 'http_custom',
    name: 'HTTP Webhook (old)',
    status: 'disabled',
    archived: true,
  },
  {
    id: 'src_cc_old',
    org: 'org_acme',
    team: 'team_security',
    type: 'claude_compliance',
    name: 'Claude Compliance — Old workspace',
    status: 'disabled',
    archived: true,
    key: 'compliance',
    schedule: '0 */6 * * *',
    pollEverySec: 21600,
  },
  {
    id: 'src_small_cc',
    org: 'org_small',
    team: 'team_small',
    type: 'claude_compliance',
    name: 'Claude Compliance',
    status: 'active',
    key: 'admin',
    schedule: '*/30 * * * *',
    pollEverySec: 1800,
    active: true,
    by: 'user_admin',
  },
  {
    id: 'src_small_otel',
    org: 'org_small',
    team: null,
    type: 'otel_generic',
    name: 'OTel',
    status: 'awaiting_first_event',
  },
];

function buildSources(sealKey: Buffer): SourceRecord[] {
  return SOURCES.map((s, i) => {
    const createdAt = SEED_BASE_MS + i * HOUR;
    const parserConfig: Record<string, unknown> =
      s.type === 'claude_compliance'
        ? { adapter: 'claude_compliance', ...(s.pollEverySec ? { pollEverySec: s.pollEverySec } : {}) }
        : { adapter: s.type };
    if (s.key) parserConfig.credentials = sealCredentials(sealKey, { token: SEED.anthropicKeys[s.key] });
    if (s.type === 'claude_compliance' && s.key) parserConfig._lastPreflight = 'ok';
    return {
      id: s.id,
      organizationId: s.org,
      teamId: s.team,
      sourceType: s.type,
      name: s.name,
      description: s.description ?? null,
      parserConfig,
      pullConfig: null,
      pullSchedule: s.schedule ?? null,
      status: s.status,
      lastEventAt: null,
      archivedAt: s.archived ? createdAt + 10 * DAY : null,
      createdAt,
      updatedAt: s.archived ? createdAt + 10 * DAY : createdAt + 2 * HOUR,
      createdById: s.by === undefined ? 'user_admin' : s.by,
      errorCount: s.errors ?? 0,
      ingestSecretHash: sha256(`seed-secret-${s.id}`),
      previousSecret: null,
      pollerCursor: null,
      lastOverlapAt: null,
      lastSuccessAt: null,
    };
  });
}

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
  // Events already ingested by the "active" seeded sources (deterministic, from their own generator).
  const events: Record<string, EventRecord[]> = {};
  SOURCES.forEach((s, i) => {
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
