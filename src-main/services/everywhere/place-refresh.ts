/**
 * One place's refresh: the list first, through the deployment's bound; the list health beside
 * it in its own request with its own deadline (never batched with the list, never delaying
 * it). A list or health read that takes longer than `slowAfterMs` marks the place (or its
 * health cell) slow at once; a failure backs off this place only, a 429 for as long as the
 * server asked. Other places never wait for any of this.
 */
import { placeKeyOf, type EverywhereRow, type Place } from '../../../src-shared/domain/everywhere';
import type { Source, SourceHealthRow, SourcesHealth } from '../../../src-shared/domain/langwatch';
import { cadenceOf } from '../../../src-shared/domain/sources';
import type { SourcesReader } from '../langwatch/sources-reader';
import { retryDelayMs } from '../outbox/backoff';
import { toErrorData } from '../sources/sources-answer';
import { failureOf } from './place-errors';
import type { OrgAccess, ProfileAccess } from './profile-access';
import { personOf } from './profile-access';
import type { PlaceRuntime, RefreshDeps } from './refresh-deps';

export type { PlaceRuntime } from './refresh-deps';

const iso = (ms: number) => new Date(ms).toISOString();

/** The place of an organisation as known before this refresh (a new one is `loading`). */
export function basePlace(deps: RefreshDeps, access: ProfileAccess, org: OrgAccess): Place {
  const key = placeKeyOf(access.profile.id, org.id);
  const known = deps.store.place(key);
  return {
    key,
    profileId: access.profile.id,
    profileName: access.profile.name,
    baseUrl: access.profile.baseUrl,
    organizationId: org.id,
    organizationName: org.name,
    state: known?.state ?? 'loading',
    health: known?.health ?? (org.permissions.canViewHealth ? 'loading' : 'not_requested'),
    healthError: known?.healthError ?? null,
    user: personOf(access.session),
    readOnly: access.session.kind === 'device',
    sourceCount: known?.sourceCount ?? 0,
    updatedAt: known?.updatedAt ?? null,
    serverNow: known?.serverNow ?? null,
    lastError: known?.lastError ?? null,
    retryAt: known?.retryAt ?? null,
  };
}

/** Refreshes one place unless its list is still out or it is backing off. */
export async function refreshPlace(deps: RefreshDeps, access: ProfileAccess, org: OrgAccess): Promise<void> {
  const place = basePlace(deps, access, org);
  const rt = deps.placeRuntime(place.key);
  if (!org.permissions.canView) {
    // No permission is a state, not a failure to retry: nothing is asked until it changes.
    deps.store.setRows(place.key, []);
    deps.store.setPlace({ ...place, state: 'no_permission', health: 'not_requested', sourceCount: 0, lastError: null });
    return deps.flush();
  }
  deps.store.setPlace(place);
  if (rt.listing || (rt.retryAtMs !== null && deps.clock.now() < rt.retryAtMs)) return deps.flush();
  rt.listing = true;
  const slow = deps.clock.setTimeout(() => {
    if (rt.listing) deps.store.patchPlace(place.key, { state: 'slow' });
    deps.flush();
  }, deps.slowAfterMs);
  try {
    const reader = await access.reader(org.id);
    // The list is asked for first; its health follows in its own request, never ahead of it.
    const listing = deps.limiter.run(access.profile.id, () => reader.listLive());
    if (org.permissions.canViewHealth) requestHealth(deps, place.key, rt, reader, access.profile.id);
    const sources = await listing;
    listAnswered(deps, place.key, rt, reader, sources);
  } catch (error) {
    listFailed(deps, place.key, rt, error);
  } finally {
    deps.clock.clearTimeout(slow);
    rt.listing = false;
    deps.flush();
  }
}

/**
 * What a place's rows were last built from. The API hands back the very same array for an
 * unchanged list (and health), so a place where nothing changed builds and compares nothing:
 * at 15,000 sources most places are unchanged on most ticks.
 */
const builtFrom = new WeakMap<PlaceRuntime, { sources: readonly Source[]; counts: PlaceRuntime['counts'] }>();
const countsFrom = new WeakMap<PlaceRuntime, readonly SourceHealthRow[]>();

