import { isKnownSourceType, type SourceType } from '../../../src-shared/domain/langwatch';
import type { ScheduleWords } from '../../../src-shared/domain/schedule-fact';
import { catalogEntry, type DeliveryMode } from '../../../src-shared/domain/source-catalog';

/** Human names of the 11 source types. */
export const SOURCE_TYPE_LABEL: Record<SourceType, string> = {
  otel_generic: 'OpenTelemetry',
  claude_code: 'Claude Code',
  claude_cowork: 'Claude Cowork',
  workato: 'Workato',
  copilot_studio: 'Copilot Studio',
  openai_compliance: 'OpenAI Compliance',
  claude_compliance: 'Claude Compliance',
  anthropic_admin: 'Anthropic Admin',
  databricks_genie: 'Databricks Genie',
  s3_custom: 'S3 (custom)',
  http_custom: 'HTTP (custom)',
};

/** How each delivery mode reaches LangWatch, in the words of LangWatch's catalog groups. */
export const MODE_LABEL: Record<DeliveryMode, string> = {
  push: 'Push · real-time stream',
  pull: 'Pull · synced on a schedule',
  s3: 'S3 · synced on a schedule',
};

/** The delivery mode of a type this console knows; null for a type from a newer server. */
export function modeOfType(value: string): DeliveryMode | null {
  return isKnownSourceType(value) ? catalogEntry(value).mode : null;
}

/**
 * The schedule words of a source: a push source is never pulled, so it has no schedule to
 * show (nor to miss); every other source its schedule as the server or this console knows it.
 */
export function scheduleWordsOf(sourceType: string, pulled: ScheduleWords): ScheduleWords {
  if (modeOfType(sourceType) !== 'push') return pulled;
  return {
    text: 'Real-time',
    title: 'A real-time stream: pushed to LangWatch as events happen, never pulled, so it has no schedule.',
    cadenceSec: null,
    scheduled: null,
  };
}

/**
 * The type of a staged entry. Room out's outbox records it (`OutboxEntryView.sourceType`,
 * issue 20); an entry without it is a compliance one, the only type staged before.
 */
export function stagedTypeOf(entry: object): string {
  const type = (entry as { sourceType?: unknown }).sourceType;
  return typeof type === 'string' ? type : 'claude_compliance';
}
