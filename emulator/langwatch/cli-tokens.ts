/**
 * CLI tokens and what a device sign-in provisions (LangWatch auth-cli.ts): access tokens of
 * 1 h and refresh tokens of 90 days, each its own record (revoking one leaves the other);
 * the personal workspace (team + project) and the user-scoped CLI API key of the session.
 */
import { randomToken, sha256 } from '../seal';
import type { Runtime } from '../runtime';
import type { ClientInfo, CliKeyRecord, CliTokenRecord, PersonalWorkspaceRecord } from '../types';

export const ACCESS_TTL_MS = 3_600_000;
export const REFRESH_TTL_MS = 90 * 24 * 3_600_000;

/** LangWatch's bearer grammar: anything else is not even looked up. */
const BEARER_RE = /^Bearer\s+(lw_at_[A-Za-z0-9_-]+)$/;

/** The raw access token of an Authorization header, or null. */
export function bearerAccessToken(header: string | undefined): string | null {
  return header ? (BEARER_RE.exec(header.trim())?.[1] ?? null) : null;
}

/** The live access-token record of an Authorization header, or null (missing, malformed, unknown, expired). */
export function validAccessToken(rt: Runtime, header: string | undefined): CliTokenRecord | null {
  const token = bearerAccessToken(header);
  const rec = token ? rt.store.cliTokens.get(sha256(token)) : undefined;
  if (!rec || rec.kind !== 'access') return null;
  if (rt.now() > rec.expiresAt) {
    rt.store.cliTokens.delete(rec.hash);
    rt.store.touch();
    return null;
  }
  return rec;
}

/** Whether the user is (still) a member of the organisation. */
export function isMember(rt: Runtime, userId: string, organizationId: string): boolean {
  return !!rt.store.orgs.get(organizationId)?.members.some((m) => m.userId === userId);
}

/** Mints an access/refresh pair carrying the session's client info and CLI key id. */
export function issueTokens(
  rt: Runtime,
  base: { userId: string; organizationId: string; clientInfo?: ClientInfo; cliKeyId?: string },
): { access: string; refresh: string } {
  const access = randomToken('lw_at_', 32);
  const refresh = randomToken('lw_rt_', 32);
  const now = rt.now();
  for (const [kind, token, ttl] of [
    ['access', access, ACCESS_TTL_MS],
    ['refresh', refresh, REFRESH_TTL_MS],
  ] as const) {
    const rec: CliTokenRecord = {
      hash: sha256(token),
      kind,
      userId: base.userId,
      organizationId: base.organizationId,
      issuedAt: now,
      expiresAt: now + ttl,
    };
    if (base.clientInfo) rec.clientInfo = base.clientInfo;
    if (base.cliKeyId) rec.cliKeyId = base.cliKeyId;
    rt.store.cliTokens.set(rec.hash, rec);
  }
  rt.store.touch();
  return { access, refresh };
}

/** `PersonalWorkspaceService.ensure`: one personal team + project per user and organisation (idempotent). */
export function ensurePersonalWorkspace(rt: Runtime, userId: string, organizationId: string): PersonalWorkspaceRecord {
  const found = rt.store.personalWorkspaces.find((w) => w.userId === userId && w.organizationId === organizationId);
  if (found) return found;
  const w: PersonalWorkspaceRecord = {
    userId,
    organizationId,
    teamId: randomToken('team_personal_', 8),
    projectId: randomToken('project_personal_', 8),
    projectSlug: `personal-${userId.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`,
    createdAt: rt.now(),
  };
  rt.store.personalWorkspaces.push(w);
  rt.store.touch();
  return w;
}

/** LangWatch's `sanitizeDeviceLabel`: lower-case, [a-z0-9-], at most 24 characters; null when nothing is left. */
export function sanitizeDeviceLabel(raw: string | undefined): string | null {
  if (!raw) return null;
  const cleaned = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, 24)
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return cleaned.length > 0 ? cleaned : null;
}

/** Mints the session's CLI key; a re-login from the same device label revokes the previous one. */
export function mintCliKey(
  rt: Runtime,
  userId: string,
  organizationId: string,
  clientInfo: ClientInfo | undefined,
): { key: CliKeyRecord; token: string } {
  const deviceLabel = sanitizeDeviceLabel(clientInfo?.device_label ?? clientInfo?.hostname) ?? 'unknown-device';
  const now = rt.now();
  for (const k of rt.store.cliKeys) {
    if (
      k.userId === userId &&
      k.organizationId === organizationId &&
      k.deviceLabel === deviceLabel &&
      k.revokedAt === null
    )
      k.revokedAt = now;
  }
  const token = randomToken('sk-lw-', 32);
  const key: CliKeyRecord = {
    id: randomToken('apikey_', 10),
    userId,
    organizationId,
    deviceLabel,
    tokenHash: sha256(token),
    createdAt: now,
    revokedAt: null,
  };
  rt.store.cliKeys.push(key);
  rt.store.touch();
  return { key, token };
}

/** Revokes CLI keys by id (idempotent). */
export function revokeCliKeys(rt: Runtime, ids: Iterable<string>): void {
  const wanted = new Set(ids);
  for (const k of rt.store.cliKeys) if (wanted.has(k.id) && k.revokedAt === null) k.revokedAt = rt.now();
  rt.store.touch();
}
