/**
 * The shapes of the source catalog (`source-catalog.ts`): a type's entry and its fields. Kept
 * apart so the entry files and the catalog can both import them without a cycle.
 */
import type { SourceType } from './langwatch';

/** How events reach LangWatch: pushed by the vendor, pulled by LangWatch, or read from S3. */
export type DeliveryMode = 'push' | 'pull' | 's3';

/** The two groups a person reads (LangWatch's `SOURCE_GROUP_META`). */
export type SourceGroup = 'realtime' | 'scheduled';

/**
 * Where a field's value travels in the create/update request:
 * - `parser`: the config key `name` (plain, stored readable by LangWatch);
 * - `credential`: `credentials[name]` (LangWatch encrypts this subtree; the console stages it
 *   in the OS keychain, never in a file).
 */
export type FieldTarget = { in: 'parser'; name: string } | { in: 'credential'; name: string };

/** How a field is entered and checked. */
export type FieldKind = 'text' | 'multiline' | 'url' | 'list' | 'choice';

export interface SourceField {
  /** The form's key (stable; also the key in the staged values). */
  key: string;
  label: string;
  placeholder: string;
  hint?: string;
  required: boolean;
  /** A secret: masked while typed, staged in the keychain, sent under `credentials`. */
  secret: boolean;
  /** Shown in a collapsed "Advanced" group; leaving it empty still gives a working source. */
  advanced: boolean;
  kind: FieldKind;
  /** For `choice`: the values LangWatch's adapter accepts. */
  choices?: readonly string[];
  sendAs: FieldTarget;
  /**
   * Where LangWatch's server reads the value once stored (e.g. "`credentials.token`, sent as
   * `x-api-key`"), or that nothing reads it. Read from the puller, not the composer.
   */
  readBy: string;
  /** Why the console departs from LangWatch's composer for this field (shown as a note). */
  departure?: string;
}

/** Which key check the console can run for a type without side effects (null: none). */
export type KeyCheckKind = 'compliance' | 'anthropic_admin' | 'databricks' | 'http_custom';

export interface SourceTypeEntry {
  type: SourceType;
  label: string;
  mode: DeliveryMode;
  blurb: string;
  fields: readonly SourceField[];
  /** LangWatch pulls on a schedule (`pullSchedule`): pull and S3 types. */
  scheduled: boolean;
  /**
   * The puller adapter id the console sends as `adapter` (LangWatch's
   * `PULL_ADAPTER_FOR_SOURCE`, `services/pullers/index.ts`); null for push types.
   */
  adapter: string | null;
  /** The schedule sent when none is chosen (LangWatch's `PULL_SCHEDULE_DEFAULTS`); null for push. */
  defaultSchedule: string | null;
  keyCheck: KeyCheckKind | null;
  /** Why the console sends more or other than LangWatch's composer for the type as a whole. */
  departure?: string;
  /** The LangWatch files this entry follows (paths relative to platform/app/ee/governance/). */
  follows: readonly string[];
}

/** A field with the usual defaults: optional, plain, not advanced, one line of text. */
export function field(
  f: Omit<SourceField, 'required' | 'secret' | 'advanced' | 'kind'> & Partial<SourceField>,
): SourceField {
  return { required: false, secret: false, advanced: false, kind: 'text', ...f };
}

export function parser(name: string): FieldTarget {
  return { in: 'parser', name };
}

export function credential(name: string): FieldTarget {
  return { in: 'credential', name };
}

/** Read by nothing on LangWatch's server: stored and shown back only. */
export const STORED_ONLY = 'Stored and shown back; nothing on LangWatch’s server reads it.';

export const CATALOG_FILES = [
  'dashboard/components/ingestionSourceCatalog.tsx',
  'dashboard/pages/ingestion-sources.tsx',
  'dashboard/logic/pullCadence.ts',
];
