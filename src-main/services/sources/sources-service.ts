/**
 * Source detail, diagnosis and the admin actions that are not key submissions (enable,
 * disable, archive), plus the export. Reads go through the session's sources reader (the
 * cookie API or, in a support session, the read-only CLI REST); actions through the API.
 * Replacing a key and changing the cadence are NOT here: they go through the outbox staging path.
 */
import {
  diagnoseSource,
  type Diagnosis,
  type DiagnosisFacts,
  type FeedFact,
  type KeyCheckFact,
} from '../../../src-shared/domain/diagnosis';
import { scheduleFactFor } from '../../../src-shared/domain/schedule-fact';
import { ageSec } from '../../../src-shared/domain/source-health';
import type { HealthMetrics, Source, SourceStatus } from '../../../src-shared/domain/langwatch';
import { AppError, isAppError, type ErrorData } from '../../../src-shared/errors';
import type { SourceHistoryItem } from '../../../src-shared/domain/outbox';
import type { LocalSourceFacts } from '../../../src-shared/ipc/channels/sources';
import type { Clock } from '../clock';
import type { ActiveAuth, AuthService } from '../auth/types';
import type { Logger } from '../logging/logger';
import { readEventsPage, type EventsPageAnswer, type FetchEvents } from './event-paging';
import { exportFile, toExportRows, type SourcesExport, type StagedExportRow } from './export';
import type { ArchivedSources } from './archived-sources';
import { schedulesFromHistory } from './local-facts';
import type { ErrorObservation } from './error-trend';
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

/** Archived sources looked up at most per "Archived" view (one `get` each). */
const MAX_ARCHIVED_LOOKUPS = 200;

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
  /** The table (or the chosen rows) as JSON or CSV, staged entries included when given. */
  export(format: 'json' | 'csv', ids?: readonly string[], staged?: readonly StagedExportRow[]): SourcesExport;
}