function listAnswered(deps: RefreshDeps, key: string, rt: PlaceRuntime, reader: SourcesReader, sources: Source[]) {
  rt.failures = 0;
  rt.retryAtMs = null;
  const reading = reader.serverClock();
  const built = builtFrom.get(rt);
  // The store's rows may have gone meanwhile (no permission, signed out): the count says so.
  const same = built?.sources === sources && built.counts === rt.counts;
  if (!same || deps.store.place(key)?.sourceCount !== sources.length) {
    deps.store.setRows(
      key,
      rowsOf(key, sources, rt.counts, () => deps.store.rowsOf(key)),
    );
    builtFrom.set(rt, { sources, counts: rt.counts });
  }
  deps.store.patchPlace(key, {
    state: 'fresh',
    sourceCount: sources.length,
    updatedAt: iso(deps.clock.now()),
    serverNow: reading ? iso(reading.serverMs) : null,
    lastError: null,
    retryAt: null,
  });
}

function listFailed(deps: RefreshDeps, key: string, rt: PlaceRuntime, error: unknown): void {
  const failure = failureOf(error);
  rt.failures += 1;
  const delay = retryDelayMs(rt.failures, { retryAfterSec: failure.retryAfterSec, random: deps.random });
  rt.retryAtMs = deps.clock.now() + delay;
  deps.log.warn('everywhere: a place failed', { place: key, code: toErrorData(error).code });
  deps.store.patchPlace(key, { state: failure.state, lastError: toErrorData(error), retryAt: iso(rt.retryAtMs) });
}

/** Asks for the list health unless a read is out; applies the counts whenever they arrive. */
function requestHealth(deps: RefreshDeps, key: string, rt: PlaceRuntime, reader: SourcesReader, deployment: string) {
  if (rt.healthing) return;
  rt.healthing = true;
  const slow = deps.clock.setTimeout(() => {
    if (rt.healthing) deps.store.patchPlace(key, { health: 'slow' });
    deps.flush();
  }, deps.slowAfterMs);
  const read = deps.healthLimiter
    .run(deployment, () => reader.listHealth({ timeoutMs: deps.healthDeadlineMs }))
    .catch((error: unknown): SourcesHealth => ({ kind: 'unavailable', error: toErrorData(error) }));
  deps.track(
    read.then((health) => {
      deps.clock.clearTimeout(slow);
      rt.healthing = false;
      const rows = health?.kind === 'ok' ? health.rows : null;
      // The same answer as last time keeps its counts (and the rows built with them).
      const changed = !rows || countsFrom.get(rt) !== rows || !rt.counts;
      if (changed) rt.counts = rows ? new Map(rows.map((h) => [h.id, h.eventsLast24h])) : null;
      if (rows) countsFrom.set(rt, rows);
      else countsFrom.delete(rt);
      const place = deps.store.place(key);
      if (!place) return;
      if (rt.counts && changed) {
        deps.store.setRows(key, withCounts(deps.store.rowsOf(key), rt.counts));
        // The rows are now those of the same list with these counts: the next list need not rebuild them.
        const built = builtFrom.get(rt);
        if (built) builtFrom.set(rt, { sources: built.sources, counts: rt.counts });
      }
      deps.store.patchPlace(key, {
        health: health?.kind ?? 'not_requested',
        healthError: health?.kind === 'unavailable' ? health.error : null,
      });
      deps.flush();
    }),
  );
}

/** Row objects per source object: an unchanged source keeps its row (skipped by identity). */
const rowOfSource = new WeakMap<Source, EverywhereRow>();

function rowsOf(
  placeKey: string,
  sources: readonly Source[],
  counts: ReadonlyMap<string, number> | null,
  shown: () => readonly EverywhereRow[],
): EverywhereRow[] {
  let previous: Map<string, EverywhereRow> | null = null;
  return sources.map((s) => {
    const count = counts ? (counts.get(s.id) ?? 0) : null;
    const known = rowOfSource.get(s);
    if (known && known.placeKey === placeKey && known.eventsLast24h === count) return known;
    const { parserConfig: _config, ...rest } = s;
    const built: EverywhereRow = { ...rest, eventsLast24h: count, placeKey, cadenceSec: cadenceOf(s) };
    // The row on screen may already be this one (its count filled in by a health answer).
    previous ??= new Map(shown().map((r) => [r.id, r]));
    const prev = previous.get(s.id);
    const row = prev && sameFields(prev, built) ? prev : built;
    rowOfSource.set(s, row);
    return row;
  });
}

function sameFields(a: EverywhereRow, b: EverywhereRow): boolean {
  const keys = Object.keys(b) as Array<keyof EverywhereRow>;
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}

function withCounts(rows: readonly EverywhereRow[], counts: ReadonlyMap<string, number>): EverywhereRow[] {
  return rows.map((r) => {
    const count = counts.get(r.id) ?? 0;
    return r.eventsLast24h === count ? r : { ...r, eventsLast24h: count };
  });
}
