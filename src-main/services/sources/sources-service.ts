/**
 * Source detail, diagnosis and the admin actions that are not key submissions (enable,
 * disable, archive), plus the export. Reads go through the session's sources reader (the
 * cookie API or, in a support session, the read-only CLI REST); actions through the API.
 * Replacing a key and changing the cadence are NOT here: they go through the outbox staging path.
 */
import { diagnoseSource, type Diagnosis, type DiagnosisFacts } from '../../../src-shared/domain/diagnosis';
import { scheduleFactFor } from '../../../src-shared/domain/schedule-fact';
import { ageSec } from '../../../src-shared/domain/source-health';
import type { HealthMetrics, Source } from '../../../src-shared/domain/langwatch';
import { AppError, isAppError } from '../../../src-shared/errors';
import type { ActiveAuth } from '../auth/types';
import { readEventsPage, type FetchEvents } from './event-paging';
import { exportFile, toExportRows, type StagedExportRow } from './export';
import { schedulesFromHistory } from './local-facts';
import { readSourcesPlan } from './plan';
import type { ErrorObservation } from './error-trend';
import type { Gated, HistoryFact, JustChecked, SourcesService, SourcesServiceOptions } from './sources-service-types';

export type { Gated, HistoryFact, JustChecked, SourcesService, SourcesServiceOptions } from './sources-service-types';

/** Archived sources looked up at most per "Archived" view (one `get` each). */
const MAX_ARCHIVED_LOOKUPS = 200;

type ManagingAuth = ActiveAuth & { api: NonNullable<ActiveAuth['api']> };

async function get(options: SourcesServiceOptions, id: string): Promise<Source> {
  const active = options.auth.requireActive();
  return seen(options, active, await active.sources.get(id));
}

function seen(options: SourcesServiceOptions, active: ActiveAuth, source: Source): Source {
  // Read-only sessions change nothing, not even what this console remembers.
  if (source.archivedAt !== null && !active.readOnly)
    options.archived?.noteSeen({ profileId: active.profile.id, organizationId: active.organizationId }, [source]);
  return source;
}

/** Ids archived from this console in the active organisation (none when signed out). */
function archivedHereIds(options: SourcesServiceOptions): string[] {
  const { activeProfileId: profileId, activeOrganizationId: organizationId } = options.auth.state();
  return profileId && organizationId ? (options.archived?.archivedHereIds({ profileId, organizationId }) ?? []) : [];
}

async function gated<T>(options: SourcesServiceOptions, read: () => Promise<T>): Promise<Gated<T>> {
  try {
    return { kind: 'ok', value: await read() };
  } catch (error) {
    if (isAppError(error) && error.code === 'langwatch.enterprise_required') return { kind: 'enterprise_required' };
    if (isAppError(error) && error.code === 'langwatch.forbidden') return { kind: 'forbidden' };
    if (
      isAppError(error) &&
      // A read past its deadline (an analytics store that hangs) is unavailable too, not a failure of the detail.
      (error.code === 'langwatch.server_error' ||
        error.code === 'network.unexpected_answer' ||
        error.code === 'network.timeout')
    ) {
      options.log.warn('health read unavailable', {
        code: error.code,
        httpStatus: error.details?.httpStatus,
        reason: error.details?.reason,
      });
      return { kind: 'unavailable', error: error.toData() };
    }
    throw error;
  }
}

function requireManage(options: SourcesServiceOptions): ManagingAuth {
  const active = options.auth.requireActive();
  if (active.readOnly || !active.api) {
    throw new AppError('langwatch.forbidden', 'Support sessions are read-only: sign in as an admin to change sources.');
  }
  if (!active.permissions.canManage) {
    throw new AppError('langwatch.forbidden', 'You need the ingestionSources:manage permission in this organisation.');
  }
  return active as ManagingAuth;
}

async function refreshQuietly(options: SourcesServiceOptions): Promise<void> {
  try {
    await options.monitor.refreshNow();
  } catch (error) {
    options.log.warn('refresh after an action failed', { error: error as Error });
  }
}

async function health(options: SourcesServiceOptions, id: string): Promise<Gated<HealthMetrics>> {
  const active = options.auth.requireActive();
  if (!active.permissions.canViewHealth) return { kind: 'forbidden' };
  return gated(options, () => active.sources.health(id));
}

/**
 * The diagnosis from what is known at once. The source's health (events in 30 d) is not waited
 * for: it has a deadline of its own (10 s when the analytics store hangs) and the detail reads it
 * anyway, so its row says "loading" and the renderer fills it in (`withHealthAnswer`).
 */
