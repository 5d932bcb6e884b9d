/** The seeded LangWatch ingestion sources: one table of every type and status, and the records built from it. */
import { sealCredentials, sha256 } from './seal';
import { HOUR, DAY, SEED, SEED_BASE_MS } from './seed';
import type { SourceRecord, SourceStatus, SourceType } from './types';

/** One seeded source; `active` ones get a backlog of ingested events. */
export interface SourceSeed {
  id: string;
  org: string;
  team: string | null;
  type: SourceType;
  name: string;
  status: SourceStatus;
  archived?: boolean;
  key?: keyof typeof SEED.anthropicKeys;
  schedule?: string;
  pollEverySec?: number;
  errors?: number;
  active?: boolean;
  by?: string | null;
  description?: string;
}

/** The seeded sources, in creation order (an hour apart from SEED_BASE_MS). */
export const SOURCE_SEEDS: SourceSeed[] = [
  {
    id: 'src_cc_prod',
    org: 'org_acme',
    team: 'team_security',
    type: 'claude_compliance',
    name: 'Claude Compliance — Production',
    status: 'active',
    key: 'compliance',
    schedule: '*/15 * * * *',
    pollEverySec: 900,
    active: true,
    description: 'Main Claude Enterprise org',
  },
  {
    id: 'src_cc_composer',
    org: 'org_acme',
    team: null,
    type: 'claude_compliance',
    name: 'Claude Compliance — Web composer',
    status: 'awaiting_first_event',
    pollEverySec: 300,
    description: 'Created in the LangWatch web composer (no key stored)',
  },
  {
    id: 'src_cc_revoked',
    org: 'org_acme',
    team: 'team_security',
    type: 'claude_compliance',
    name: 'Claude Compliance — Research',
    status: 'awaiting_first_event',
    key: 'revoked',
    schedule: '0 * * * *',
    pollEverySec: 3600,
    errors: 4,
  },
  {
    id: 'src_cc_oldadmin',
    org: 'org_acme',
    team: 'team_platform',
    type: 'claude_compliance',
    name: 'Claude Compliance — Legacy admin key',
    status: 'awaiting_first_event',
    key: 'adminNoFeed',
    schedule: '0 0 * * *',
    pollEverySec: 86400,
    errors: 1,
  },
  {
    id: 'src_claude_code',
    org: 'org_acme',
    team: 'team_platform',
    type: 'claude_code',
    name: 'Claude Code — Engineering',
    status: 'active',
    active: true,
  },
  {
    id: 'src_cowork',
    org: 'org_acme',
    team: 'team_platform',
    type: 'claude_cowork',
    name: 'Claude Cowork',
    status: 'awaiting_first_event',
  },
  {
    id: 'src_otel',
    org: 'org_acme',
    team: 'team_platform',
    type: 'otel_generic',
    name: 'OTel Collector',
    status: 'active',
    active: true,
  },
  { id: 'src_workato', org: 'org_acme', team: null, type: 'workato', name: 'Workato Recipes', status: 'disabled' },
  {
    id: 'src_copilot',
    org: 'org_acme',
    team: 'team_security',
    type: 'copilot_studio',
    name: 'Copilot Studio',
    status: 'active',
    active: true,
  },
  {
    id: 'src_openai',
    org: 'org_acme',
    team: 'team_security',
    type: 'openai_compliance',
    name: 'OpenAI Compliance',
    status: 'awaiting_first_event',
  },
  {
    id: 'src_admin_usage',
    org: 'org_acme',
    team: 'team_platform',
    type: 'anthropic_admin',
    name: 'Anthropic Admin Usage',
    status: 'active',
    active: true,
  },
  {
    id: 'src_s3',
    org: 'org_acme',
    team: null,
    type: 's3_custom',
    name: 'S3 Audit Bucket',
    status: 'active',
    active: true,
  },
  {
    id: 'src_genie',
    org: 'org_acme',
    team: null,
    type: 'databricks_genie',
    name: 'Databricks Genie (pilot)',
    status: 'disabled',
    archived: true,
  },
  {
    id: 'src_webhook_old',
    org: 'org_acme',
    team: null,
    type: 'http_custom',
    name: 'HTTP Webhook (old)',
    status: 'disabled',
    archived: true,
  },
  {
    id: 'src_cc_old',
    org: 'org_acme',
    team: 'team_security',
    type: 'claude_compliance',
    name: 'Claude Compliance — Old workspace',
    status: 'disabled',
    archived: true,
    key: 'compliance',
    schedule: '0 */6 * * *',
    pollEverySec: 21600,
  },
  {
    id: 'src_small_cc',
    org: 'org_small',
    team: 'team_small',
    type: 'claude_compliance',
    name: 'Claude Compliance',
    status: 'active',
    key: 'admin',
    schedule: '*/30 * * * *',
    pollEverySec: 1800,
    active: true,
    by: 'user_admin',
  },
  {
    id: 'src_small_otel',
    org: 'org_small',
    team: null,
    type: 'otel_generic',
    name: 'OTel',
    status: 'awaiting_first_event',
  },
];

/** The source records of the seed, their keys sealed with `sealKey`. */
export function buildSources(sealKey: Buffer): SourceRecord[] {
  return SOURCE_SEEDS.map((s, i) => {
    const createdAt = SEED_BASE_MS + i * HOUR;
    const parserConfig: Record<string, unknown> =
      s.type === 'claude_compliance'
        ? { adapter: 'claude_compliance', ...(s.pollEverySec ? { pollEverySec: s.pollEverySec } : {}) }
        : { adapter: s.type };
    if (s.key) parserConfig.credentials = sealCredentials(sealKey, { token: SEED.anthropicKeys[s.key] });
    if (s.type === 'claude_compliance' && s.key) parserConfig._lastPreflight = 'ok';
    return {
      id: s.id,
      organizationId: s.org,
      teamId: s.team,
      sourceType: s.type,
      name: s.name,
      description: s.description ?? null,
      parserConfig,
      pullConfig: null,
      pullSchedule: s.schedule ?? null,
      status: s.status,
      lastEventAt: null,
      archivedAt: s.archived ? createdAt + 10 * DAY : null,
      createdAt,
      updatedAt: s.archived ? createdAt + 10 * DAY : createdAt + 2 * HOUR,
      createdById: s.by === undefined ? 'user_admin' : s.by,
      errorCount: s.errors ?? 0,
      ingestSecretHash: sha256(`seed-secret-${s.id}`),
      previousSecret: null,
      pollerCursor: null,
      lastOverlapAt: null,
      lastSuccessAt: null,
    };
  });
}