/** Creates the detail/actions service. */
export function createSourcesService(options: SourcesServiceOptions): SourcesService {
  const { auth, monitor, clock, log } = options;

  async function get(id: string): Promise<Source> {
    const active = auth.requireActive();
    return seen(active, await active.sources.get(id));
  }

  function seen(active: ActiveAuth, source: Source): Source {
    // Read-only sessions change nothing, not even what this console remembers.
    if (source.archivedAt !== null && !active.readOnly)
      options.archived?.noteSeen({ profileId: active.profile.id, organizationId: active.organizationId }, [source]);
    return source;
  }

  /** Ids archived from this console in the active organisation (none when signed out). */
  function archivedHereIds(): string[] {
    const { activeProfileId: profileId, activeOrganizationId: organizationId } = auth.state();
    return profileId && organizationId ? (options.archived?.archivedHereIds({ profileId, organizationId }) ?? []) : [];
  }

  async function gated<T>(read: () => Promise<T>): Promise<Gated<T>> {
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
        log.warn('health read unavailable', {
          code: error.code,
          httpStatus: error.details?.httpStatus,
          reason: error.details?.reason,
        });
        return { kind: 'unavailable', error: error.toData() };
      }
      throw error;
    }
  }

  function requireManage(): ActiveAuth & { api: NonNullable<ActiveAuth['api']> } {
    const active = auth.requireActive();
    if (active.readOnly || !active.api) {
      throw new AppError(
        'langwatch.forbidden',
        'Support sessions are read-only: sign in as an admin to change sources.',
      );
    }
    if (!active.permissions.canManage) {
      throw new AppError(
        'langwatch.forbidden',
        'You need the ingestionSources:manage permission in this organisation.',
      );
    }
    return active as ActiveAuth & { api: NonNullable<ActiveAuth['api']> };
  }

  async function refreshQuietly(): Promise<void> {
    try {
      await monitor.refreshNow();
    } catch (error) {
      log.warn('refresh after an action failed', { error: error as Error });
    }
  }

  return {
    get,

    async health(id: string): Promise<Gated<HealthMetrics>> {
      const active = auth.requireActive();
      if (!active.permissions.canViewHealth) return { kind: 'forbidden' };
      return gated(() => active.sources.health(id));
    },

    async events(
      id: string,
      page: { beforeIso?: string; skipIds?: readonly string[]; limit?: number },
    ): Promise<Gated<EventsPageAnswer>> {
      const active = auth.requireActive();
      if (!active.permissions.canViewHealth) return { kind: 'forbidden' };
      const fetch: FetchEvents = (query) => active.sources.events(id, query);
      return gated(() =>
        readEventsPage(fetch, { limit: page.limit ?? 50, beforeIso: page.beforeIso, skipIds: page.skipIds }),
      );
    },

    async diagnose(id: string, justChecked?: JustChecked): Promise<Diagnosis> {
      const source = await get(id);
      // The server's clock from the answer that just arrived: age is server time minus server time.
      const reading = auth.requireActive().sources.serverClock();
      const [history, recorded, health] = await Promise.all([
        options.history ? options.history(id).catch((): HistoryFact[] => []) : Promise.resolve<HistoryFact[]>([]),
        options.lastKeyCheck ? options.lastKeyCheck(id).catch(() => null) : Promise.resolve(null),
        this.health(id).catch(() => null),
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
        enterprise:
          health?.kind === 'enterprise_required' || planHealth === 'enterprise_required'
            ? false
            : health?.kind === 'ok' || planHealth === 'available'
              ? true
              : null,
        events30d: health?.kind === 'ok' ? health.value.events30d : null,
        lastEventIn30d: health?.kind === 'ok' ? health.value.lastSuccessIso : null,
        errors: errorsOf(source.errorCount, monitor.errorTrend(id), clock.now()),
      });
    },

    async localFacts(): Promise<LocalSourceFacts> {
      const latest = options.latestHistory ? await options.latestHistory().catch(() => ({})) : {};
      return { schedules: schedulesFromHistory(latest) };
    },

    /** Archived sources this console knows of: LangWatch lists none, so each is read by id. */
    async archived(): Promise<Source[]> {
      const listed = new Set(monitor.rows().map((r) => r.id));
      const [latest, here] = await Promise.all([
        options.latestHistory ? options.latestHistory().catch(() => ({})) : Promise.resolve({}),
        archivedHereIds(),
      ]);
      const ids = [...new Set([...here, ...Object.keys(latest)])]
        .filter((id) => !listed.has(id))
        .slice(0, MAX_ARCHIVED_LOOKUPS);
      const found: Source[] = [];
      for (let i = 0; i < ids.length; i += 4) {
        const batch = await Promise.all(ids.slice(i, i + 4).map((id) => get(id).catch(() => null)));
        for (const source of batch) if (source?.archivedAt) found.push(source);
      }
      return found.sort((a, b) => a.name.localeCompare(b.name));
    },

    async setStatus(id: string, status: SourceStatus): Promise<Source> {
      const active = requireManage();
      const source = await active.api.updateSource({ organizationId: active.organizationId, id, status });
      log.info('source status set', { sourceId: id, status });
      await refreshQuietly();
      return source;
    },

    async archive(id: string, confirmName: string): Promise<Source> {
      const active = requireManage();
      const current = await active.api.getSource(active.organizationId, id);
      // The UI asks for the name too; main re-checks, so a stray call cannot archive anything.
      if (current.name !== confirmName) {
        throw new AppError('invalid_argument', 'The typed name does not match the source name; nothing was archived.');
      }
      if (current.archivedAt) throw new AppError('invalid_argument', 'This source is already archived.');
      const source = seen(active, await active.api.archiveSource(active.organizationId, id));
      log.info('source archived', { sourceId: id });
      await options.archived
        ?.remember({ profileId: active.profile.id, organizationId: active.organizationId }, [source], {
          archivedHere: true,
        })
        .catch((error: unknown) => log.warn('archived source not remembered', { error: error as Error }));
      await refreshQuietly();
      return source;
    },

    export(format: 'json' | 'csv', ids?: readonly string[], staged?: readonly StagedExportRow[]) {
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
  seen: ErrorObservation | undefined,
  nowMs: number,
): DiagnosisFacts['errors'] {
  if (count === undefined || count === null) return null;
  return {
    count,
    since:
      seen && seen.firstAtMs < nowMs ? { count: seen.firstCount, secondsAgo: (nowMs - seen.firstAtMs) / 1000 } : null,
  };
}
