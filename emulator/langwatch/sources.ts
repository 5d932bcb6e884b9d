/** The `ingestionSources` service: validation, sealing, the org cap, update semantics, DTOs. */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { randomToken, seal, SEALED_PREFIX, sha256 } from '../seal';
import type { Runtime } from '../runtime';
import { SOURCE_STATUSES, SOURCE_TYPES, type SourceRecord, type UserRecord } from '../types';
import { parseCron } from '../puller/cron';
import { cacheableOutputs, handled, requirePermission, unprocessable } from './trpc';

export const NON_ENTERPRISE_CAP = 3;
const orgId = z.string().min(1);
const jsonObject = z.record(z.string(), z.unknown());

export const listInput = z.object({ organizationId: orgId });
export const getInput = z.object({ organizationId: orgId, id: z.string().min(1) });
export const createInput = z.object({
  organizationId: orgId,
  teamId: z.string().min(1).nullable().optional(),
  sourceType: z.enum(SOURCE_TYPES),
  name: z.string().min(1).max(128),
  description: z.string().nullable().optional(),
  parserConfig: jsonObject.optional(),
  pullConfig: jsonObject.nullable().optional(),
  pullSchedule: z.string().min(1).max(64).nullable().optional(),
});
export const updateInput = z.object({
  organizationId: orgId,
  id: z.string().min(1),
  name: z.string().min(1).max(128).optional(),
  description: z.string().nullable().optional(),
  parserConfig: jsonObject.optional(),
  status: z.enum(SOURCE_STATUSES).optional(),
  teamId: z.string().min(1).nullable().optional(),
  pullSchedule: z.string().min(1).max(64).nullable().optional(),
});

/** The Source DTO (never pullSchedule, errorCount, cursor, secret hash, credentials or `_*` keys). */
export interface SourceDto {
  id: string; organizationId: string; teamId: string | null; sourceType: string; name: string; description: string | null;
  parserConfig: Record<string, unknown>; status: string; lastEventAt: Date | null; archivedAt: Date | null;
  createdAt: Date; updatedAt: Date; createdById: string | null;
}

export function publicParserConfig(cfg: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(cfg)) if (k !== 'credentials' && !k.startsWith('_')) out[k] = v;
  return out;
}

export function toDto(s: SourceRecord): SourceDto {
  return {
    id: s.id, organizationId: s.organizationId, teamId: s.teamId, sourceType: s.sourceType, name: s.name,
    description: s.description, parserConfig: publicParserConfig(s.parserConfig), status: s.status,
    lastEventAt: s.lastEventAt === null ? null : new Date(s.lastEventAt),
    archivedAt: s.archivedAt === null ? null : new Date(s.archivedAt),
    createdAt: new Date(s.createdAt), updatedAt: new Date(s.updatedAt), createdById: s.createdById,
  };
}

function containsSealed(v: unknown): boolean {
  if (typeof v === 'string') return v.startsWith(SEALED_PREFIX);
  if (v && typeof v === 'object') return Object.values(v).some(containsSealed);
  return false;
}

/** Validates and seals `parserConfig.credentials`; returns the config to store (credentials sealed). */
function sealCredentials(rt: Runtime, cfg: Record<string, unknown>): Record<string, unknown> {
  if (!('credentials' in cfg)) return { ...cfg };
  const creds = cfg.credentials;
  if (containsSealed(creds)) throw unprocessable('credentials must not contain a sealed (enc:v1:) value');
  if (!creds || typeof creds !== 'object' || typeof (creds as { token?: unknown }).token !== 'string' || !(creds as { token: string }).token) {
    throw unprocessable('credentials must be { token: string }');
  }
  return { ...cfg, credentials: { token: seal(rt.sealKey, (creds as { token: string }).token) } };
}

function checkCron(schedule: string | null | undefined): void {
  if (schedule && !parseCron(schedule)) throw unprocessable(`Invalid cron expression: ${schedule}`);
}

function checkTeam(rt: Runtime, organizationId: string, teamId: string | null | undefined): void {
  if (teamId && !rt.store.orgs.get(organizationId)?.teams.some((t) => t.id === teamId)) throw unprocessable('teamId does not belong to this organization');
}

/** Duplicate names have no error mapping upstream: a unique-constraint failure, surfaced as a 500. */
function checkUniqueName(rt: Runtime, organizationId: string, name: string, exceptId?: string): void {
  if (rt.store.orgSources(organizationId).some((s) => s.name === name && s.id !== exceptId)) {
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Unique constraint failed on the fields: (`organizationId`,`name`)' });
  }
}

function findSource(rt: Runtime, organizationId: string, id: string): SourceRecord {
  const s = rt.store.sources.get(id);
  if (!s || s.organizationId !== organizationId) throw handled('NOT_FOUND', 'ingestion_source_not_found', 'not_found', { id });
  return s;
}

