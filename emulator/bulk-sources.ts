/** Bulk sources for benchmarks: `n` deterministic sources of every type and status, past the cap. */
import type { Runtime } from './runtime';
import { sha256 } from './seal';
import { SOURCE_STATUSES, SOURCE_TYPES, type SourceRecord } from './types';

/** Inserts `n` sources into an organisation (numbered after the ones it has); returns their ids. */
export function seedBulkSources(rt: Runtime, orgId: string, n: number): string[] {
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
}
