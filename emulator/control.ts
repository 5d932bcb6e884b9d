/** The control surface (in-process object, optionally mirrored over HTTP at /__emulator/*). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PULLER_MODES, type Modes, type PullerMode, type Runtime } from './runtime';
import type { ActiveFault, Faults, FaultSpec, Side } from './faults';
import type { PullResult, Puller } from './puller/puller';
import { sendJson } from './http-util';
import { openCredentials, safeEqual, sha256 } from './seal';
import { SEED } from './seed';
import { publicParserConfig } from './langwatch/sources';
import { approve, findByUserCode } from './langwatch/device-codes';
import {
  SOURCE_STATUSES,
  SOURCE_TYPES,
  type ClientInfo,
  type CliKeyRecord,
  type PersonalWorkspaceRecord,
  type SourceRecord,
} from './types';

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
  /** Whether the sealed key of a source equals `token` (constant time); never exposes the key. */
  credentialMatches(sourceId: string, token: string): boolean;
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
  /** Replaces a seeded member's permissions in an organisation (custom-role bindings). */
  setMemberPermissions(orgId: string, userKey: SeedUserKey, permissions: string[]): void;
  /** Which puller the deployment runs from now on (`documented` | `langwatch`). */
  setPullerMode(mode: PullerMode): void;
  /** activityMonitor.* and the CLI health/events answer `clickhouse_unavailable` while true. */
  setActivityMonitorUnavailable(unavailable: boolean): void;
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
  requestLog(): RequestLogEntry[];
  clearRequestLog(): void;
  /** Back to the seed: state, faults, limits, log, online. */
  reset(): Promise<void>;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function rawView(rt: Runtime, s: SourceRecord): RawSourceView {
  return {
    id: s.id,
    organizationId: s.organizationId,
    teamId: s.teamId,
    name: s.name,
    sourceType: s.sourceType,
    status: s.status,
    description: s.description,
    parserConfig: publicParserConfig(s.parserConfig),
    hasCredentials: typeof openCredentials(rt.sealKey, s.parserConfig.credentials).token === 'string',
    credentialsSealed:
      s.parserConfig.credentials == null
        ? null
        : typeof s.parserConfig.credentials === 'string' && s.parserConfig.credentials.startsWith('enc:v1:'),
    pullSchedule: s.pullSchedule,
    errorCount: s.errorCount,
    eventCount: rt.store.events.get(s.id)?.list.length ?? 0,
    pollerCursor: s.pollerCursor,
    createdAt: iso(s.createdAt)!,
    updatedAt: iso(s.updatedAt)!,
    lastEventAt: iso(s.lastEventAt),
    archivedAt: iso(s.archivedAt),
    createdById: s.createdById,
  };
}

export interface ControlDeps {
  rt: Runtime;
  faults: Faults;
  puller: Puller;
  log: RequestLogEntry[];
  setOffline: EmulatorControl['setOffline'];
  reset: () => Promise<void>;
  addActivity: (type?: string, at?: number) => string;
  defaults: { signInLimit: number; anthropicLimit: number };
}

