/**
 * Typed LangWatch calls over tRPC with a session cookie: organisations, permissions,
 * ingestion sources and their health. Every answer is zod-validated and converted to the
 * JSON-safe DTOs of src-shared/domain/langwatch.ts.
 */
import { z } from 'zod';
import { AppError, isAppError } from '../../../src-shared/errors';
import {
  CreateSourceInput,
  UpdateSourceInput,
  type HealthMetrics,
  type Organization,
  type Permissions,
  type Source,
  type SourceEvent,
  type SourceHealthRow,
  type SourcesHealth,
} from '../../../src-shared/domain/langwatch';
import { createLangwatchHttp, type LangwatchHttp, type LangwatchHttpOptions, type ServerClockReading } from './http';
import {
  parseAnswer,
  toHealthMetrics,
  toHealthRow,
  toOrganization,
  toPermissions,
  toSource,
  toSourceEvent,
  WireEvent,
  WireHealthMetrics,
  WireActivePlan,
  WireHealthRow,
  WireOrganization,
  WirePermissions,
  WirePublicEnv,
  WireSource,
} from './schemas';
import { readSourceWithSecret, type SourceWithSecret } from './ingest-secret-answer';
import { createListMemo } from './list-memo';
import { createTrpcClient, type TrpcCallOptions } from './trpc';
import { asStaleTeam } from './trpc-errors';

// Built once: these parse every monitor tick (5,000 rows each at the high end).
const WireSourceList = z.array(WireSource);
const WireHealthList = z.array(WireHealthRow);

/** Options of {@link createLangwatchApi}. */
export interface LangwatchApiOptions {
  baseUrl: string;
  /** The full cookie pair (`better-auth.session_token=…`), read per call; null = signed out. */
  getCookie: () => Promise<string | null>;
  /** Called when the server answered 401 to a call made with `cookieUsed`. */
  onUnauthorized?: (cookieUsed: string | null) => void;
  /** A ready request function (shared per deployment), or options to create one. */
  http?: LangwatchHttp | Omit<LangwatchHttpOptions, 'baseUrl'>;
}

/** Public deployment settings (no session needed). */
export type PublicEnv = z.infer<typeof WirePublicEnv>;

/** Options for event pages. */
export interface EventsPage {
  limit?: number;
  beforeIso?: string;
}

/** The typed LangWatch API of one deployment (cookie session). Every method throws only AppError. */
export interface LangwatchApi {
  /** The deployment's normalised base URL. */
  readonly baseUrl: string;
  /** The deployment's clock as of its latest answer (see LangwatchHttp.serverClock). */
  serverClock(): ServerClockReading | null;
  /** Public settings; `NEXTAUTH_PROVIDER === "email"` means the password form applies. */
  publicEnv(opts?: TrpcCallOptions): Promise<PublicEnv>;
  /** The organisations of the signed-in person. */
  organizations(opts?: TrpcCallOptions): Promise<Organization[]>;
  /** What the person may do in `organizationId`. */
  effectivePermissions(organizationId: string, opts?: TrpcCallOptions): Promise<Permissions>;
  /** The organisation's plan (`plan.getActivePlan`, needs `organization:view`); Enterprise is type `ENTERPRISE`. */
  activePlan(organizationId: string, opts?: TrpcCallOptions): Promise<{ type: string }>;
  /** Non-archived sources, ordered by name. */
  listSources(organizationId: string, opts?: TrpcCallOptions): Promise<Source[]>;
  /** One source (archived ones too). */
  getSource(organizationId: string, id: string, opts?: TrpcCallOptions): Promise<Source>;
  /**
   * Creates a source. The answer's one-time `ingestSecret` is validated and registered as a
   * known secret at once; the caller keeps it in the keychain (ingest-secrets/) or lets it go.
   */
  createSource(input: CreateSourceInput, opts?: TrpcCallOptions): Promise<SourceWithSecret>;
  /** Mints a new ingest secret; LangWatch honours the previous one for 24 h more. */
  rotateSecret(organizationId: string, id: string, opts?: TrpcCallOptions): Promise<SourceWithSecret>;
  /** Updates a source; omitted fields stay unchanged. */
  updateSource(input: UpdateSourceInput, opts?: TrpcCallOptions): Promise<Source>;
  /** Archives a source (no undo on the server). */
  archiveSource(organizationId: string, id: string, opts?: TrpcCallOptions): Promise<Source>;
  /** Health rows of every source (throws `langwatch.enterprise_required` on other plans). */
  sourcesHealth(organizationId: string, opts?: TrpcCallOptions): Promise<SourceHealthRow[]>;
  /** Event counts of one source (zeros for an unknown id). */
  sourceHealthMetrics(organizationId: string, sourceId: string, opts?: TrpcCallOptions): Promise<HealthMetrics>;
  /** A page of events, newest first; page on with the last row's `eventTimestampIso`. */
  eventsForSource(
    organizationId: string,
    sourceId: string,
    page?: EventsPage,
    opts?: TrpcCallOptions,
  ): Promise<SourceEvent[]>;
  /**
   * The list's health in its own GET (the sources monitor asks for it beside the list, never
   * batched with it: LangWatch answers a batch only when its slowest item is done, and health
   * can take seconds to fail). Never throws: a failure is a kind, with its reason.
   */
  listHealth(organizationId: string, opts?: TrpcCallOptions): Promise<SourcesHealth>;
}

