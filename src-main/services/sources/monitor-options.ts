/** The options of the sources monitor (monitor.ts) and the monitor as services see it. */
import type { SourceRow, SourcesSnapshot, MonitorState } from '../../../src-shared/domain/sources';
import type { Clock } from '../clock';
import type { AuthService } from '../auth/types';
import type { Network } from '../network/network';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { ErrorObservation } from './error-trend';
import type { ScheduleIntervals } from './schedule';

/** Options of {@link createSourcesMonitor}. */
export interface SourcesMonitorOptions {
  auth: AuthService;
  network: Network;
  clock: Clock;
  log: Logger;
  events: Pick<EventBus, 'emit'>;
  /** Tick intervals; tests inject short ones instead of sleeping. */
  intervals?: ScheduleIntervals;
  /** Do not tick until {@link SourcesMonitor.start} (tests and the composition root). Default true. */
  autoStart?: boolean;
  /**
   * Sources that left the complete (tRPC) list of the same organisation between two ticks:
   * LangWatch has no delete, so they were archived. Their names stay taken (unique index).
   */
  onVanished?: (scope: { profileId: string; organizationId: string }, rows: SourceRow[]) => void;
  /** The list health read's own deadline (default ACTIVITY_MONITOR_DEADLINE_MS). */
  healthDeadlineMs?: number;
}

/** The monitor as services and handlers see it. */
export interface SourcesMonitor {
  start(): void;
  snapshot(): SourcesSnapshot;
  monitorState(): MonitorState;
  /** The last known row of one source. */
  row(id: string): SourceRow | undefined;
  /** Rows in server order (by name). */
  rows(): readonly SourceRow[];
  /** The pull error count of a source as watched by this console (newer servers only). */
  errorTrend(id: string): ErrorObservation | undefined;
  /** Ticks now (after any tick in flight) and resolves with the state after its list (not its health). */
  refreshNow(): Promise<MonitorState>;
  /** Resolves with the state once no health read is in flight (tests and the bench). */
  healthSettled(): Promise<MonitorState>;
  setVisibility(visibility: { focused: boolean; visible: boolean }): MonitorState;
  close(): void;
}

/** What the signed-in person may do with the list, as the monitor state carries it. */
export type MonitorAccess = Pick<MonitorState, 'readOnly' | 'canManage'>;