export function createControl(d: ControlDeps): EmulatorControl {
  const { rt } = d;
  const device = (userCode: string) => {
    const rec = findByUserCode(rt, userCode);
    if (!rec) throw new Error(`Unknown user code ${userCode}`);
    return rec;
  };
  return {
    faults: {
      add: (s) => d.faults.add(s),
      remove: (id) => d.faults.remove(id),
      clear: () => d.faults.clear(),
      list: () => d.faults.active(),
    },
    setOffline: d.setOffline,
    pullNow: (id) => d.puller.pullNow(id),
    sources: (orgId) => rt.store.orgSources(orgId).map((s) => rawView(rt, s)),
    credentialMatches(sourceId, token) {
      const s = rt.store.sources.get(sourceId);
      const open = s ? openCredentials(rt.sealKey, s.parserConfig.credentials).token : undefined;
      return typeof open === 'string' && safeEqual(sha256(open), sha256(token));
    },
    seedSources(orgId, n) {
      if (!rt.store.orgs.has(orgId)) throw new Error(`Unknown org ${orgId}`);
      const base = rt.now();
      const start = rt.store.orgSources(orgId).length;
      const list: SourceRecord[] = [];
      for (let i = 0; i < n; i++) {
        const k = start + i;
        const type = SOURCE_TYPES[k % SOURCE_TYPES.length]!;
        list.push({
          id: `src_bulk_${orgId}_${String(k).padStart(6, '0')}`,
          organizationId: orgId,
          teamId: null,
          sourceType: type,
          name: `Bulk source ${String(k).padStart(6, '0')}`,
          description: k % 3 ? `Seeded for benchmarks (#${k})` : null,
          parserConfig: { adapter: type },
          pullConfig: null,
          pullSchedule: null,
          status: SOURCE_STATUSES[k % 3]!,
          lastEventAt: k % 3 === 1 ? base - k * 1000 : null,
          archivedAt: null,
          createdAt: base - k * 60_000,
          updatedAt: base,
          createdById: 'user_admin',
          errorCount: 0,
          ingestSecretHash: sha256(`bulk-${k}`),
          previousSecret: null,
          pollerCursor: null,
          lastOverlapAt: null,
          lastSuccessAt: null,
        });
      }
      rt.store.insertMany(list);
      return list.map((s) => s.id);
    },
    expireSessions() {
      for (const s of rt.store.sessions.values()) s.expiresAt = 0;
      rt.store.touch();
    },
    setEmailPasswordEnabled(enabled) {
      rt.store.emailPasswordEnabled = enabled;
      rt.store.touch();
    },
    setSignInLimit(n) {
      rt.settings.signInLimit = n;
    },
    setAnthropicRateLimit(n) {
      rt.settings.anthropicLimit = n;
    },
    resetRateLimits() {
      rt.limiter.reset();
    },
    approveDevice(userCode, userKey, orgId) {
      const user = SEED.users[userKey];
      const org =
        orgId ?? [...rt.store.orgs.values()].find((o) => o.members.some((m) => m.userId === user.id))?.id ?? '';
      const r = approve(rt, device(userCode), user.id, org);
      if (r !== 'ok') throw new Error(`approveDevice failed: ${r}`);
    },
    denyDevice(userCode) {
      device(userCode).status = 'denied';
      rt.store.touch();
    },
    expireDeviceCode(userCode) {
      device(userCode).expiresAt = rt.now() - 1;
      rt.store.touch();
    },
    expireAccessTokens() {
      for (const t of rt.store.cliTokens.values()) if (t.kind === 'access') t.expiresAt = 0;
      rt.store.touch();
    },
    addActivities(n, opts) {
      return Array.from({ length: n }, () => d.addActivity(opts?.type, opts?.at));
    },
    setEnterprise(orgId, enterprise) {
      const org = rt.store.orgs.get(orgId);
      if (!org) throw new Error(`Unknown org ${orgId}`);
      org.enterprise = enterprise;
      rt.store.touch(orgId);
    },
    setMemberPermissions(orgId, userKey, permissions) {
      const member = rt.store.orgs.get(orgId)?.members.find((m) => m.userId === SEED.users[userKey].id);
      if (!member) throw new Error(`${userKey} is not a member of ${orgId}`);
      member.permissions = [...permissions];
      rt.store.touch(orgId);
    },
    setPullerMode(mode) {
      if (!PULLER_MODES.includes(mode))
        throw new Error(`Unknown puller mode ${String(mode)} (use ${PULLER_MODES.join(' or ')})`);
      rt.modes.puller = mode;
    },
    setActivityMonitorUnavailable(unavailable) {
      rt.modes.activityMonitorUnavailable = unavailable;
    },
    setPublicOrigin(origin) {
      rt.modes.publicOrigin = origin ? origin.replace(/\/+$/, '') : null;
    },
    modes: () => ({ ...rt.modes }),
    cliSessions: () =>
      [...rt.store.cliTokens.values()].map((t) => ({
        kind: t.kind,
        userId: t.userId,
        organizationId: t.organizationId,
        expiresAt: new Date(t.expiresAt).toISOString(),
        clientInfo: t.clientInfo ?? null,
        cliKeyId: t.cliKeyId ?? null,
      })),
    cliKeys: () =>
      rt.store.cliKeys.map(({ tokenHash: _h, createdAt, revokedAt, ...k }) => ({
        ...k,
        createdAt: iso(createdAt)!,
        revokedAt: iso(revokedAt),
      })),
    personalWorkspaces: () => rt.store.personalWorkspaces.map((w) => ({ ...w })),
    issuedSecrets: () => [...rt.store.issuedSecrets],
    requestLog: () => d.log.map((e) => ({ ...e })),
    clearRequestLog() {
      d.log.length = 0;
    },
    reset: d.reset,
  };
}

