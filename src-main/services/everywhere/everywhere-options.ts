/** The options of createEverywhere (everywhere.ts) and the service it returns. */
import type { EverywhereSnapshot } from '../../../src-shared/domain/everywhere';
import type { EverywhereQuery } from '../../../src-shared/domain/everywhere-attention';
import type { SourcesExport } from '../sources/export';
import type { Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { Profiles } from '../profiles/profiles';
import type { SessionManager } from '../session/session-manager';

export interface EverywhereOptions {
  profiles: Pick<Profiles, 'list'>;
  sessions: Pick<SessionManager, 'getState' | 'api' | 'cli' | 'onChange'>;
  events: Pick<EventBus, 'emit'>;
  clock: Clock;
  log: Logger;
  /** Between ticks while the view watches (default 15 s). */
  intervalMs?: number;
  /**
   * Between ticks while it does not (default: none, idle until watched). With it, sources that
   * start needing attention anywhere are noticed (one summary per tick) with the window closed.
   */
  backgroundIntervalMs?: number;
  /** Parallel list, organisation and permission reads per deployment (default 4). */
  requestsPerDeployment?: number;
  /** Parallel health reads per deployment, apart from the others (default 2). */
  healthRequestsPerDeployment?: number;
  /** A list or health read out longer than this marks its place or cell slow (default 4 s). */
  slowAfterMs?: number;
  /** The health read's own deadline (default ACTIVITY_MONITOR_DEADLINE_MS). */
  healthDeadlineMs?: number;
  /** How long a profile's organisations and permissions are reused (default 5 min). */
  organizationsTtlMs?: number;
  /** Backoff jitter draws (tests). */
  random?: () => number;
}

/** The Everywhere service (`services.everywhere`). */
export interface Everywhere {
  snapshot(): EverywhereSnapshot;
  /** The list as a JSON or CSV file, filtered and ordered as the view (see fleet-export.ts). */
  export(format: 'json' | 'csv', query: EverywhereQuery): SourcesExport;
  /** The Markdown support report of the same selection (see fleet-report.ts). */
  report(query: EverywhereQuery): SourcesExport;
  /** Refreshes every place now; resolves when this tick's lists have settled (health may follow). */
  refreshNow(): Promise<void>;
  /** Places are refreshed on a timer only while the view is on screen. */
  setWatching(watching: boolean): boolean;
  /** Resolves once no read is out (tests and the bench). */
  settled(): Promise<void>;
  close(): void;
}