/** Creates the typed API. Throws only AppError. */
export function createLangwatchApi(options: LangwatchApiOptions): LangwatchApi {
  const http = isHttp(options.http) ? options.http : createLangwatchHttp({ ...options.http, baseUrl: options.baseUrl });

  // Sign-in-free client for publicEnv.
  const anonymous = createTrpcClient({ http });
  const trpc = cookieTrpcClient(http, options);
  // Each tick reads the same 5,000 sources again: unchanged items keep their validated DTO.
  const sourceList = createListMemo((data) => parseSources(data, 'ingestionSources.list'));
  const healthList = createListMemo((data) => parseHealth(data, HEALTH_PATH));

  const api: LangwatchApi = {
    baseUrl: http.baseUrl,

    serverClock: (): ServerClockReading | null => http.serverClock?.() ?? null,

    async publicEnv(opts?: TrpcCallOptions): Promise<PublicEnv> {
      return parseAnswer(WirePublicEnv, await anonymous.query('publicEnv', {}, opts), 'publicEnv');
    },

    async organizations(opts?: TrpcCallOptions): Promise<Organization[]> {
      const data = await trpc.query('organization.getAll', {}, opts);
      return parseAnswer(z.array(WireOrganization), data, 'organization.getAll').map(toOrganization);
    },

    async effectivePermissions(organizationId: string, opts?: TrpcCallOptions): Promise<Permissions> {
      const data = await trpc.query('authz.effectivePermissions', { organizationId }, opts);
      return toPermissions(parseAnswer(WirePermissions, data, 'authz.effectivePermissions').permissions);
    },

    async activePlan(organizationId: string, opts?: TrpcCallOptions): Promise<{ type: string }> {
      const data = await trpc.query('plan.getActivePlan', { organizationId }, opts);
      return { type: parseAnswer(WireActivePlan, data, 'plan.getActivePlan').type };
    },

    async listSources(organizationId: string, opts?: TrpcCallOptions): Promise<Source[]> {
      return sourceList(
        await trpc.query('ingestionSources.list', { organizationId }, { ...opts, reuseUnchanged: true }),
      );
    },

    async getSource(organizationId: string, id: string, opts?: TrpcCallOptions): Promise<Source> {
      const data = await trpc.query('ingestionSources.get', { organizationId, id }, opts);
      return toSource(parseAnswer(WireSource, data, 'ingestionSources.get'));
    },

    async createSource(input: CreateSourceInput, opts?: TrpcCallOptions): Promise<SourceWithSecret> {
      const valid = validateInput(CreateSourceInput, input);
      const data = await trpc.mutation('ingestionSources.create', valid, opts).catch((e: unknown) => {
        throw asStaleTeam(e, valid.teamId);
      });
      return readSourceWithSecret(data, 'ingestionSources.create');
    },

    async rotateSecret(organizationId: string, id: string, opts?: TrpcCallOptions): Promise<SourceWithSecret> {
      const data = await trpc.mutation('ingestionSources.rotateSecret', { organizationId, id }, opts);
      return readSourceWithSecret(data, 'ingestionSources.rotateSecret');
    },

    async updateSource(input: UpdateSourceInput, opts?: TrpcCallOptions): Promise<Source> {
      const valid = validateInput(UpdateSourceInput, input);
      const data = await trpc.mutation('ingestionSources.update', valid, opts).catch((e: unknown) => {
        throw asStaleTeam(e, valid.teamId);
      });
      return toSource(parseAnswer(WireSource, data, 'ingestionSources.update'));
    },

    async archiveSource(organizationId: string, id: string, opts?: TrpcCallOptions): Promise<Source> {
      const data = await trpc.mutation('ingestionSources.archive', { organizationId, id }, opts);
      return toSource(parseAnswer(WireSource, data, 'ingestionSources.archive'));
    },

    async sourcesHealth(organizationId: string, opts?: TrpcCallOptions): Promise<SourceHealthRow[]> {
      return parseHealth(await trpc.query(HEALTH_PATH, { organizationId }, opts), HEALTH_PATH);
    },

    async sourceHealthMetrics(
      organizationId: string,
      sourceId: string,
      opts?: TrpcCallOptions,
    ): Promise<HealthMetrics> {
      const data = await trpc.query('activityMonitor.sourceHealthMetrics', { organizationId, sourceId }, opts);
      return toHealthMetrics(parseAnswer(WireHealthMetrics, data, 'activityMonitor.sourceHealthMetrics'));
    },

    async eventsForSource(
      organizationId: string,
      sourceId: string,
      page: EventsPage = {},
      opts?: TrpcCallOptions,
    ): Promise<SourceEvent[]> {
      const input = {
        organizationId,
        sourceId,
        limit: page.limit ?? 50,
        ...(page.beforeIso ? { beforeIso: page.beforeIso } : {}),
      };
      const data = await trpc.query('activityMonitor.eventsForSource', input, opts);
      return parseAnswer(z.array(WireEvent), data, 'activityMonitor.eventsForSource').map(toSourceEvent);
    },

    async listHealth(organizationId: string, opts?: TrpcCallOptions): Promise<SourcesHealth> {
      try {
        const data = await trpc.query(HEALTH_PATH, { organizationId }, { ...opts, reuseUnchanged: true });
        return { kind: 'ok', rows: healthList(data) };
      } catch (error) {
        return toUnavailableHealth(error);
      }
    },
  };
  return api;
}

