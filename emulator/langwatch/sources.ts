/**
 * The `ingestionSources` procedures, faithful to LangWatch's router and IngestionSourceService:
 * permission (org scope, plus team scope for a `teamId`), cron via croner, the plan cap,
 * pullConfig merged under parserConfig (parserConfig wins; the worker reads the merged object),
 * the pull destination rule, sealing of any `credentials`, the stored-envelope refusal on update, the hidden-key carry
 * over, the unique (organizationId, name) index surfacing as a 500, re-archive re-stamping.
 */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { randomToken, SEALED_PREFIX, sealCredentials, sha256 } from '../seal';
import type { Runtime } from '../runtime';
import { SOURCE_STATUSES, SOURCE_TYPES, type SourceRecord, type UserRecord } from '../types';
import { cronComplaint } from '../puller/cron';
import { assertPullDestinationAllowed } from './pull-destination';
import type { SourceDto } from './source-dto';
import { cacheableOutputs, handled, HandledError, permissionDenied, requirePermission, validationError } from './trpc';

export const NON_ENTERPRISE_CAP = 3;
const jsonObject = z.record(z.string(), z.unknown());

// LangWatch's router inputs: ids are plain strings (an empty id reaches the service: 404).
export const listInput = z.object({ organizationId: z.string() });
export const getInput = z.object({ organizationId: z.string(), id: z.string() });
export const createInput = z.object({
  organizationId: z.string(),
  teamId: z.string().nullable().optional(),
  sourceType: z.enum(SOURCE_TYPES),
  name: z.string().min(1).max(128),
  description: z.string().nullable().optional(),
  parserConfig: jsonObject.optional(),
  pullConfig: jsonObject.nullable().optional(),
  pullSchedule: z.string().min(1).max(64).nullable().optional(),
});
export const updateInput = z.object({
  organizationId: z.string(),
  id: z.string(),
  name: z.string().min(1).max(128).optional(),
  description: z.string().nullable().optional(),
  parserConfig: jsonObject.optional(),
  status: z.enum(SOURCE_STATUSES).optional(),
  teamId: z.string().nullable().optional(),
  pullSchedule: z.string().min(1).max(64).nullable().optional(),
});

export function publicParserConfig(cfg: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(cfg)) if (k !== 'credentials' && !k.startsWith('_')) out[k] = v;
  return out;
}

export function toDto(s: SourceRecord): SourceDto {
  return {
    id: s.id,
    organizationId: s.organizationId,
    teamId: s.teamId,
    sourceType: s.sourceType,
    name: s.name,
    description: s.description,
    parserConfig: publicParserConfig(s.parserConfig),
    status: s.status,
    lastEventAt: s.lastEventAt === null ? null : new Date(s.lastEventAt),
    archivedAt: s.archivedAt === null ? null : new Date(s.archivedAt),
    createdAt: new Date(s.createdAt),
    updatedAt: new Date(s.updatedAt),
    createdById: s.createdById,
  };
}

/** Seals `credentials` in a config about to be stored. */
function sealed(rt: Runtime, cfg: Record<string, unknown>): Record<string, unknown> {
  return 'credentials' in cfg ? { ...cfg, credentials: sealCredentials(rt.sealKey, cfg.credentials) } : { ...cfg };
}

/** `assertPullSchedule`: a 422 `validation_error` with the complaint in `meta.formErrors`. */
function checkCron(rt: Runtime, schedule: string | null | undefined): void {
  if (schedule === null || schedule === undefined) return;
  const complaint = cronComplaint(schedule, rt.now());
  if (complaint) throw validationError(complaint, { formErrors: [complaint] });
}

/**
 * A team outside the organisation (or gone): LangWatch's scope lineage guard
 * (app-layer/authz/scope-lineage-guard.ts) runs ahead of every permission check and refuses ids
 * that do not resolve to one organisation, as a permission denial at the widest tier the input
 * names (the organisation), `no-membership`, for the declared permission. Not a validation error.
 */
function checkTeam(rt: Runtime, organizationId: string, teamId: string | null | undefined, permission: string): void {
  if (teamId && !rt.store.orgs.get(organizationId)?.teams.some((t) => t.id === teamId)) {
    throw permissionDenied(permission, { type: 'organization', id: organizationId }, 'no-membership');
  }
}

/** The unique (organizationId, name) index, archived rows included: a Prisma error nobody maps, so a 500. */
function checkUniqueName(rt: Runtime, organizationId: string, name: string, exceptId?: string): void {
  if (rt.store.orgSources(organizationId).some((s) => s.name === name && s.id !== exceptId)) {
    throw new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Unique constraint failed on the fields: (`organizationId`,`name`)',
      cause: new Error('P2002'),
    });
  }
}