/** `POST /__emulator/<method>` with `{"args":[…]}` (or a bare array) → `{"result":…}`; `GET` works for argument-less reads. */
export function createControlHttp(
  control: EmulatorControl,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const table: Record<string, (...args: never[]) => unknown> = {
    'faults.add': control.faults.add,
    'faults.remove': control.faults.remove,
    'faults.clear': control.faults.clear,
    'faults.list': control.faults.list,
    setOffline: control.setOffline,
    pullNow: control.pullNow,
    sources: control.sources,
    credentialMatches: control.credentialMatches,
    seedSources: control.seedSources,
    expireSessions: control.expireSessions,
    setEmailPasswordEnabled: control.setEmailPasswordEnabled,
    setSignInLimit: control.setSignInLimit,
    setAnthropicRateLimit: control.setAnthropicRateLimit,
    resetRateLimits: control.resetRateLimits,
    approveDevice: control.approveDevice,
    denyDevice: control.denyDevice,
    expireDeviceCode: control.expireDeviceCode,
    expireAccessTokens: control.expireAccessTokens,
    addActivities: control.addActivities,
    setEnterprise: control.setEnterprise,
    requestLog: control.requestLog,
    clearRequestLog: control.clearRequestLog,
    reset: control.reset,
    setPullerMode: control.setPullerMode,
    setActivityMonitorUnavailable: control.setActivityMonitorUnavailable,
    setPublicOrigin: control.setPublicOrigin,
    modes: control.modes,
    cliSessions: control.cliSessions,
    cliKeys: control.cliKeys,
    personalWorkspaces: control.personalWorkspaces,
    issuedSecrets: control.issuedSecrets,
    setMemberPermissions: control.setMemberPermissions,
  };
  return async (req, res, url) => {
    if (!url.pathname.startsWith('/__emulator/')) return false;
    const name = url.pathname.slice('/__emulator/'.length);
    const fn = table[name];
    if (!fn) {
      sendJson(res, 404, { error: `unknown control method ${name}`, methods: Object.keys(table) });
      return true;
    }
    let args: unknown[] = [];
    if (req.method === 'POST') {
      const text = await new Promise<string>((resolve) => {
        let s = '';
        req.on('data', (c: Buffer) => {
          s += c.toString();
        });
        req.on('end', () => resolve(s));
      });
      try {
        const body: unknown = text.trim() ? JSON.parse(text) : {};
        args = Array.isArray(body)
          ? body
          : Array.isArray((body as { args?: unknown }).args)
            ? (body as { args: unknown[] }).args
            : [];
      } catch {
        sendJson(res, 400, { error: 'body must be JSON' });
        return true;
      }
    } else if (req.method !== 'GET') {
      sendJson(res, 405, { error: 'use GET or POST' });
      return true;
    }
    try {
      const result = await (fn as (...a: unknown[]) => unknown)(...args);
      sendJson(res, 200, { result: result ?? null });
    } catch (e) {
      sendJson(res, 400, { error: e instanceof Error ? e.message : String(e) });
    }
    return true;
  };
}
