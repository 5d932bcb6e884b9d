/**
 * What the console sends LangWatch to create a source of a type: the `parserConfig` and, for
 * the types whose puller reads a `pullConfig`, that too. Pure: main calls it with the secret
 * unit it read from the keychain for this one request; nothing here keeps it.
 *
 * Non-secret fields go to `parserConfig[name]`; secret fields to `credentials[name]`, inside
 * `parserConfig` (the subtree LangWatch encrypts), as the console has always sent the
 * compliance key.
 */
import type { SourceType } from './langwatch';
import { catalogEntry } from './source-catalog';

export interface SourceRequestParts {
  parserConfig: Record<string, unknown>;
  /** Only for the types whose adapter reads one; omitted otherwise. */
  pullConfig?: Record<string, unknown>;
}

/** The parts of a create (or a full update) request for one type. */
export function buildSourceRequest(
  type: SourceType,
  values: Readonly<Record<string, string>>,
  secrets: Readonly<Record<string, string>> | null,
): SourceRequestParts {
  const parserConfig: Record<string, unknown> = {};
  const credentials: Record<string, string> = {};
  for (const f of catalogEntry(type).fields) {
    const value = f.secret ? secrets?.[f.key] : values[f.key];
    if (value === undefined || value === '') continue;
    if (f.sendAs.in === 'credential') credentials[f.sendAs.name] = value;
    else parserConfig[f.sendAs.name] = f.kind === 'list' ? splitList(value) : value;
  }
  if (Object.keys(credentials).length > 0) parserConfig.credentials = credentials;
  return { parserConfig };
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