function findSource(rt: Runtime, organizationId: string, id: string): SourceRecord {
  const s = rt.store.sources.get(id);
  if (!s || s.organizationId !== organizationId) {
    throw handled(new HandledError('ingestion_source_not_found', `Ingestion source not found: ${id}`, 404, { id }));
  }
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

/** A fresh ingest secret (LangWatch keeps only its hash; the clear value stays in memory for leak checks). */
function newSecret(rt: Runtime): { secret: string; hash: string } {
  const secret = randomToken('lw_is_', 32);
  rt.store.issuedSecrets.push(secret);
  rt.store.mintedIngestSecrets.push(secret);
  return { secret, hash: sha256(secret) };
}

export function createSource(
  rt: Runtime,
  user: UserRecord,
  input: z.infer<typeof createInput>,
): { source: SourceDto; ingestSecret: string } {
  const org = requirePermission(rt, user, input.organizationId, 'ingestionSources:manage');
  checkTeam(rt, org.id, input.teamId, 'ingestionSources:manage');
  checkCron(rt, input.pullSchedule);
  if (!org.enterprise) {
    const live = rt.store.orgSources(org.id).filter((s) => s.archivedAt === null).length;
    if (live >= NON_ENTERPRISE_CAP) {
      throw handled(
        new HandledError(
          'ingestion_source_cap_reached',
          `Non-enterprise plans are limited to ${NON_ENTERPRISE_CAP} ingestion sources.`,
          403,
          { max: NON_ENTERPRISE_CAP },
        ),
      );
    }
  }
  // LangWatch has no pullConfig column: it stores pullConfig with parserConfig over it.
  const requested = { ...(input.pullConfig ?? {}), ...(input.parserConfig ?? {}) };
  assertPullDestinationAllowed(requested);
  const parserConfig = sealed(rt, requested);
  checkUniqueName(rt, org.id, input.name);
  const now = rt.now();
  const { secret, hash } = newSecret(rt);
  const src: SourceRecord = {
    id: randomToken('src_', 12),
    organizationId: org.id,
    teamId: input.teamId ?? null,
    sourceType: input.sourceType,
    name: input.name,
    description: input.description ?? null,
    parserConfig,
    pullConfig: null,
    pullSchedule: input.pullSchedule ?? null,
    status: 'awaiting_first_event',
    lastEventAt: null,
    archivedAt: null,
    createdAt: now,
    updatedAt: now,
    createdById: user.id,
    errorCount: 0,
    ingestSecretHash: hash,
    previousSecret: null,
    pollerCursor: null,
    lastOverlapAt: null,
    lastSuccessAt: null,
  };
  rt.store.insertSource(src);
  return { source: toDto(src), ingestSecret: secret };
}

/** The stored form coming back from a client: refused (only the top-level `credentials` value is looked at). */
const STORED_FORM =
  'Credentials cannot be submitted in their stored form. Re-enter the secret to change this source, or omit it to keep the current one.';

export function updateSource(rt: Runtime, user: UserRecord, input: z.infer<typeof updateInput>): SourceDto {
  requirePermission(rt, user, input.organizationId, 'ingestionSources:manage');
  checkTeam(rt, input.organizationId, input.teamId, 'ingestionSources:manage');
  const src = findSource(rt, input.organizationId, input.id);
  checkCron(rt, input.pullSchedule);
  let parserConfig: Record<string, unknown> | undefined;
  if (input.parserConfig !== undefined) {
    const incoming = { ...input.parserConfig };
    if (typeof incoming.credentials === 'string' && incoming.credentials.startsWith(SEALED_PREFIX))
      throw validationError(STORED_FORM);
    // Absent means unchanged for every key a client is never shown (the secret and `_*`).
    for (const [k, v] of Object.entries(src.parserConfig)) {
      if ((k === 'credentials' || k.startsWith('_')) && incoming[k] === undefined) incoming[k] = v;
    }
    assertPullDestinationAllowed(incoming);
    parserConfig = sealed(rt, incoming);
  }
  if (input.name !== undefined) checkUniqueName(rt, src.organizationId, input.name, src.id);
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

export function rotateSecret(
  rt: Runtime,
  user: UserRecord,
  input: z.infer<typeof getInput>,
): { source: SourceDto; ingestSecret: string } {
  requirePermission(rt, user, input.organizationId, 'ingestionSources:manage');
  const src = findSource(rt, input.organizationId, input.id);
  const { secret, hash } = newSecret(rt);
  src.previousSecret = { hash: src.ingestSecretHash, validUntil: rt.now() + 24 * 3_600_000 };
  src.ingestSecretHash = hash;
  src.updatedAt = rt.now();
  rt.store.touch(src.organizationId);
  return { source: toDto(src), ingestSecret: secret };
}

/** Archives; archiving again re-stamps `archivedAt` (the service updates unconditionally). */
export function archiveSource(rt: Runtime, user: UserRecord, input: z.infer<typeof getInput>): SourceDto {
  requirePermission(rt, user, input.organizationId, 'ingestionSources:manage');
  const src = findSource(rt, input.organizationId, input.id);
  src.archivedAt = rt.now();
  src.status = 'disabled';
  src.updatedAt = src.archivedAt;
  rt.store.touch(src.organizationId);
  return toDto(src);
}