/** The tRPC client that sends the session cookie (read per call) and reports a 401 with the cookie it used. */
function cookieTrpcClient(http: LangwatchHttp, options: LangwatchApiOptions) {
  return createTrpcClient({
    http,
    getHeaders: async () => {
      const cookie = await options.getCookie();
      if (!cookie) {
        throw new AppError('auth.not_signed_in', 'Sign in to this LangWatch deployment first.');
      }
      return { cookie };
    },
    onUnauthorized: (headersUsed) => options.onUnauthorized?.(headersUsed.cookie ?? null),
  });
}

const HEALTH_PATH = 'activityMonitor.ingestionSourcesHealth';
const parseSources = (data: unknown, path: string) => parseAnswer(WireSourceList, data, path).map(toSource);
const parseHealth = (data: unknown, path: string) => parseAnswer(WireHealthList, data, path).map(toHealthRow);

/** Why the list has no health: a plan or permission state, else unavailable with the reason. */
function toUnavailableHealth(error: unknown): SourcesHealth {
  const appError = isAppError(error)
    ? error
    : new AppError('internal', 'The health answer could not be read inside the console.');
  if (appError.code === 'langwatch.enterprise_required') return { kind: 'enterprise_required' };
  if (appError.code === 'langwatch.forbidden') return { kind: 'forbidden' };
  return { kind: 'unavailable', error: appError.toData() };
}

/** Checks a call's input before sending; issues name paths only, never values. */
function validateInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`);
  throw new AppError('invalid_argument', `Invalid request: ${issues.join('; ')}`, { issues });
}

function isHttp(value: LangwatchApiOptions['http']): value is LangwatchHttp {
  return typeof value === 'object' && value !== null && typeof (value as LangwatchHttp).request === 'function';
}
