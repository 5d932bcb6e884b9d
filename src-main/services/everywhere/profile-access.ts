/**
 * What one signed-in deployment profile can see: its clients (the cookie API, or the CLI of a
 * read-only device session), its organisations and the person's permissions in each. Kept per
 * profile between ticks (the API keeps unchanged sources' objects, which the rows reuse) and
 * dropped whenever that profile's session changes.
 */
import type { Permissions, Profile, SessionState } from '../../../src-shared/domain/langwatch';
import type { LangwatchApi } from '../langwatch/api';
import type { CliRest } from '../langwatch/cli-rest';
import { apiSourcesReader, cliSourcesReader, type SourcesReader } from '../langwatch/sources-reader';
import type { SessionManager } from '../session/session-manager';
import type { DeploymentLimiter } from './deployment-limiter';

/** One organisation of a profile with what the person may do there. */
export interface OrgAccess {
  id: string;
  name: string;
  permissions: Permissions;
}

/** Device sessions read through the CLI REST: one organisation, read-only, no list health. */
const DEVICE_PERMISSIONS: Permissions = {
  canView: true,
  canManage: false,
  canViewHealth: false,
  raw: ['ingestionSources:view'],
};

/** What the Everywhere service keeps of one profile between ticks. */
export interface ProfileAccess {
  profile: Profile;
  session: SessionState;
  api: LangwatchApi | null;
  /**
   * One API per organisation for its list and health: each API remembers its last answer, so an
   * unchanged source keeps its object from tick to tick only when one API reads one list.
   */
  apis: Map<string, LangwatchApi>;
  orgs: OrgAccess[] | null;
  orgsAt: number;
  reader(organizationId: string): Promise<SourcesReader>;
}

export type AccessSessions = Pick<SessionManager, 'api' | 'cli'>;

/** The access of a profile under `session` (no request yet). */
export function profileAccess(sessions: AccessSessions, profile: Profile, session: SessionState): ProfileAccess {
  // The CLI client of a device session, made once per access as the cookie APIs are (making it
  // reads the profiles file): the access is made anew whenever the session changes.
  let cli: CliRest | null = null;
  const access: ProfileAccess = {
    profile,
    session,
    api: null,
    apis: new Map(),
    orgs: null,
    orgsAt: 0,
    async reader(organizationId) {
      if (session.kind === 'device') return cliSourcesReader((cli ??= await sessions.cli(profile.id)));
      let api = access.apis.get(organizationId);
      if (!api) access.apis.set(organizationId, (api = await sessions.api(profile.id)));
      return apiSourcesReader(api, organizationId);
    },
  };
  return access;
}

/**
 * The organisations of a profile and the permissions in each, read again once `ttlMs` has
 * passed (or never read): one request for the list, one per organisation for permissions,
 * all through the deployment's bound.
 */
export async function organizationsOf(
  access: ProfileAccess,
  sessions: AccessSessions,
  limiter: DeploymentLimiter,
  now: number,
  ttlMs: number,
): Promise<OrgAccess[]> {
  if (access.orgs && now - access.orgsAt < ttlMs) return access.orgs;
  const { session, profile } = access;
  if (session.kind === 'device') {
    access.orgs = [{ id: session.organization.id, name: session.organization.name, permissions: DEVICE_PERMISSIONS }];
  } else {
    access.api ??= await sessions.api(profile.id);
    const api = access.api;
    const orgs = await limiter.run(profile.id, () => api.organizations());
    access.orgs = await Promise.all(
      orgs.map(async (o) => ({
        id: o.id,
        name: o.name,
        permissions: await limiter.run(profile.id, () => api.effectivePermissions(o.id)),
      })),
    );
  }
  access.orgsAt = now;
  return access.orgs;
}

/** Who reads a profile, as the place rows say it ("ada@acme.test"), or null when nobody does. */
export function personOf(session: SessionState): string | null {
  const s = session.kind === 'expired' ? session.previous : session;
  if (s.kind !== 'signed_in' && s.kind !== 'device') return null;
  return s.user.email ?? s.user.name ?? (s.user.id || null);
}
