/**
 * The one way to read an organisation's sources, whichever client the session has: the
 * cookie tRPC API (admins) or the read-only CLI REST (device sessions). Chosen in one place
 * (`ActiveAuth.sources`), so the monitor and the sources service never branch on the client.
 * Writes (create, update, archive) are not here: they stay on the API.
 */
import type { HealthMetrics, Source, SourceEvent, SourcesHealth } from '../../../src-shared/domain/langwatch';
import { AppError } from '../../../src-shared/errors';
import type { TrpcCallOptions } from './trpc';
import type { EventsPage, LangwatchApi } from './api';
import type { CliRest } from './cli-rest';
import type { ServerClockReading } from './http';

/**
 * How long one activity-monitor read (list health, one source's health or events) may take:
 * LangWatch without its analytics store fails them after about 4 s (its ClickHouse client
 * retries); past this the console says "unavailable (timed out)" instead of waiting for ever.
 */
export const ACTIVITY_MONITOR_DEADLINE_MS = 10_000;
const monitorDeadline = { timeoutMs: ACTIVITY_MONITOR_DEADLINE_MS };

/** Reads of one organisation's sources. */
export interface SourcesReader {
  /** Live (not archived) sources. */
  listLive(): Promise<Source[]>;
  /**
   * The list's health (24 h counts), asked for on its own so a slow answer never holds up the
   * list; null when this client has none (the CLI). Never throws: a failure is a kind.
   */
  listHealth(options?: Pick<TrpcCallOptions, 'timeoutMs'>): Promise<SourcesHealth | null>;
  /** One source (archived ones too, through the API); `langwatch.not_found` when there is none by that id. */
  get(id: string): Promise<Source>;
  /** Event counts of one source (`langwatch.enterprise_required` on other plans). */
  health(id: string): Promise<HealthMetrics>;
  /** A page of one source's events, newest first, strictly before `beforeIso` when given. */
  events(id: string, page: EventsPage): Promise<SourceEvent[]>;
  /**
   * The deployment's clock as of its latest answer, whichever client read it: ages are server
   * time minus server time for a support session as for an admin; null before any answer.
   */
  serverClock(): ServerClockReading | null;
}

/** Reads through the cookie tRPC API, in `organizationId`. */
export function apiSourcesReader(api: LangwatchApi, organizationId: string): SourcesReader {
  return {
    listLive: () => api.listSources(organizationId),
    listHealth: (options) => api.listHealth(organizationId, options ?? monitorDeadline),
    get: (id) => api.getSource(organizationId, id),
    health: (id) => api.sourceHealthMetrics(organizationId, id, monitorDeadline),
    events: (id, page) => api.eventsForSource(organizationId, id, page, monitorDeadline),
    serverClock: () => api.serverClock(),
  };
}

/** Reads through the read-only CLI REST (the organisation is the device token's). */
export function cliSourcesReader(cli: CliRest): SourcesReader {
  return {
    async listLive() {
      // The contract's CLI list holds no archived sources; filtered anyway so the table is the
      // tRPC list's whatever a server sends.
      return (await cli.listSources()).filter((s) => s.archivedAt === null);
    },
    listHealth: () => Promise.resolve(null),
    async get(id) {
      // The CLI has no single-source read; its list holds no archived ones, so those are not found.
      const found = (await cli.listSources()).find((s) => s.id === id);
      if (!found) throw new AppError('langwatch.not_found', 'No such source in this organisation.');
      return found;
    },
    // The same deadline of their own as through the API: a hanging analytics store says so in 10 s.
    health: (id) => cli.sourceHealth(id, monitorDeadline),
    events: (id, page) => cli.sourceEvents(id, page, monitorDeadline),
    serverClock: () => cli.serverClock(),
  };
}

/**
 * The reader of a session's clients: the API when there is one, else the CLI. With neither
 * (a session still loading) every read says so, as `auth.not_signed_in`.
 */
export function sourcesReaderFor(
  clients: { api: LangwatchApi | null; cli: CliRest | null },
  organizationId: string,
): SourcesReader {
  if (clients.api) return apiSourcesReader(clients.api, organizationId);
  if (clients.cli) return cliSourcesReader(clients.cli);
  const notSignedIn = (): Promise<never> =>
    Promise.reject(new AppError('auth.not_signed_in', 'Sign in to a LangWatch deployment first.'));
  return {
    listLive: notSignedIn,
    listHealth: notSignedIn,
    get: notSignedIn,
    health: notSignedIn,
    events: notSignedIn,
    serverClock: () => null,
  };
}
