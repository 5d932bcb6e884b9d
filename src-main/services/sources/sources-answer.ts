/**
 * What one tick of the sources monitor reads: the sources (and their 24 h counts when the
 * person may see them) from the tRPC API, or the read-only CLI list, as table rows.
 */
import type { Source, SourcesHealth } from '../../../src-shared/domain/langwatch';
import type { ListHealthKind, SourceRow } from '../../../src-shared/domain/sources';
import { AppError, isAppError, type ErrorData } from '../../../src-shared/errors';
import type { ActiveAuth } from '../auth/types';

/** One tick's answer: the live sources, and their health when it was asked for. */
export interface SourcesAnswer {
  sources: Source[];
  health: SourcesHealth | null;
}

/** Lists the organisation's live sources through whichever client the session has. */
export async function readSources(active: ActiveAuth): Promise<SourcesAnswer> {
  if (active.api) {
    return active.api.listWithHealth(active.organizationId, { withHealth: active.permissions.canViewHealth });
  }
  if (active.cli) {
    // The CLI list includes archived sources; the tRPC list (and so the table) does not.
    return { sources: (await active.cli.listSources()).filter((s) => s.archivedAt === null), health: null };
  }
  throw new AppError('auth.not_signed_in', 'Sign in to a LangWatch deployment first.');
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
