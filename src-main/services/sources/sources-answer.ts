/**
 * What one tick of the sources monitor reads: the sources (and their 24 h counts when the
 * person may see them) through the session's sources reader, as table rows.
 */
import type { Source, SourcesHealth } from '../../../src-shared/domain/langwatch';
import type { ListHealthKind, SourceRow } from '../../../src-shared/domain/sources';
import { isAppError, type ErrorData } from '../../../src-shared/errors';
import type { ActiveAuth } from '../auth/types';
import type { SourcesWithHealth } from '../langwatch/api';

/** One tick's answer: the live sources, and their health when it was asked for. */
export type SourcesAnswer = SourcesWithHealth;

/** The monitor's state when the person may not view sources: a state, never retried as an error. */
export const NO_VIEW: ErrorData = {
  code: 'langwatch.forbidden',
  message: 'Your role lacks ingestionSources:view in this organisation.',
};

/** Lists the organisation's live sources, with their health when the person may see it. */
export function readSources(active: ActiveAuth): Promise<SourcesAnswer> {
  return active.sources.listLive({ withHealth: active.permissions.canViewHealth });
}

/** The table rows of an answer; counts are null when the health was not available. */
export function rowsOf({ sources, health }: SourcesAnswer): SourceRow[] {
  const counts = new Map<string, number>();
  if (health?.kind === 'ok') for (const h of health.rows) counts.set(h.id, h.eventsLast24h);
  const hasCounts = health?.kind === 'ok';
  return sources.map((s) => toRow(s, hasCounts ? (counts.get(s.id) ?? 0) : null));
}

/**
 * A table row: the source plus its 24 h event count, as one literal (one object shape for all
 * rows, which a 5,000-row tick builds and diffs faster than spread copies or added fields).
 */
function toRow(s: Source, eventsLast24h: number | null): SourceRow {
  return {
    id: s.id,
    organizationId: s.organizationId,
    teamId: s.teamId,
    sourceType: s.sourceType,
    name: s.name,
    description: s.description,
    parserConfig: s.parserConfig,
    status: s.status,
    lastEventAt: s.lastEventAt,
    archivedAt: s.archivedAt,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    createdById: s.createdById,
    pullSchedule: s.pullSchedule,
    errorCount: s.errorCount,
    eventsLast24h,
  };
}

/** How the health of the list is shown. */
export function healthKind(health: SourcesHealth | null): ListHealthKind {
  return health === null ? 'not_requested' : health.kind;
}

/** The error of a failed tick, as data (an unexpected one as a calm internal error). */
export function toErrorData(error: unknown): ErrorData {
  return isAppError(error)
    ? error.toData()
    : { code: 'internal', message: 'The status refresh failed inside the console.' };
}