async function diagnose(options: SourcesServiceOptions, id: string, justChecked?: JustChecked): Promise<Diagnosis> {
  const { auth, monitor, clock } = options;
  const active = auth.requireActive();
  const source = await get(options, id);
  // The server's clock from the answer that just arrived: age is server time minus server time.
  const reading = active.sources.serverClock();
  const [history, recorded] = await Promise.all([
    options.history ? options.history(id).catch((): HistoryFact[] => []) : Promise.resolve<HistoryFact[]>([]),
    options.lastKeyCheck ? options.lastKeyCheck(id).catch(() => null) : Promise.resolve(null),
  ]);
  const keyed = history.find((h) => (h.action === 'created' || h.action === 'rekeyed') && h.fingerprint !== null);
  const planHealth = auth.state().health;
  const latest = options.latestHistory ? await options.latestHistory().catch(() => ({})) : {};
  const sent = schedulesFromHistory(latest)[id];
  const keyCheck = justChecked?.keyCheck ?? (recorded ? { ...recorded, origin: 'recorded' as const } : null);
  return diagnoseSource({
    sourceId: source.id,
    sourceType: source.sourceType,
    status: source.status,
    archivedAt: source.archivedAt,
    ageSec: ageSec(reading?.serverMs ?? null, source.createdAt),
    schedule: scheduleFactFor(source.pullSchedule, sent),
    keyedHere: keyed ? { at: keyed.at, fingerprint: keyed.fingerprint! } : null,
    keyCheck,
    feed: justChecked?.feed ?? null,
    enterprise: planHealth === 'enterprise_required' ? false : planHealth === 'available' ? true : null,
    events30d: null,
    lastEventIn30d: null,
    health: active.permissions.canViewHealth ? { kind: 'loading' } : { kind: 'forbidden' },
    errors: errorsOf(source.errorCount, monitor.errorTrend(id), clock.now()),
  });
}

/** Archived sources this console knows of: LangWatch lists none, so each is read by id. */
async function archived(options: SourcesServiceOptions): Promise<Source[]> {
  const listed = new Set(options.monitor.rows().map((r) => r.id));
  const [latest, here] = await Promise.all([
    options.latestHistory ? options.latestHistory().catch(() => ({})) : Promise.resolve({}),
    archivedHereIds(options),
  ]);
  const ids = [...new Set([...here, ...Object.keys(latest)])]
    .filter((id) => !listed.has(id))
    .slice(0, MAX_ARCHIVED_LOOKUPS);
  const found: Source[] = [];
  for (let i = 0; i < ids.length; i += 4) {
    const batch = await Promise.all(ids.slice(i, i + 4).map((id) => get(options, id).catch(() => null)));
    for (const source of batch) if (source?.archivedAt) found.push(source);
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

async function archive(options: SourcesServiceOptions, id: string, confirmName: string): Promise<Source> {
  const { log } = options;
  const active = requireManage(options);
  const current = await active.api.getSource(active.organizationId, id);
  // The UI asks for the name too; main re-checks, so a stray call cannot archive anything.
  if (current.name !== confirmName) {
    throw new AppError('invalid_argument', 'The typed name does not match the source name; nothing was archived.');
  }
  if (current.archivedAt) throw new AppError('invalid_argument', 'This source is already archived.');
  const source = seen(options, active, await active.api.archiveSource(active.organizationId, id));
  log.info('source archived', { sourceId: id });
  await options.archived
    ?.remember({ profileId: active.profile.id, organizationId: active.organizationId }, [source], {
      archivedHere: true,
    })
    .catch((error: unknown) => log.warn('archived source not remembered', { error: error as Error }));
  await refreshQuietly(options);
  return source;
}

/** Creates the detail/actions service. */
export function createSourcesService(options: SourcesServiceOptions): SourcesService {
  const { auth, monitor, clock, log } = options;
  return {
    get: (id) => get(options, id),
    health: (id) => health(options, id),
    async events(id, page) {
      const active = auth.requireActive();
      if (!active.permissions.canViewHealth) return { kind: 'forbidden' };
      const fetch: FetchEvents = (query) => active.sources.events(id, query);
      return gated(options, () =>
        readEventsPage(fetch, { limit: page.limit ?? 50, beforeIso: page.beforeIso, skipIds: page.skipIds }),
      );
    },
    diagnose: (id, justChecked) => diagnose(options, id, justChecked),
    async localFacts() {
      const latest = options.latestHistory ? await options.latestHistory().catch(() => ({})) : {};
      return { schedules: schedulesFromHistory(latest) };
    },
    archived: () => archived(options),
    async setStatus(id, status) {
      const active = requireManage(options);
      const source = await active.api.updateSource({ organizationId: active.organizationId, id, status });
      log.info('source status set', { sourceId: id, status });
      await refreshQuietly(options);
      return source;
    },
    archive: (id, confirmName) => archive(options, id, confirmName),
    plan: () => readSourcesPlan(auth.requireActive(), log),
    export(format, ids?: readonly string[], staged?: readonly StagedExportRow[]) {
      const all = monitor.rows();
      let rows = all;
      if (ids) {
        const byId = new Map(all.map((r) => [r.id, r]));
        rows = ids.flatMap((id) => byId.get(id) ?? []);
      }
      return exportFile(format, toExportRows(rows, staged), clock.now());
    },
  };
}

/** The error count and, when this console watched it, where it started (durations measured here). */
function errorsOf(
  count: number | null | undefined,
  watched: ErrorObservation | undefined,
  nowMs: number,
): DiagnosisFacts['errors'] {
  if (count === undefined || count === null) return null;
  return {
    count,
    since:
      watched && watched.firstAtMs < nowMs
        ? { count: watched.firstCount, secondsAgo: (nowMs - watched.firstAtMs) / 1000 }
        : null,
  };
}
