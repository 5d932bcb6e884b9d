/**
 * The list's health (24 h counts) beside the sources monitor's list, never in its way: asked
 * for at the same time as the list but in its own request with its own deadline, at most one
 * in flight, and applied whenever it arrives. A deployment whose analytics store is slow or
 * down (LangWatch's ClickHouse client retries for seconds before failing) delays only these
 * cells, which say "loading" until the first answer and "unavailable (reason)" after a failure.
 */
import type { SourcesHealth } from '../../../src-shared/domain/langwatch';
import type { ListHealthKind, MonitorState } from '../../../src-shared/domain/sources';
import type { ActiveAuth } from '../auth/types';
import { toErrorData, type HealthCounts } from './sources-answer';

import { ACTIVITY_MONITOR_DEADLINE_MS } from '../langwatch/sources-reader';

/** The health part of the monitor's state. */
export type HealthStatus = Pick<MonitorState, 'health' | 'healthError'>;

/** Options of {@link createListHealth}. */
export interface ListHealthOptions {
  /** Called with each answer that still belongs to the current organisation. */
  onAnswer(status: HealthStatus, counts: HealthCounts): void;
  /** The read's own deadline (default ACTIVITY_MONITOR_DEADLINE_MS). */
  deadlineMs?: number;
}

/** One organisation's list health at a time; see the module comment. */
export interface ListHealth {
  /** Starts a read for `active` unless one is in flight (then that one will answer). */
  request(active: ActiveAuth): void;
  status(): HealthStatus;
  counts(): HealthCounts;
  /** A new organisation (or none): its health is not known yet, and older answers are dropped. */
  reset(): void;
  /** Resolves when no read is in flight (tests and the bench wait on it; the tick never does). */
  settled(): Promise<void>;
}

const NOT_REQUESTED: HealthStatus = { health: 'not_requested', healthError: null };

/** Creates the tracker. */
export function createListHealth(options: ListHealthOptions): ListHealth {
  const deadlineMs = options.deadlineMs ?? ACTIVITY_MONITOR_DEADLINE_MS;
  let status: HealthStatus = NOT_REQUESTED;
  let counts: HealthCounts = null;
  let epoch = 0;
  let inFlight: Promise<void> | null = null;
  let lastRows: readonly unknown[] | null = null;

  function accept(health: SourcesHealth | null): void {
    // The same rows as last time (the API keeps an unchanged answer's array): nothing to apply.
    if (health?.kind === 'ok' && health.rows === lastRows && status.health === 'ok') return;
    lastRows = health?.kind === 'ok' ? health.rows : null;
    status = { health: kindOf(health), healthError: health?.kind === 'unavailable' ? health.error : null };
    counts = health?.kind === 'ok' ? countsOf(health) : null;
    options.onAnswer(status, counts);
  }

  function reset(): void {
    epoch++;
    inFlight = null;
    status = NOT_REQUESTED;
    counts = null;
    lastRows = null;
  }

  return {
    request(active) {
      if (!active.permissions.canViewHealth) {
        // Not (or no longer) allowed: a read still out answers nobody.
        if (status.health !== 'not_requested' || inFlight) reset();
        return;
      }
      if (inFlight) return;
      if (status.health === 'not_requested') status = { health: 'loading', healthError: null };
      const mine = epoch;
      inFlight = active.sources
        .listHealth({ timeoutMs: deadlineMs })
        .catch((error: unknown): SourcesHealth => ({ kind: 'unavailable', error: toErrorData(error) }))
        .then((health) => {
          if (mine === epoch) accept(health);
        })
        .finally(() => {
          if (mine === epoch) inFlight = null;
        });
    },
    status: () => status,
    counts: () => counts,
    reset,
    async settled() {
      while (inFlight) await inFlight;
    },
  };
}

function kindOf(health: SourcesHealth | null): ListHealthKind {
  return health === null ? 'not_requested' : health.kind;
}

function countsOf(health: Extract<SourcesHealth, { kind: 'ok' }>): Map<string, number> {
  const map = new Map<string, number>();
  for (const h of health.rows) map.set(h.id, h.eventsLast24h);
  return map;
}
