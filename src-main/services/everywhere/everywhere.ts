/**
 * The fleet refresher behind the "Everywhere" view. Places are (signed-in deployment profile ×
 * organisation the person may view); a profile that cannot be read (signed out, expired,
 * unreachable) is a place of its own. While the view watches, every tick refreshes every
 * place at once (place-refresh.ts: list first, health beside it, a bound per deployment,
 * backoff per place), without waiting for the slowest: a place whose list is still out is
 * skipped, never awaited. Changes are pushed as deltas (`everywhere.changed`).
 */
import {
  placeKeyOf,
  type EverywhereSnapshot,
  type Place,
  type PlaceState,
} from '../../../src-shared/domain/everywhere';
import type { Profile, SessionState } from '../../../src-shared/domain/langwatch';
import type { ErrorData } from '../../../src-shared/errors';
import { ACTIVITY_MONITOR_DEADLINE_MS } from '../langwatch/sources-reader';
import { toErrorData } from '../sources/sources-answer';
import { createAttentionWatch, type AttentionWatch } from './attention-watch';
import { createDeploymentLimiter } from './deployment-limiter';
import type { EverywhereOptions, Everywhere } from './everywhere-options';
import { fleetExportFile, fleetExportRows } from './fleet-export';
import { fleetReport } from './fleet-report';
import { createFleetStore } from './fleet-store';
import { failureOf } from './place-errors';
import { refreshPlace, type PlaceRuntime } from './place-refresh';
import { organizationsOf, personOf, profileAccess, type ProfileAccess } from './profile-access';
import type { RefreshDeps } from './refresh-deps';

export type { Everywhere, EverywhereOptions } from './everywhere-options';

interface EverywhereRuntime {
  options: EverywhereOptions;
  deps: RefreshDeps;
  access: Map<string, ProfileAccess>;
  places: Map<string, PlaceRuntime>;
  work: Set<Promise<unknown>>;
  attention: AttentionWatch;
  watching: boolean;
  timer: unknown;
  closed: boolean;
}

/** A place for a profile as a whole (no organisation can be listed): signed out, expired, unreachable. */
function profilePlace(profile: Profile, session: SessionState, state: PlaceState, error: ErrorData | null): Place {
  return {
    key: placeKeyOf(profile.id, null),
    ...{ profileId: profile.id, profileName: profile.name, baseUrl: profile.baseUrl },
    ...{ organizationId: null, organizationName: null, state, health: 'not_requested', healthError: null },
    ...{ user: personOf(session), readOnly: session.kind === 'device', sourceCount: 0 },
    ...{ updatedAt: null, serverNow: null, lastError: error, retryAt: null },
  };
}

/**
 * A profile that cannot be read now. Signed out: its places go, one place says so. Expired or
 * unreachable: its organisations keep their last rows, each saying why they are not fresh.
 */
function profileUnreadable(
  rt: EverywhereRuntime,
  profile: Profile,
  session: SessionState,
  state: PlaceState,
  error: ErrorData | null,
) {
  const { store } = rt.deps;
  const orgPlaces = store.places().filter((p) => p.profileId === profile.id && p.organizationId !== null);
  if (state === 'signed_out' || orgPlaces.length === 0) {
    for (const p of orgPlaces) store.removePlace(p.key);
    store.setPlace(profilePlace(profile, session, state, error));
  } else {
    store.removePlace(placeKeyOf(profile.id, null));
    for (const p of orgPlaces) store.patchPlace(p.key, { state, lastError: error, user: personOf(session) });
  }
  rt.deps.flush();
}

async function refreshProfile(rt: EverywhereRuntime, profile: Profile): Promise<void> {
  const { sessions, organizationsTtlMs = 5 * 60_000 } = rt.options;
  const session = await sessions.getState(profile.id);
  if (session.kind === 'signed_out' || session.kind === 'expired')
    return profileUnreadable(rt, profile, session, session.kind, null);
  let access = rt.access.get(profile.id);
  if (!access || access.session !== session || access.profile.baseUrl !== profile.baseUrl) {
    access = profileAccess(sessions, profile, session);
    rt.access.set(profile.id, access);
  }
  let orgs;
  try {
    orgs = await organizationsOf(access, sessions, rt.deps.limiter, rt.deps.clock.now(), organizationsTtlMs);
  } catch (error) {
    return profileUnreadable(rt, profile, session, failureOf(error).state, toErrorData(error));
  }
  const keep = new Set(orgs.map((o) => placeKeyOf(profile.id, o.id)));
  for (const p of rt.deps.store.places())
    if (p.profileId === profile.id && !keep.has(p.key)) rt.deps.store.removePlace(p.key);
  await Promise.all(orgs.map((org) => refreshPlace(rt.deps, access, org)));
}

