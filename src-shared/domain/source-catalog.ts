/**
 * The one catalog of the eleven LangWatch source types the console composes: label, delivery
 * mode, group, the fields each type's composer shows, which of them are secrets, where
 * LangWatch's server reads each one, and the adapter and default schedule of the pull types.
 * It follows LangWatch's `dashboard/components/ingestionSourceCatalog.tsx` (types, labels,
 * modes, groups, plan gate) and `dashboard/pages/ingestion-sources.tsx` (`PARSER_FIELDS`),
 * corrected against the pullers (`services/pullers/*`) where they read something the composer
 * does not send (each such field says so in `departure`).
 *
 * Every view, the outbox and the emulator read types from here; nothing re-lists them. The
 * entries live in `source-catalog-*.ts`, one file per family.
 */
import { SourceType } from './langwatch';
import { ANTHROPIC_ENTRIES } from './source-catalog-anthropic';
import { CUSTOM_ENTRIES } from './source-catalog-custom';
import { PUSH_ENTRIES } from './source-catalog-push';
import { VENDOR_PULL_ENTRIES } from './source-catalog-pull';
import type { DeliveryMode, SourceField, SourceGroup, SourceTypeEntry } from './source-catalog-types';

export type {
  DeliveryMode,
  FieldKind,
  FieldTarget,
  KeyCheckKind,
  SourceField,
  SourceGroup,
  SourceTypeEntry,
} from './source-catalog-types';
export { REQUIRED_MAPPING_KEYS } from './source-catalog-custom';

export const SOURCE_GROUPS: Record<SourceGroup, { title: string; blurb: string }> = {
  realtime: { title: 'Real-time streams', blurb: 'These platforms send events to LangWatch as they happen.' },
  scheduled: {
    title: 'Synced on a schedule',
    blurb:
      'LangWatch fetches new activity from these platforms on a regular cadence, including audit files dropped in cloud storage.',
  },
};

/** Push types are real-time; pull and S3 types are fetched on a schedule. */
export function groupOfMode(mode: DeliveryMode): SourceGroup {
  return mode === 'push' ? 'realtime' : 'scheduled';
}

const BY_TYPE_ENTRIES = new Map(
  [...PUSH_ENTRIES, ...VENDOR_PULL_ENTRIES, ...ANTHROPIC_ENTRIES, ...CUSTOM_ENTRIES].map((e) => [e.type, e]),
);

/** LangWatch's menu order (`SOURCE_TYPE_OPTIONS`), which `SourceType` lists its values in. */
const MENU_ORDER: readonly SourceType[] = SourceType.options;

/** The catalog, in LangWatch's menu order. */
export const SOURCE_CATALOG: readonly SourceTypeEntry[] = MENU_ORDER.map((t) => {
  const entry = BY_TYPE_ENTRIES.get(t);
  if (!entry) throw new Error(`source type ${t} is missing from the catalog`);
  return entry;
});

/** The catalog entry of a known type. */
export function catalogEntry(type: SourceType): SourceTypeEntry {
  const entry = BY_TYPE_ENTRIES.get(type);
  if (!entry) throw new Error(`source type ${type} is missing from the catalog`);
  return entry;
}

/** The secret fields of a type: the unit the keychain holds, staged and wiped together. */
export function secretFields(type: SourceType): readonly SourceField[] {
  return catalogEntry(type).fields.filter((f) => f.secret);
}

/** The one plan gate (LangWatch's `gatedSourceTypeOptions`): non-enterprise plans create only Generic OpenTelemetry. */
export function isTypeLocked(type: SourceType, plan: { isEnterprise: boolean }): boolean {
  return !plan.isEnterprise && type !== 'otel_generic';
}
