/** The control surface's types: what `startEmulator` hands tests to steer and inspect the emulator. */
import type { ActiveFault, FaultSpec, Side } from './faults';
import type { PullResult } from './puller/puller';
import type { Modes, PullerMode } from './runtime';
import type { SEED } from './seed';
import type { ClientInfo, CliKeyRecord, PersonalWorkspaceRecord } from './types';

/** A source as stored (no secrets): what tests need that the API never returns. */
export interface RawSourceView {
  id: string;
  organizationId: string;
  teamId: string | null;
  name: string;
  sourceType: string;
  status: string;
  description: string | null;
  parserConfig: Record<string, unknown>;
  hasCredentials: boolean;
  /** Whether a stored `credentials` value is a sealed `enc:v1:` envelope (any non-null value must be). */
  credentialsSealed: boolean | null;
  pullSchedule: string | null;
  errorCount: number;
  eventCount: number;
  pollerCursor: string | null;
  createdAt: string;
  updatedAt: string;
  lastEventAt: string | null;
  archivedAt: string | null;
  createdById: string | null;
}

/** One logged request: never headers, bodies or query strings (they may carry secrets). */
export interface RequestLogEntry {
  at: string;
  side: Side;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  fault: string | null;
}

/** A seeded user, by its key in `SEED.users`. */
export type SeedUserKey = keyof typeof SEED.users;

/** A CLI token as stored, without the token or its hash. */
export interface CliSessionView {
  kind: 'access' | 'refresh';
  userId: string;
  organizationId: string;
  expiresAt: string;
  clientInfo: ClientInfo | null;
  cliKeyId: string | null;
}
/** A CLI key as stored, without its hash. */
export type CliKeyView = Omit<CliKeyRecord, 'tokenHash' | 'createdAt' | 'revokedAt'> & {
  createdAt: string;
  revokedAt: string | null;
};

/** The control API returned by `startEmulator`. */
export interface EmulatorControl {
  faults: { add(spec: FaultSpec): string; remove(id: string): boolean; clear(): void; list(): ActiveFault[] };
  /** Closes the listeners (connections refused) or reopens them on the same ports. `forMs` schedules the way back. */
  setOffline(offline: boolean, opts?: { which?: Side | 'both'; forMs?: number }): Promise<void>;
  /** Runs the puller now for one source (or every eligible one) and waits for the result. */
  pullNow(sourceId?: string): Promise<PullResult[]>;
  sources(orgId: string): RawSourceView[];
  /**
   * Whether the sealed credential `name` (default `token`) of a source equals `value` (constant
   * time); never exposes it.
   */
  credentialMatches(sourceId: string, value: string, name?: string): boolean;
  /** The names of a source's sealed credentials (never their values). */
  credentialNames(sourceId: string): string[];
  /** Bulk-creates `n` sources (bypasses the cap; for benchmarks). Returns the new ids. */
  seedSources(orgId: string, n: number): string[];
  expireSessions(): void;
  setEmailPasswordEnabled(enabled: boolean): void;
  setSignInLimit(n: number): void;
  setAnthropicRateLimit(perMinute: number): void;
  resetRateLimits(): void;
  approveDevice(userCode: string, userKey: SeedUserKey, orgId?: string): void;
  denyDevice(userCode: string): void;
  expireDeviceCode(userCode: string): void;
  expireAccessTokens(): void;
  /** Appends `n` activities to the Anthropic feed (at `now`, or backdated to `at` epoch ms: late-indexed rows); returns their ids. */
  addActivities(n: number, opts?: { type?: string; at?: number }): string[];
  setEnterprise(orgId: string, enterprise: boolean): void;
  /**
   * Adds an organisation (one team, "Everyone") where the seeded admin is ADMIN and the seeded
   * support user may view ingestion sources and the activity monitor: a fleet's further orgs.
   */
  addOrganization(org: { id: string; name: string; slug: string; enterprise?: boolean }): void;
  /** Replaces a seeded member's permissions in an organisation (custom-role bindings). */
  setMemberPermissions(orgId: string, userKey: SeedUserKey, permissions: string[]): void;
  /** Which puller the deployment runs from now on (`documented` | `langwatch`). */
  setPullerMode(mode: PullerMode): void;
  /**
   * activityMonitor.* and the CLI health/events answer `clickhouse_unavailable` while true, each
   * after hanging `failAfterMs` (default 0), as LangWatch's ClickHouse client retrying an absent store.
   */
  setActivityMonitorUnavailable(unavailable: boolean, failAfterMs?: number): void;
  /** The configured public URL for approval links (null = the emulator's own URL). */
  setPublicOrigin(origin: string | null): void;
  modes(): Modes;
  /** Live CLI tokens (no token values): what /exchange stamped, what /logout left. */
  cliSessions(): CliSessionView[];
  /** CLI keys minted by /exchange (revoked ones too). */
  cliKeys(): CliKeyView[];
  /** Personal workspaces provisioned by device sign-ins. */
  personalWorkspaces(): PersonalWorkspaceRecord[];
  /** The secret values /exchange handed out (CLI and project API keys), for leak checks; in memory only. */
  issuedSecrets(): string[];
  /** Every ingest secret create and rotateSecret handed out (leak checks; memory only). */
  mintedIngestSecrets(): string[];
  requestLog(): RequestLogEntry[];
  clearRequestLog(): void;
  /** Back to the seed: state, faults, limits, log, online. */
  reset(): Promise<void>;
}
