/**
 * Read-only CLI REST (contract §5) with a device-flow Bearer token, mapped to the same DTOs
 * as the tRPC API so the sources views work for support staff too.
 */
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { SUPPORT_LIST_NEEDS_ENTERPRISE } from '../../../src-shared/domain/device-approval';
import type { HealthMetrics, Source, SourceEvent } from '../../../src-shared/domain/langwatch';
import type { LangwatchHttp, ServerClockReading } from './http';
import { cliError } from './cli-errors';
import {
  parseAnswer,
  toHealthMetrics,
  toIsoOrNull,
  toSourceEvent,
  WireEvent,
  WireHealthMetrics,
  WireServerValue,
} from './schemas';

const BASE = '/api/auth/cli/governance/ingest/sources';

const WireCliSource = z.object({
  id: z.string(),
  name: z.string(),
  sourceType: WireServerValue,
  description: z.string().nullable().optional(),
  status: WireServerValue,
  lastEventAt: z.string().nullable().optional(),
  createdAt: z.string(),
  archivedAt: z.string().nullable().optional(),
});

/** A 402 on the list means no read-only access at all for this plan, not "no health". */
function onListError(error: unknown): never {
  if (error instanceof AppError && error.code === 'langwatch.enterprise_required') {
    throw new AppError('langwatch.enterprise_required', SUPPORT_LIST_NEEDS_ENTERPRISE, {
      ...error.details,
      scope: 'list',
    });
  }
  throw error;
}

/** Options of {@link createCliRest}. */
export interface CliRestOptions {
  http: LangwatchHttp;
  /** The organisation the token is bound to (from the device grant). */
  organizationId: string;
  /** The current access token (refreshed by the session manager), null when signed out. */
  getAccessToken: () => Promise<string | null>;
  /** Called on a 401 answer. */
  onUnauthorized?: () => void;
}

/** Per-read options: the caller's cancel, and a deadline of the read's own (activity-monitor reads). */
export interface CliReadOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** The read-only CLI client (device sessions): what a device token may read. */
export interface CliRest {
  /** Sources of the token's organisation. */
  listSources(signal?: AbortSignal): Promise<Source[]>;
  /** Event counts of one source (402 → `langwatch.enterprise_required`). */
  sourceHealth(id: string, options?: CliReadOptions): Promise<HealthMetrics>;
  /** A page of events, newest first. */
  sourceEvents(
    id: string,
    page?: { limit?: number; beforeIso?: string },
    options?: CliReadOptions,
  ): Promise<SourceEvent[]>;
  /** The deployment's clock as of its latest answer (its `Date` header), as for the cookie API. */
  serverClock(): ServerClockReading | null;
}

/**
 * Creates the CLI REST client. The CLI does not return `parserConfig`, `teamId`,
 * `updatedAt` or `createdById`: the DTO gets `{}`, null, `createdAt` and null for them.
 */
export function createCliRest(options: CliRestOptions): CliRest {
  async function get(path: string, read: CliReadOptions = {}): Promise<unknown> {
    const token = await options.getAccessToken();
    if (!token) throw new AppError('auth.not_signed_in', 'Sign in with a device code first.');
    const res = await options.http.request({
      method: 'GET',
      path,
      headers: { authorization: `Bearer ${token}` },
      signal: read.signal,
      timeoutMs: read.timeoutMs,
    });
    if (res.status === 401) options.onUnauthorized?.();
    if (res.status !== 200) throw cliError(res, path.split('?')[0] ?? path);
    try {
      return JSON.parse(res.text) as unknown;
    } catch {
      throw new AppError(
        'network.unexpected_answer',
        'The answer is not JSON: this does not look like a LangWatch deployment.',
        {
          path,
          httpStatus: res.status,
        },
      );
    }
  }

  return {
    serverClock: () => options.http.serverClock?.() ?? null,
    /** Sources of the token's organisation. */
    async listSources(signal?: AbortSignal): Promise<Source[]> {
      const body = parseAnswer(
        z.object({ sources: z.array(WireCliSource) }),
        await get(BASE, { signal }).catch(onListError),
        BASE,
      );
      return body.sources.map((s) => {
        const createdAt = toIsoOrNull(s.createdAt) ?? new Date(0).toISOString();
        return {
          id: s.id,
          organizationId: options.organizationId,
          teamId: null,
          sourceType: s.sourceType,
          name: s.name,
          description: s.description ?? null,
          parserConfig: {},
          status: s.status,
          lastEventAt: toIsoOrNull(s.lastEventAt),
          archivedAt: toIsoOrNull(s.archivedAt),
          createdAt,
          updatedAt: createdAt,
          createdById: null,
        };
      });
    },

    /** Event counts of one source (402 → `langwatch.enterprise_required`). */
    async sourceHealth(id: string, read?: CliReadOptions): Promise<HealthMetrics> {
      const path = `${BASE}/${encodeURIComponent(id)}/health`;
      const body = parseAnswer(z.object({ health: WireHealthMetrics }), await get(path, read), path);
      return toHealthMetrics(body.health);
    },

    /** A page of events, newest first. */
    async sourceEvents(
      id: string,
      page: { limit?: number; beforeIso?: string } = {},
      read?: CliReadOptions,
    ): Promise<SourceEvent[]> {
      const query = new URLSearchParams();
      if (page.limit !== undefined) query.set('limit', String(page.limit));
      if (page.beforeIso) query.set('before_iso', page.beforeIso);
      const path = `${BASE}/${encodeURIComponent(id)}/events${query.size ? `?${query}` : ''}`;
      const body = parseAnswer(
        z.object({ events: z.array(WireEvent) }),
        await get(path, read),
        path.split('?')[0] ?? path,
      );
      return body.events.map(toSourceEvent);
    },
  };
}
