/**
 * What an update of an existing source sends over its stored parserConfig. LangWatch's update
 * takes no pullConfig and stores the parserConfig it is sent, so a change is written in the form
 * the puller reads (the form `buildSourceRequest` put it in at create): a changed field under its
 * stored name, typed as the adapter wants it (a list split, a report lower-cased, a start date
 * made an instant), the http_custom header and the mapping DSLs rebuilt from the stored values
 * with the change over them, and a re-key as the whole `credentials` object (LangWatch replaces
 * it whole). Fields that were not changed are not touched.
 */
import type { SourceType } from './langwatch';
import { catalogEntry } from './source-catalog';
import { PULL_CONFIG_OWNED_FIELDS, splitList } from './source-pull-config';
import { normalizeStartingAt, parseMappingDsl } from './source-rules';

type Values = Readonly<Record<string, string>>;

/** The keys to write over the stored parserConfig for `changed` plain values of a type. */
export function changedConfig(
  type: SourceType,
  changed: Values,
  stored: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const owned = new Set(PULL_CONFIG_OWNED_FIELDS[type] ?? []);
  for (const f of catalogEntry(type).fields) {
    const value = changed[f.key]?.trim();
    if (f.secret || value === undefined || value === '') continue;
    out[f.sendAs.name] = f.kind === 'list' ? splitList(value) : owned.has(f.key) ? ownedForm(f.key, value) : value;
  }
  const merged = (key: string): string | undefined => changed[key]?.trim() || stringOf(stored[key]);
  if (type === 'http_custom' && (changed.authHeaderName || changed.authHeaderValue))
    out.headers = { [merged('authHeaderName') ?? 'Authorization']: merged('authHeaderValue') };
  if (type === 'http_custom' && changed.eventMappingDsl) out.eventMapping = parseMappingDsl(changed.eventMappingDsl);
  if (type === 's3_custom' && changed.parserDsl) out.eventMapping = parseMappingDsl(changed.parserDsl);
  return out;
}

/** A re-key's secret unit as the `credentials` object the puller reads (by each field's stored name). */
export function credentialsOf(type: SourceType, unit: Values): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of catalogEntry(type).fields) {
    const value = unit[f.key]?.trim();
    if (f.secret && value) out[f.sendAs.name] = value;
  }
  return out;
}

function ownedForm(key: string, value: string): unknown {
  if (key === 'report') return value.toLowerCase();
  if (key === 'startingAt') return normalizeStartingAt(value) ?? value;
  if (key === 'workspaceUrl') return value.replace(/\/+$/, '');
  return value;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
