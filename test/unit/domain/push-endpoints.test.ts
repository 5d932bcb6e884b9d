/** Follows platform/app/src/server/routes/ingest/ingestionRoutes.ts and secretModalTargets in ee/governance/dashboard/pages/ingestion-sources.tsx. */
import { describe, expect, it } from 'vitest';
import { SourceType } from '../../../src-shared/domain/langwatch';
import { pushEndpoint, SOURCE_ID_PLACEHOLDER } from '../../../src-shared/domain/push-endpoints';
import { catalogEntry } from '../../../src-shared/domain/source-catalog';

describe('pushEndpoint', () => {
  it('sends OTLP types to /api/ingest/otel/{id} and Workato to /api/ingest/webhook/{id}', () => {
    expect(pushEndpoint('claude_code', 'https://lw.acme.com/', 'src_1')).toEqual({
      protocol: 'otlp',
      url: 'https://lw.acme.com/api/ingest/otel/src_1',
      subPaths: ['/v1/logs', '/v1/metrics'],
      authHeader: 'Authorization',
      authScheme: 'Bearer',
    });
    expect(pushEndpoint('otel_generic', 'https://lw.acme.com', 'src_1')?.url).toBe(
      'https://lw.acme.com/api/ingest/otel/src_1',
    );
    expect(pushEndpoint('claude_cowork', 'https://lw.acme.com', 'src_1')?.protocol).toBe('otlp');
    expect(pushEndpoint('workato', 'http://localhost:5560', 'src 2')?.url).toBe(
      'http://localhost:5560/api/ingest/webhook/src%202',
    );
    expect(pushEndpoint('workato', 'https://lw.acme.com')?.url).toBe(
      `https://lw.acme.com/api/ingest/webhook/${SOURCE_ID_PLACEHOLDER}`,
    );
  });

  it('has an endpoint exactly for the push types of the catalog', () => {
    for (const t of SourceType.options)
      expect(pushEndpoint(t, 'https://x.example', 'id') !== null, t).toBe(catalogEntry(t).mode === 'push');
  });
});