export function listSources(rt: Runtime, user: UserRecord, input: z.infer<typeof listInput>): SourceDto[] {
  requirePermission(rt, user, input.organizationId, 'ingestionSources:view');
  const cached = rt.store.listCache.get(input.organizationId) as SourceDto[] | undefined;
  if (cached) return cached;
  const list: SourceDto[] = [];
  for (const s of rt.store.orgSources(input.organizationId)) if (s.archivedAt === null) list.push(toDto(s));
  cacheableOutputs.add(list);
  rt.store.listCache.set(input.organizationId, list);
  return list;
}

export function getSource(rt: Runtime, user: UserRecord, input: z.infer<typeof getInput>): SourceDto {
  requirePermission(rt, user, input.organizationId, 'ingestionSources:view');
  return toDto(findSource(rt, input.organizationId, input.id));
}

function newSecret(): { secret: string; hash: string } {
  const secret = randomToken('lw_is_', 24);
  return { secret, hash: sha256(secret) };
}

export function createSource(rt: Runtime, user: UserRecord, input: z.infer<typeof createInput>): { source: SourceDto; ingestSecret: string } {
  const org = requirePermission(rt, user, input.organizationId, 'ingestionSources:manage');
  checkCron(input.pullSchedule);
  checkTeam(rt, org.id, input.teamId);
  const parserConfig = sealCredentials(rt, input.parserConfig ?? {});
  if (!org.enterprise) {
    const live = rt.store.orgSources(org.id).filter((s) => s.archivedAt === null).length;
    if (live >= NON_ENTERPRISE_CAP) throw handled('FORBIDDEN', 'ingestion_source_cap_reached', 'plan_limit', { max: NON_ENTERPRISE_CAP });
  }
  checkUniqueName(rt, org.id, input.name);
  const now = rt.now();
  const { secret, hash } = newSecret();
  const src: SourceRecord = {
    id: randomToken('src_', 12), organizationId: org.id, teamId: input.teamId ?? null, sourceType: input.sourceType,
    name: input.name, description: input.description ?? null, parserConfig, pullConfig: input.pullConfig ?? null,
    pullSchedule: input.pullSchedule ?? null, status: 'awaiting_first_event', lastEventAt: null, archivedAt: null,
    createdAt: now, updatedAt: now, createdById: user.id, errorCount: 0, ingestSecretHash: hash, previousSecret: null,
    pollerCursor: null, lastOverlapAt: null, lastSuccessAt: null,
  };
  rt.store.insertSource(src);
  return { source: toDto(src), ingestSecret: secret };
}

export function updateSource(rt: Runtime, user: UserRecord, input: z.infer<typeof updateInput>): SourceDto {
  requirePermission(rt, user, input.organizationId, 'ingestionSources:manage');
  const src = findSource(rt, input.organizationId, input.id);
  checkCron(input.pullSchedule);
  checkTeam(rt, src.organizationId, input.teamId);
  let parserConfig: Record<string, unknown> | undefined;
  if (input.parserConfig !== undefined) {
    parserConfig = sealCredentials(rt, input.parserConfig);
    // Full replace, except the secret and hidden keys, which are kept when omitted.
    for (const [k, v] of Object.entries(src.parserConfig)) {
      if ((k === 'credentials' || k.startsWith('_')) && !(k in input.parserConfig)) parserConfig[k] = v;
    }
  }
  if (input.name !== undefined && input.name !== src.name) checkUniqueName(rt, src.organizationId, input.name, src.id);
  if (parserConfig) src.parserConfig = parserConfig;
  if (input.description !== undefined) src.description = input.description;
  if (input.status !== undefined) src.status = input.status;
  if (input.teamId !== undefined) src.teamId = input.teamId;
  if (input.pullSchedule !== undefined) src.pullSchedule = input.pullSchedule;
  src.updatedAt = rt.now();
  if (input.name !== undefined && input.name !== src.name) rt.store.renameSource(src, input.name);
  else rt.store.touch(src.organizationId);
  return toDto(src);
}

export function rotateSecret(rt: Runtime, user: UserRecord, input: z.infer<typeof getInput>): { source: SourceDto; ingestSecret: string } {
  requirePermission(rt, user, input.organizationId, 'ingestionSources:manage');
  const src = findSource(rt, input.organizationId, input.id);
  const { secret, hash } = newSecret();
  src.previousSecret = { hash: src.ingestSecretHash, validUntil: rt.now() + 24 * 3_600_000 };
  src.ingestSecretHash = hash;
  src.updatedAt = rt.now();
  rt.store.touch(src.organizationId);
  return { source: toDto(src), ingestSecret: secret };
}

export function archiveSource(rt: Runtime, user: UserRecord, input: z.infer<typeof getInput>): SourceDto {
  requirePermission(rt, user, input.organizationId, 'ingestionSources:manage');
  const src = findSource(rt, input.organizationId, input.id);
  if (src.archivedAt === null) {
    src.archivedAt = rt.now();
    src.status = 'disabled';
    src.updatedAt = src.archivedAt;
    rt.store.touch(src.organizationId);
  }
  return toDto(src);
}