/** One tick: every profile and place at once; resolves when this tick's lists have settled. */
async function tick(rt: EverywhereRuntime): Promise<void> {
  const profiles = await rt.options.profiles.list();
  const ids = new Set(profiles.map((p) => p.id));
  for (const p of rt.deps.store.places()) if (!ids.has(p.profileId)) rt.deps.store.removePlace(p.key);
  rt.deps.flush();
  await Promise.all(
    profiles.map((profile) =>
      refreshProfile(rt, profile).catch((error: unknown) =>
        rt.deps.log.error('everywhere: a profile refresh crashed', { error: error as Error }),
      ),
    ),
  );
  // One summary per tick at most, however many places changed.
  const news = rt.attention.observe(rt.deps.store, rt.deps.clock.now());
  if (news && !rt.closed) rt.options.events.emit('everywhere.attention', news);
}

function schedule(rt: EverywhereRuntime): void {
  const { clock } = rt.deps;
  if (rt.timer !== null) clock.clearTimeout(rt.timer);
  rt.timer = null;
  const every = rt.watching ? (rt.options.intervalMs ?? 15_000) : rt.options.backgroundIntervalMs;
  if (rt.closed || !every) return;
  rt.timer = clock.setTimeout(() => {
    rt.timer = null;
    void runTick(rt);
    schedule(rt); // the next tick never waits for this one's slowest place
  }, every);
}

function runTick(rt: EverywhereRuntime): Promise<void> {
  const run = tick(rt).catch((error: unknown) =>
    rt.deps.log.error('everywhere: a tick crashed', { error: error as Error }),
  );
  rt.work.add(run);
  return run.finally(() => rt.work.delete(run));
}

/** Creates the service (idle until the view watches, or `refreshNow`). */
export function createEverywhere(options: EverywhereOptions): Everywhere {
  const { clock, log, events } = options;
  const store = createFleetStore();
  const rt: EverywhereRuntime = {
    options,
    access: new Map(),
    places: new Map(),
    work: new Set(),
    attention: createAttentionWatch(),
    watching: false,
    timer: null,
    closed: false,
    deps: {
      clock,
      log: log.child('everywhere'),
      store,
      limiter: createDeploymentLimiter(options.requestsPerDeployment ?? 4),
      healthLimiter: createDeploymentLimiter(options.healthRequestsPerDeployment ?? 2),
      slowAfterMs: options.slowAfterMs ?? 4_000,
      healthDeadlineMs: options.healthDeadlineMs ?? ACTIVITY_MONITOR_DEADLINE_MS,
      random: options.random,
      placeRuntime(key) {
        let place = rt.places.get(key);
        if (!place)
          rt.places.set(
            key,
            (place = { listing: false, healthing: false, failures: 0, retryAtMs: null, counts: null }),
          );
        return place;
      },
      flush() {
        const delta = store.flush();
        if (delta && !rt.closed) events.emit('everywhere.changed', delta);
      },
      track(work) {
        rt.work.add(work);
        void work.finally(() => rt.work.delete(work));
      },
    },
  };
  // A session change of any profile: its clients and organisations are read again, at once.
  const offSessions = options.sessions.onChange(({ profileId }) => {
    rt.access.delete(profileId);
    if (rt.watching) void runTick(rt);
  });
  schedule(rt); // in the background, when asked to
  return {
    snapshot: (): EverywhereSnapshot => store.snapshot(),
    report: (query) => fleetReport(store, query, clock.now()),
    export: (format, query) => fleetExportFile(format, fleetExportRows(store, query, clock.now()), clock.now()),
    refreshNow: () => runTick(rt),
    setWatching(watching) {
      const was = rt.watching;
      rt.watching = watching && !rt.closed;
      if (rt.watching && !was) void runTick(rt);
      schedule(rt);
      return rt.watching;
    },
    async settled() {
      while (rt.work.size > 0) await Promise.allSettled([...rt.work]);
    },
    close() {
      rt.closed = true;
      rt.watching = false;
      schedule(rt);
      offSessions();
    },
  };
}
