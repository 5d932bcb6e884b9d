/**
 * The control surface (in-process object, optionally mirrored over HTTP at /__emulator/*): built
 * from groups of controls over the runtime, the faults, the puller and the request log.
 */
import { seedBulkSources } from './bulk-sources';
import type { EmulatorControl, RequestLogEntry } from './control-api';
import { cliKeyViews, cliSessionViews, rawView } from './control-views';
import type { Faults } from './faults';
import { approve, findByUserCode } from './langwatch/device-codes';
import type { Puller } from './puller/puller';
import { PULLER_MODES, type Runtime } from './runtime';
import { openCredentials, safeEqual, sha256 } from './seal';
import { ADMIN_PERMISSIONS, SEED, SUPPORT_PERMISSIONS } from './seed';
import type { DeviceRecord } from './types';

/** What the control surface steers: built by `startEmulator`. */
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

/** Faults, the network, the puller, the request log and reset: the controls that are not state. */
function runControls(
  d: ControlDeps,
): Pick<EmulatorControl, 'faults' | 'setOffline' | 'pullNow' | 'requestLog' | 'clearRequestLog' | 'reset'> {
  return {
    faults: {
      add: (s) => d.faults.add(s),
      remove: (id) => d.faults.remove(id),
      clear: () => d.faults.clear(),
      list: () => d.faults.active(),
    },
    setOffline: d.setOffline,
    pullNow: (id) => d.puller.pullNow(id),
    requestLog: () => d.log.map((e) => ({ ...e })),
    clearRequestLog() {
      d.log.length = 0;
    },
    reset: d.reset,
  };
}

/** Approving, denying and expiring device codes (by user code) and CLI access tokens. */
function deviceControls(
  rt: Runtime,
): Pick<EmulatorControl, 'approveDevice' | 'denyDevice' | 'expireDeviceCode' | 'expireAccessTokens'> {
  const device = (userCode: string): DeviceRecord => {
    const rec = findByUserCode(rt, userCode);
    if (!rec) throw new Error(`Unknown user code ${userCode}`);
    return rec;
  };
  return {
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
  };
}

/** Stored state a test changes directly: sessions, sign-in, plans, permissions, activities, bulk sources. */
function stateControls(
  d: ControlDeps,
): Pick<
  EmulatorControl,
  | 'seedSources'
  | 'expireSessions'
  | 'setEmailPasswordEnabled'
  | 'addActivities'
  | 'setEnterprise'
  | 'setMemberPermissions'
  | 'addOrganization'
> {
  const { rt } = d;
  return {
    seedSources: (orgId, n) => seedBulkSources(rt, orgId, n),
    expireSessions() {
      for (const s of rt.store.sessions.values()) s.expiresAt = 0;
      rt.store.touch();
    },
    setEmailPasswordEnabled(enabled) {
      rt.store.emailPasswordEnabled = enabled;
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
    addOrganization({ id, name, slug, enterprise = true }) {
      if (rt.store.orgs.has(id)) throw new Error(`Org ${id} exists already`);
      const createdAt = rt.now();
      rt.store.orgs.set(id, {
        ...{ id, name, slug, createdAt, enterprise },
        teams: [{ id: `team_${id}`, name: 'Everyone', slug: 'everyone', isPersonal: false, createdAt }],
        members: [
          { userId: SEED.users.admin.id, role: 'ADMIN', permissions: [...ADMIN_PERMISSIONS] },
          { userId: SEED.users.support.id, role: 'MEMBER', permissions: [...SUPPORT_PERMISSIONS] },
        ],
      });
      rt.store.touch(id);
    },
    setMemberPermissions(orgId, userKey, permissions) {
      const member = rt.store.orgs.get(orgId)?.members.find((m) => m.userId === SEED.users[userKey].id);
      if (!member) throw new Error(`${userKey} is not a member of ${orgId}`);
      member.permissions = [...permissions];
      rt.store.touch(orgId);
    },
  };
}

/** The deployment's settings and modes: limits, puller, analytics store, public URL (not stored). */
function modeControls(
  rt: Runtime,
): Pick<
  EmulatorControl,
  | 'setSignInLimit'
  | 'setAnthropicRateLimit'
  | 'resetRateLimits'
  | 'setPullerMode'
  | 'setActivityMonitorUnavailable'
  | 'setPublicOrigin'
  | 'modes'
> {
  return {
    setSignInLimit(n) {
      rt.settings.signInLimit = n;
    },
    setAnthropicRateLimit(n) {
      rt.settings.anthropicLimit = n;
    },
    resetRateLimits() {
      rt.limiter.reset();
    },
    setPullerMode(mode) {
      if (!PULLER_MODES.includes(mode))
        throw new Error(`Unknown puller mode ${String(mode)} (use ${PULLER_MODES.join(' or ')})`);
      rt.modes.puller = mode;
    },
    setActivityMonitorUnavailable(unavailable, failAfterMs = 0) {
      if (!Number.isFinite(failAfterMs) || failAfterMs < 0 || failAfterMs > 600_000)
        throw new Error('failAfterMs must be a number of milliseconds from 0 to 600000');
      rt.modes.activityMonitorUnavailable = unavailable;
      rt.modes.activityMonitorFailAfterMs = unavailable ? failAfterMs : 0;
    },
    setPublicOrigin(origin) {
      rt.modes.publicOrigin = origin ? origin.replace(/\/+$/, '') : null;
    },
    modes: () => ({ ...rt.modes }),
  };
}

/** Reads of stored records a test checks that the API never returns (no secret values). */
function inspectControls(
  rt: Runtime,
): Pick<
  EmulatorControl,
  | 'sources'
  | 'credentialMatches'
  | 'credentialNames'
  | 'cliSessions'
  | 'cliKeys'
  | 'personalWorkspaces'
  | 'issuedSecrets'
  | 'mintedIngestSecrets'
> {
  const opened = (sourceId: string) => {
    const s = rt.store.sources.get(sourceId);
    return s ? openCredentials(rt.sealKey, s.parserConfig.credentials) : {};
  };
  return {
    sources: (orgId) => rt.store.orgSources(orgId).map((s) => rawView(rt, s)),
    credentialMatches(sourceId, value, name = 'token') {
      const open = opened(sourceId)[name];
      return typeof open === 'string' && safeEqual(sha256(open), sha256(value));
    },
    credentialNames: (sourceId) => Object.keys(opened(sourceId)).sort(),
    cliSessions: () => cliSessionViews(rt),
    cliKeys: () => cliKeyViews(rt),
    personalWorkspaces: () => rt.store.personalWorkspaces.map((w) => ({ ...w })),
    issuedSecrets: () => [...rt.store.issuedSecrets],
    mintedIngestSecrets: () => [...rt.store.mintedIngestSecrets],
  };
}

/** The control API returned by `startEmulator`. */
export function createControl(d: ControlDeps): EmulatorControl {
  return {
    ...runControls(d),
    ...deviceControls(d.rt),
    ...stateControls(d),
    ...modeControls(d.rt),
    ...inspectControls(d.rt),
  };
}
