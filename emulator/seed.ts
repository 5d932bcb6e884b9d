/**
 * The fixed values of the seed every test and the demo rely on: orgs, users, teams, Anthropic
 * keys, permissions and the base date. The seeded sources are in seed-sources.ts and the whole
 * seed state is built by seed-state.ts.
 */
import { createHash } from 'node:crypto';

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
/** The teams of each seeded organisation. */
export const SEED_TEAMS = {
  org_acme: [
    { id: 'team_platform', name: 'Platform', slug: 'platform' },
    { id: 'team_security', name: 'Security', slug: 'security' },
  ],
  org_small: [{ id: 'team_small', name: 'Everyone', slug: 'everyone' }],
} as const;

/** What a seeded admin may do. */
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
/** What the seeded support user may do: read sources and the activity monitor. */
export const SUPPORT_PERMISSIONS = ['ingestionSources:view', 'activityMonitor:view'];
/** What a seeded plain member may do (nothing on ingestion sources). */
export const MEMBER_PERMISSIONS = ['organization:view', 'team:view', 'project:view'];

/** Password hashing for the emulator's users (salted SHA-256 is enough for loopback). */
export function hashPassword(userId: string, password: string): string {
  return createHash('sha256').update(`${userId}:${password}`).digest('hex');
}

/** Time units of the seed's dates. */
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
