/**
 * Source detail, diagnosis and the admin actions that are not key submissions (enable,
 * disable, archive), plus the export. Reads go through the cookie API or, in a support
 * (device) session, the read-only CLI REST. Replacing a key and changing the cadence are NOT
 * here: they go through the outbox staging path.
 */
import { diagnoseStuckSource, type Diagnosis } from '../../../src-shared/domain/diagnosis';
import type { KeyVerdictKind } from '../../../src-shared/domain/key-verdict';
import type { HealthMetrics, Source, SourceEvent, SourceStatus } from '../../../src-shared/domain/langwatch';
import { cadenceOf } from '../../../src-shared/domain/source-status';
import { AppError, isAppError } from '../../../src-shared/errors';
import type { Clock } from '../clock';
import type { ActiveConnection, ConnectionService } from '../connection/types';
import type { Logger } from '../logging/logger';
import { toCsv, toExportRows, toJson, type StagedExportRow } from './export';
import type { StatusMonitor } from './monitor';

/** What the diagnosis needs of the outbox's local history item (created / re-keyed, when, fingerprint). */
export interface HistoryFact {
  action: string;
  at: string;
  fingerprint: string | null;
}

/** A read that a plan or a permission may rule out: a calm state, not an error. */
export type Gated<T> = { kind: 'ok'; value: T } | { kind: 'enterprise_required' } | { kind: 'forbidden' };

export interface SourcesServiceOptions {
  connection: ConnectionService;
  monitor: StatusMonitor;
  clock: Clock;
  log: Logger;
  /** What this console did to a source (the outbox's local history); empty when absent. */
  history?: (sourceId: string) => Promise<HistoryFact[]>;
  /** The last key check this console made for the key it sent to a source, if any. */
  lastKeyVerdict?: (sourceId: string) => Promise<KeyVerdictKind | null>;
  /** An archived source was seen (archived here, or opened): its name stays taken. */
  onArchivedSeen?: (scope: { profileId: string; organizationId: string }, source: Source) => void;
}

export type SourcesService = ReturnType<typeof createSourcesService>;

/** Creates the detail/actions service. */
export function createSourcesService(options: SourcesServiceOptions) {
  const { connection, monitor, clock, log } = options;

  async function get(id: string): Promise<Source> {
    const active = connection.requireActive();
    if (active.api) return seen(active, await active.api.getSource(active.organizationId, id));
    const found = (await cli(active).listSources()).find((s) => s.id === id);
    if (!found) throw new AppError('langwatch.not_found', 'No such source in this organisation.');
    return found;
  }

  function seen(active: ActiveConnection, source: Source): Source {
    if (source.archivedAt !== null) options.onArchivedSeen?.({ profileId: active.profile.id, organizationId: active.organizationId }, source);
    return source;
  }

  async function gated<T>(read: () => Promise<T>): Promise<Gated<T>> {
    try {
      return { kind: 'ok', value: await read() };
    } catch (error) {
      if (isAppError(error) && error.code === 'langwatch.enterprise_required') return { kind: 'enterprise_required' };
      if (isAppError(error) && error.code === 'langwatch.forbidden') return { kind: 'forbidden' };
      throw error;
    }
  }

  function requireManage(): ActiveConnection & { api: NonNullable<ActiveConnection['api']> } {
    const active = connection.requireActive();
    if (active.readOnly || !active.api) {
      throw new AppError('langwatch.forbidden', 'Support sessions are read-only: sign in as an admin to change sources.');
    }
    if (!active.permissions.canManage) {
      throw new AppError('langwatch.forbidden', 'You need the ingestionSources:manage permission in this organisation.');
    }
    return active as ActiveConnection & { api: NonNullable<ActiveConnection['api']> };
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
      const active = connection.requireActive();
      if (!active.permissions.canViewHealth) return { kind: 'forbidden' };
      return gated(() => (active.api ? active.api.sourceHealthMetrics(active.organizationId, id) : cli(active).sourceHealth(id)));
    },

    async events(id: string, page: { beforeIso?: string; limit?: number }): Promise<Gated<{ events: SourceEvent[]; nextBeforeIso: string | null }>> {
      const active = connection.requireActive();
      if (!active.permissions.canViewHealth) return { kind: 'forbidden' };
      const limit = page.limit ?? 50;
      return gated(async () => {
        const events = active.api
          ? await active.api.eventsForSource(active.organizationId, id, { limit, beforeIso: page.beforeIso })
          : await cli(active).sourceEvents(id, { limit, beforeIso: page.beforeIso });
        const last = events.at(-1);
        return { events, nextBeforeIso: events.length >= limit && last ? last.eventTimestampIso : null };
      });
    },

    async diagnose(id: string): Promise<Diagnosis> {
      const source = await get(id);
      const [history, verdict, health] = await Promise.all([
        options.history ? options.history(id).catch((): HistoryFact[] => []) : Promise.resolve<HistoryFact[]>([]),
        options.lastKeyVerdict ? options.lastKeyVerdict(id).catch(() => null) : Promise.resolve(null),
        this.health(id).catch(() => null),
      ]);
      const keyed = history.filter((h) => h.action === 'created' || h.action === 'rekeyed').filter((h) => h.fingerprint !== null);
      const planHealth = connection.state().health;
      return diagnoseStuckSource({
        sourceType: source.sourceType,
        status: source.status,
        archived: source.archivedAt !== null,
        ageSec: Math.max(0, (clock.now() - Date.parse(source.createdAt)) / 1000),
        createdByConsoleWithKey: history.length === 0 ? null : keyed.length > 0,
        lastKeyedAt: keyed[0]?.at ?? null,
        cadenceSec: cadenceOf(source),
        keyVerdict: verdict,
        enterprise:
          health?.kind === 'enterprise_required' || planHealth === 'enterprise_required'
            ? false
            : health?.kind === 'ok' || planHealth === 'available'
              ? true
              : null,
        events30d: health?.kind === 'ok' ? health.value.events30d : null,
      });
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
      const exported = toExportRows(rows, staged);
      const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, '-');
      return format === 'json'
        ? { filename: `sources-${stamp}.json`, mime: 'application/json', text: toJson(exported), rows: exported.length }
        : { filename: `sources-${stamp}.csv`, mime: 'text/csv', text: toCsv(exported), rows: exported.length };
    },
  };
}

function cli(active: ActiveConnection) {
  if (!active.cli) throw new AppError('auth.not_signed_in', 'Sign in to a LangWatch deployment first.');
  return active.cli;
}
