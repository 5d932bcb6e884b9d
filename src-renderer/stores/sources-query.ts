/**
 * The sources table's query (search text, filters, sort): state the sources store holds and
 * the table reads, so it lives in the store's layer (stores never import features).
 */
import type { SourceStatus } from '../../src-shared/domain/langwatch';
import type { HealthKind } from '../../src-shared/domain/health-kind';

export type SortKey =
  'name' | 'sourceType' | 'health' | 'status' | 'lastEventAt' | 'eventsLast24h' | 'cadence' | 'createdAt';
export type SortDir = 'asc' | 'desc';
/**
 * A status (known, or an unknown one a newer server sent), `staged`, or `archived` (the archived
 * sources this console knows of: LangWatch lists none).
 */
export type StatusFilter = 'all' | SourceStatus | 'staged' | 'archived' | (string & {});
/** A health signal, or every signal that needs attention. */
export type HealthFilter = 'all' | 'attention' | HealthKind;

export interface TableQuery {
  text: string;
  status: StatusFilter;
  /** A source type, or 'all'. */
  type: string;
  health: HealthFilter;
  sort: SortKey;
  dir: SortDir;
}

export const DEFAULT_QUERY: TableQuery = {
  text: '',
  status: 'all',
  type: 'all',
  health: 'all',
  // Most urgent first: sources that need attention lead the list on first view.
  sort: 'health',
  dir: 'asc',
};
