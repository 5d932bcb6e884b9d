/**
 * What the console sends LangWatch to create a source of a type: the `parserConfig`, the
 * `pullConfig` its adapter reads and the `pullSchedule`, as LangWatch's composer sends them
 * (`buildCreateInput` in `dashboard/pages/ingestion-sources.tsx`) except where its pullers need
 * more (see the catalog's departures). Pure: main calls it with the secret unit it read from
 * the keychain for this one request; nothing here keeps it.
 *
 * Where things go:
 * - plain fields → `parserConfig[name]`, except those the adapter owns in a typed form;
 * - secrets → `pullConfig.credentials[name]` for pull types (LangWatch merges pullConfig into
 *   parserConfig and seals `credentials`; the worker reads the merged object). Push types have
 *   no secret field.
 * An update takes no pullConfig: send {@link storedConfig} of the parts as its parserConfig.
 */
import { AppError } from '../errors';
import type { SourceType } from './langwatch';
import { catalogEntry } from './source-catalog';
import { buildPullConfig, PULL_CONFIG_OWNED_FIELDS, splitList } from './source-pull-config';
import { nonEmpty } from './source-draft';
import { sourceRuleIssues } from './source-rules';

export interface SourceRequestParts {
  parserConfig: Record<string, unknown>;
  /** Only for the types whose adapter reads one (pull and S3 types); omitted for push types. */
  pullConfig?: Record<string, unknown>;
  /** The schedule to create with: the chosen one or the type's default; null for push types. */
  pullSchedule: string | null;
}

/**
 * The parts of a create request for one type. `schedule` is the chosen five-field cron (empty
 * or absent: the type's default). Throws `invalid_argument` for a value LangWatch's builders or
 * pullers would refuse, naming the field, never the value.
 */
export function buildSourceRequest(
  type: SourceType,
  values: Readonly<Record<string, string>>,
  secrets: Readonly<Record<string, string>> | null,
  schedule?: string | null,
): SourceRequestParts {
  const entry = catalogEntry(type);
  const plain = nonEmpty(values);
  const secret = nonEmpty(secrets ?? {});
  refuseInvalid(type, plain, secret, secrets !== null);

  const owned = new Set(PULL_CONFIG_OWNED_FIELDS[type] ?? []);
  const parserConfig: Record<string, unknown> = {};
  const credentials: Record<string, string> = {};
  for (const f of entry.fields) {
    const value = f.secret ? secret[f.key] : plain[f.key];
    if (value === undefined) continue;
    if (f.sendAs.in === 'credential') credentials[f.sendAs.name] = value;
    else if (!owned.has(f.key)) parserConfig[f.sendAs.name] = f.kind === 'list' ? splitList(value) : value;
  }
  if (entry.adapter === null) return { parserConfig, pullSchedule: null };
  const pullSchedule = schedule?.trim() || entry.defaultSchedule || '*/15 * * * *';
  const pullConfig = buildPullConfig({ ...entry, adapter: entry.adapter }, plain, credentials, pullSchedule);
  return { parserConfig, pullConfig, pullSchedule };
}

/**
 * What LangWatch stores from the parts (`createSource`: pullConfig, then parserConfig over it):
 * the parserConfig to send on an update, which takes no pullConfig.
 */
export function storedConfig(parts: SourceRequestParts): Record<string, unknown> {
  return { ...(parts.pullConfig ?? {}), ...parts.parserConfig };
}

/** Required fields and the type's rules; secrets are checked only when they are sent. */
function refuseInvalid(
  type: SourceType,
  values: Record<string, string>,
  secrets: Record<string, string>,
  withSecrets: boolean,
): void {
  const entry = catalogEntry(type);
  const problems: string[] = [];
  for (const f of entry.fields) {
    if (f.secret && !withSecrets) continue;
    if (f.required && (f.secret ? secrets : values)[f.key] === undefined) problems.push(`${f.label} is required.`);
  }
  for (const issue of sourceRuleIssues(type, values, secrets)) {
    if (issue.path[0] === 'secrets' && !withSecrets) continue;
    problems.push(issue.message);
  }
  if (problems.length > 0)
    throw new AppError('invalid_argument', `${entry.label}: ${problems.join(' ')}`, {
      fields: problems.length,
    });
}
