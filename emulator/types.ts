/** Internal record types of the emulator's state (times are epoch milliseconds). */

export const SOURCE_TYPES = [
  'otel_generic',
  'claude_code',
  'claude_cowork',
  'workato',
  'copilot_studio',
  'openai_compliance',
  'claude_compliance',
  'anthropic_admin',
  'databricks_genie',
  's3_custom',
  'http_custom',
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];
export const SOURCE_STATUSES = ['awaiting_first_event', 'active', 'disabled'] as const;
export type SourceStatus = (typeof SOURCE_STATUSES)[number];

export type Role = 'ADMIN' | 'MEMBER' | 'EXTERNAL';

export interface TeamRecord {
  id: string;
  name: string;
  slug: string;
  isPersonal: boolean;
  createdAt: number;
}
export interface MemberRecord {
  userId: string;
  role: Role;
  permissions: string[];
}
export interface OrgRecord {
  id: string;
  name: string;
  slug: string;
  createdAt: number;
  enterprise: boolean;
  teams: TeamRecord[];
  members: MemberRecord[];
}
export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  createdAt: number;
}

export interface SourceRecord {
  id: string;
  organizationId: string;
  teamId: string | null;
  sourceType: SourceType;
  name: string;
  description: string | null;
  /** Stored object: may hold `credentials: { token: "enc:v1:…" }` and `_*` keys (never returned). */
  parserConfig: Record<string, unknown>;
  pullConfig: Record<string, unknown> | null;
  pullSchedule: string | null;
  status: SourceStatus;
  lastEventAt: number | null;
  archivedAt: number | null;
  createdAt: number;
  updatedAt: number;
  createdById: string | null;
  errorCount: number;
  ingestSecretHash: string;
  previousSecret: { hash: string; validUntil: number } | null;
  /** Puller watermark: newest-seen activity id, persisted only after a full run. */
  pollerCursor: string | null;
  lastOverlapAt: number | null;
  lastSuccessAt: number | null;
}

export interface EventRecord {
  eventId: string;
  eventType: string;
  actor: string;
  action: string;
  target: string;
  costUsd: string;
  tokensInput: number;
  tokensOutput: number;
  eventTimestamp: number;
  ingestedAt: number;
  rawPayload: string;
  /** A pushed log record (a webhook, OTLP logs): counted by health, never in the event list. */
  signal?: 'log';
}

export interface SessionRecord {
  id: string;
  tokenHash: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
  updatedAt: number;
}

/** A device code (LangWatch keeps these in Redis; an exchanged or refused one is deleted). */
export interface DeviceRecord {
  deviceCodeHash: string;
  userCode: string;
  createdAt: number;
  expiresAt: number;
  status: 'pending' | 'approved' | 'denied';
  credentialType: 'device_session' | 'project_api_key';
  userId: string | null;
  organizationId: string | null;
  /** Approval stamped a key selection: /exchange mints the user-scoped CLI key from it. */
  keySelection: boolean;
}

/** The device fingerprint /exchange keeps (only these keys survive its schema). */
export interface ClientInfo {
  device_label?: string;
  hostname?: string;
  uname?: string;
  platform?: string;
  session_started_at?: number;
}

/** One access or refresh token (by hash). Revoking one never touches the other. */
export interface CliTokenRecord {
  hash: string;
  kind: 'access' | 'refresh';
  userId: string;
  organizationId: string;
  issuedAt: number;
  expiresAt: number;
  clientInfo?: ClientInfo;
  /** The CLI key /exchange minted for this session; /logout revokes it with the tokens. */
  cliKeyId?: string;
}

/** The personal team + project a device sign-in provisions for the approving user. */
export interface PersonalWorkspaceRecord {
  userId: string;
  organizationId: string;
  teamId: string;
  projectId: string;
  projectSlug: string;
  createdAt: number;
}

/** A user-scoped CLI API key minted by /exchange (hash only). */
export interface CliKeyRecord {
  id: string;
  userId: string;
  organizationId: string;
  deviceLabel: string;
  tokenHash: string;
  createdAt: number;
  revokedAt: number | null;
}

/** An Anthropic compliance activity, as served on the wire, plus its sort key. */
export interface ActivityEntry {
  ms: number;
  seq: number;
  activity: Activity;
}
export type Activity = {
  id: string;
  created_at: string;
  organization_id: string | null;
  organization_uuid: string | null;
  actor: Record<string, unknown> & { type: string };
  type: string;
} & Record<string, unknown>;
