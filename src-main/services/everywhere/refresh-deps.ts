/** What the refresh of places needs from the Everywhere service (everywhere.ts builds it once). */
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { DeploymentLimiter } from './deployment-limiter';
import type { FleetStore } from './fleet-store';

/** What the service keeps of one place between ticks (no rows: those are in the store). */
export interface PlaceRuntime {
  listing: boolean;
  healthing: boolean;
  failures: number;
  retryAtMs: number | null;
  counts: ReadonlyMap<string, number> | null;
}

export interface RefreshDeps {
  clock: Clock;
  log: Logger;
  store: FleetStore;
  /** The bound on list, organisation and permission reads per deployment. */
  limiter: DeploymentLimiter;
  /** Health reads have their own bound: slow health never takes a list's slot. */
  healthLimiter: DeploymentLimiter;
  slowAfterMs: number;
  healthDeadlineMs: number;
  random?: () => number;
  placeRuntime(key: string): PlaceRuntime;
  /** Pushes the changes collected so far. */
  flush(): void;
  /** Remembers a read that runs on its own (health), so `settled()` can wait for it. */
  track(work: Promise<unknown>): void;
}
