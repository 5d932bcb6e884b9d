/**
 * Where a push source sends its events: LangWatch's receivers
 * (`platform/app/src/server/routes/ingest/ingestionRoutes.ts`), as LangWatch's install drawer
 * shows them (`secretModalTargets` in `ee/governance/dashboard/pages/ingestion-sources.tsx`):
 *
 * - OTLP/HTTP `POST {deployment}/api/ingest/otel/{sourceId}` for `otel_generic`,
 *   `claude_code` and `claude_cowork` (traces on the bare path; an OTLP SDK given it as
 *   `OTEL_EXPORTER_OTLP_ENDPOINT` appends `/v1/logs` and `/v1/metrics`, which the receiver
 *   also takes);
 * - JSON webhook `POST {deployment}/api/ingest/webhook/{sourceId}` for `workato`.
 *
 * Both authenticate with `Authorization: Bearer <ingest secret>` (the `lw_is_…` secret create
 * and rotateSecret return once); the path's source id must be the secret's source, else 401.
 * Pull and S3 types have no push endpoint.
 */
import type { SourceType } from './langwatch';
import { catalogEntry } from './source-catalog';

export type PushProtocol = 'otlp' | 'webhook';

export interface PushEndpoint {
  protocol: PushProtocol;
  /** The URL to paste into the vendor's exporter or webhook settings. */
  url: string;
  /** Paths under `url` the receiver also takes (OTLP signal sub-paths). */
  subPaths: readonly string[];
  /** The header the receiver reads: `Authorization: Bearer <ingest secret>`. */
  authHeader: 'Authorization';
  authScheme: 'Bearer';
}

/** Stands for the source id when the endpoint is shown before the source exists. */
export const SOURCE_ID_PLACEHOLDER = '<source-id>';

/** The push types' protocol: the catalog says which types push; all but Workato speak OTLP. */
function protocolOf(type: SourceType): PushProtocol | null {
  if (catalogEntry(type).mode !== 'push') return null;
  return type === 'workato' ? 'webhook' : 'otlp';
}

/**
 * The endpoint a push type sends to on a deployment, or null for a type LangWatch pulls.
 * `sourceId` is part of the URL; without it the URL carries {@link SOURCE_ID_PLACEHOLDER}.
 */
export function pushEndpoint(type: SourceType, deploymentUrl: string, sourceId?: string): PushEndpoint | null {
  const protocol = protocolOf(type);
  if (!protocol) return null;
  const base = deploymentUrl.trim().replace(/\/+$/, '');
  const id = sourceId ? encodeURIComponent(sourceId) : SOURCE_ID_PLACEHOLDER;
  return {
    protocol,
    url: `${base}/api/ingest/${protocol === 'otlp' ? 'otel' : 'webhook'}/${id}`,
    subPaths: protocol === 'otlp' ? ['/v1/logs', '/v1/metrics'] : [],
    authHeader: 'Authorization',
    authScheme: 'Bearer',
  };
}
