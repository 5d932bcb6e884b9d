/** The shapes of the sources service (sources-service.ts): its options, its facts, itself. */
import type { Diagnosis, FeedFact, KeyCheckFact } from '../../../src-shared/domain/diagnosis';
import type { HealthMetrics, Source, SourceStatus } from '../../../src-shared/domain/langwatch';
import type { ErrorData } from '../../../src-shared/errors';
import type { SourceHistoryItem } from '../../../src-shared/domain/outbox';
import type { LocalSourceFacts } from '../../../src-shared/ipc/channels/sources';
import type { SourcesPlan } from '../../../src-shared/domain/source-plan';
import type { Clock } from '../clock';
import type { AuthService } from '../auth/types';
import type { Logger } from '../logging/logger';
import type { EventsPageAnswer } from './event-paging';
import type { SourcesExport, StagedExportRow } from './export';
import type { ArchivedSources } from './archived-sources';
import type { SourcesMonitor } from './monitor';

/** What the diagnosis needs of the outbox's local history item (created / re-keyed, when, fingerprint). */
export interface HistoryFact {
  action: string;
  at: string;
  fingerprint: string | null;
}

/** A key check (and feed preview) the admin just ran from the diagnosis, with a typed key. */
export interface JustChecked {
  keyCheck: KeyCheckFact;
  feed: FeedFact | null;
}

/** A read that a plan or a permission may rule out: a calm state, not an error. */
export type Gated<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'enterprise_required' }
  | { kind: 'forbidden' }
  /** The deployment failed to answer (a 5xx with its reason): said as such, never a silent "—". */
  | { kind: 'unavailable'; error: ErrorData };

export interface SourcesServiceOptions {
  auth: AuthService;
  monitor: SourcesMonitor;
  clock: Clock;
  log: Logger;
  /** What this console did to a source (the outbox's local history); empty when absent. */
  history?: (sourceId: string) => Promise<HistoryFact[]>;
  /** The last key check this console remembers for the key it sent to a source, if any. */
  lastKeyCheck?: (sourceId: string) => Promise<Omit<KeyCheckFact, 'origin'> | null>;
  /** The latest local history item of every source this console acted on. */
  latestHistory?: () => Promise<Record<string, SourceHistoryItem>>;
  /** The archived sources this console saw (opened, archived here): their names stay taken. */
  archived?: Pick<ArchivedSources, 'noteSeen' | 'remember' | 'archivedHereIds'>;
}

/** Source detail and actions (`services.sources`); reads go through the active auth. */
export interface SourcesService {
  /** One source of the active organisation. */
  get(id: string): Promise<Source>;
  health(id: string): Promise<Gated<HealthMetrics>>;
  events(
    id: string,
    page: { beforeIso?: string; skipIds?: readonly string[]; limit?: number },
  ): Promise<Gated<EventsPageAnswer>>;
  diagnose(id: string, justChecked?: JustChecked): Promise<Diagnosis>;
  localFacts(): Promise<LocalSourceFacts>;
  /** Archived sources this console knows of: LangWatch lists none, so each is read by id. */
  archived(): Promise<Source[]>;
  setStatus(id: string, status: SourceStatus): Promise<Source>;
  /** Archives a source once the typed name matches (main re-checks it). */
  archive(id: string, confirmName: string): Promise<Source>;
  /** The plan, its active-source cap and the active count of the active organisation (`sources.plan`). */
  plan(): Promise<SourcesPlan>;
  /** The table (or the chosen rows) as JSON or CSV, staged entries included when given. */
  export(format: 'json' | 'csv', ids?: readonly string[], staged?: readonly StagedExportRow[]): SourcesExport;
}
