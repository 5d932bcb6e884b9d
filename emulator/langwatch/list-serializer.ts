/**
 * A linear-time superjson serialisation of Source DTO arrays (superjson's generic walker takes ~100 ms
 * for 5,000 sources). Output is identical to `superjson.serialize` (a contract test compares them);
 * anything beyond plain JSON inside `parserConfig` falls back to superjson itself.
 */
import superjson from 'superjson';
import type { SourceDto } from './source-dto';

type Serialized = ReturnType<typeof superjson.serialize>;

function isPlainJson(v: unknown, depth = 0): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (depth > 32 || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.every((x) => isPlainJson(x, depth + 1));
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const x of Object.values(v as Record<string, unknown>)) if (!isPlainJson(x, depth + 1)) return false;
  return true;
}

/** Serialises a list of Source DTOs exactly as superjson would. */
export function serializeSourceList(list: readonly SourceDto[]): Serialized {
  const json: unknown[] = new Array(list.length);
  const values: Record<string, ['Date']> = {};
  const seen = new Set<object>();
  for (let i = 0; i < list.length; i++) {
    const s = list[i]!;
    // Shared references would need superjson's referentialEqualities: leave those to superjson.
    if (seen.has(s.parserConfig) || !isPlainJson(s.parserConfig)) return superjson.serialize(list);
    seen.add(s.parserConfig);
    if (s.lastEventAt) values[`${i}.lastEventAt`] = ['Date'];
    if (s.archivedAt) values[`${i}.archivedAt`] = ['Date'];
    values[`${i}.createdAt`] = ['Date'];
    values[`${i}.updatedAt`] = ['Date'];
    json[i] = wireRow(s);
  }
  return list.length ? ({ json, meta: { values, v: 1 } } as unknown as Serialized) : ({ json } as Serialized);
}

/**
 * The complete tRPC success body (`{"result":{"data":…}}`) for a Source list, built as text in one pass
 * (no 12,500-key meta object); null when the list needs superjson itself. Same bytes as
 * `JSON.stringify({ result: { data: serializeSourceList(list) } })`.
 */
export function sourceListBody(list: readonly SourceDto[]): string | null {
  if (!list.length) return '{"result":{"data":{"json":[]}}}';
  const items: string[] = new Array(list.length);
  const meta: string[] = [];
  const seen = new Set<object>();
  for (let i = 0; i < list.length; i++) {
    const s = list[i]!;
    if (seen.has(s.parserConfig) || !isPlainJson(s.parserConfig)) return null;
    seen.add(s.parserConfig);
    if (s.lastEventAt) meta.push(`"${i}.lastEventAt":["Date"]`);
    if (s.archivedAt) meta.push(`"${i}.archivedAt":["Date"]`);
    meta.push(`"${i}.createdAt":["Date"]`, `"${i}.updatedAt":["Date"]`);
    items[i] = JSON.stringify(wireRow(s));
  }
  return `{"result":{"data":{"json":[${items.join(',')}],"meta":{"values":{${meta.join(',')}},"v":1}}}}`;
}

/** One source as it goes on the wire (dates as ISO strings, in the field order superjson writes). */
function wireRow(s: SourceDto) {
  return {
    id: s.id,
    organizationId: s.organizationId,
    teamId: s.teamId,
    sourceType: s.sourceType,
    name: s.name,
    description: s.description,
    parserConfig: s.parserConfig,
    status: s.status,
    lastEventAt: s.lastEventAt ? s.lastEventAt.toISOString() : null,
    archivedAt: s.archivedAt ? s.archivedAt.toISOString() : null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    createdById: s.createdById,
  };
}
