import type { AuthService } from '../auth/types';
import type { Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import type { KeyChecks } from '../key-checks';
import type { Logger } from '../logging/logger';
import type { Network } from '../network/network';
import type { Outbox } from '../outbox/outbox';
import type { ArchivedSources } from './archived-sources';
import { createSourcesMonitor, type SourcesMonitor } from './monitor';
import type { ScheduleIntervals } from './schedule';
import { createSourcesService, type SourcesService } from './sources-service';

/** What {@link openSources} builds. */
export interface SourcesServices {
  /** Live source status. */
  sourcesMonitor: SourcesMonitor;
  /** Source detail, diagnosis, enable/disable/archive, export. */
  sources: SourcesService;
}

/**
 * The sources side of the console: the live monitor and the detail/actions service, fed by what
 * this console did (the outbox's history), checked (key checks) and saw archived.
 */
export function openSources(options: {
  auth: AuthService;
  network: Network;
  events: Pick<EventBus, 'emit'>;
  outbox: Pick<Outbox, 'history' | 'latestHistory'>;
  keyChecks: Pick<KeyChecks, 'lastCheckOf'>;
  archivedSources: ArchivedSources;
  clock: Clock;
  log: Logger;
  /** Monitor tick intervals (tests use short ones); 5 s focused / 60 s background otherwise. */
  intervals?: ScheduleIntervals;
}): SourcesServices {
  const { auth, outbox, archivedSources, clock, log } = options;
  const sourcesMonitor = createSourcesMonitor({
    auth,
    network: options.network,
    clock,
    log: log.child('sources-monitor'),
    events: options.events,
    intervals: options.intervals,
    onVanished: archivedSources.noteSeen,
  });
  const sources = createSourcesService({
    auth,
    monitor: sourcesMonitor,
    clock,
    log: log.child('sources'),
    history: (sourceId) => outbox.history(sourceId),
    lastKeyCheck: options.keyChecks.lastCheckOf,
    latestHistory: () => outbox.latestHistory(),
    archived: archivedSources,
  });
  return { sourcesMonitor, sources };
}
