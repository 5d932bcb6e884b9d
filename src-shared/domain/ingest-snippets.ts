/**
 * What a push source's sender needs, ready to paste: the endpoint it sends to and a snippet per
 * push type, as LangWatch's own install drawer builds them (`secretModalTargets`,
 * `buildClaudeCodeEnvBlock`, `buildTestCurl` in `ee/governance/dashboard/pages/ingestion-sources.tsx`).
 * Pure: the reveal panel builds them from the revealed secret and forgets them with it.
 */
import { SourceType } from './langwatch';
import { pushEndpoint } from './push-endpoints';

/** Where a push source sends: OTLP for the OpenTelemetry types, a webhook for Workato. */
export interface IngestEndpoint {
  kind: 'otlp' | 'webhook';
  url: string;
}

/** One ready-to-paste block. */
export interface IngestSnippet {
  id: 'claude-code-env' | 'otel-env' | 'test-curl';
  title: string;
  text: string;
}

/**
 * The endpoint a push source of `sourceType` sends to on `deploymentUrl`; null for a type with
 * no push endpoint. The URL is {@link pushEndpoint}'s, the one home of LangWatch's receivers.
 */
export function ingestEndpoint(sourceType: string, deploymentUrl: string, sourceId: string): IngestEndpoint | null {
  const known = SourceType.safeParse(sourceType);
  const push = known.success ? pushEndpoint(known.data, deploymentUrl, sourceId) : null;
  return push && { kind: push.protocol, url: push.url };
}

/** Claude Code's telemetry settings (LangWatch's `buildClaudeCodeEnvBlock`, verbatim). */
function claudeCodeEnv(url: string, secret: string): string {
  return [
    `export CLAUDE_CODE_ENABLE_TELEMETRY=1`,
    `export OTEL_TRACES_EXPORTER=otlp`,
    `export OTEL_LOGS_EXPORTER=otlp`,
    `export OTEL_METRICS_EXPORTER=otlp`,
    `export OTEL_EXPORTER_OTLP_PROTOCOL=http/json`,
    `export OTEL_LOG_USER_PROMPTS=1`,
    `export OTEL_LOG_TOOL_DETAILS=1`,
    `export OTEL_LOG_TOOL_CONTENT=1`,
    `export OTEL_LOG_RAW_API_BODIES=1`,
    `export OTEL_EXPORTER_OTLP_ENDPOINT="${url}"`,
    `export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer ${secret}"`,
  ].join('\n');
}

/** A smoke test that lands in the 24-hour health window (LangWatch's `buildTestCurl`). */
function testCurl(endpoint: IngestEndpoint, secret: string, sourceName: string, nowMs: number): string {
  const body =
    endpoint.kind === 'webhook'
      ? '{"event":"test.smoke","actor":"you@your.org"}'
      : JSON.stringify({
          resource_spans: [
            {
              resource: { attributes: [{ key: 'service.name', value: { stringValue: sourceName } }] },
              scope_spans: [
                {
                  spans: [
                    {
                      name: 'chat.completion',
                      startTimeUnixNano: `${nowMs}000000`,
                      attributes: [
                        { key: 'gen_ai.usage.input_tokens', value: { intValue: 120 } },
                        { key: 'gen_ai.usage.output_tokens', value: { intValue: 480 } },
                        { key: 'user.email', value: { stringValue: 'you@your.org' } },
                        { key: 'gen_ai.request.model', value: { stringValue: 'claude-sonnet-4' } },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        });
  return [
    `curl -X POST '${endpoint.url}' \\`,
    `  -H 'Authorization: Bearer ${secret}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${body.replace(/'/g, "'\\''")}'`,
  ].join('\n');
}

/** The snippets of a push source, ready to paste; none for a type without a push endpoint. */
export function ingestSnippets(options: {
  sourceType: string;
  sourceId: string;
  sourceName: string;
  deploymentUrl: string;
  secret: string;
  nowMs: number;
}): IngestSnippet[] {
  const { sourceType, secret } = options;
  const endpoint = ingestEndpoint(sourceType, options.deploymentUrl, options.sourceId);
  if (!endpoint) return [];
  const snippets: IngestSnippet[] = [];
  if (sourceType === 'claude_code')
    snippets.push({ id: 'claude-code-env', title: 'Claude Code settings', text: claudeCodeEnv(endpoint.url, secret) });
  else if (endpoint.kind === 'otlp')
    snippets.push({
      id: 'otel-env',
      title: 'OpenTelemetry exporter settings',
      text: [
        `export OTEL_EXPORTER_OTLP_ENDPOINT="${endpoint.url}"`,
        `export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer ${secret}"`,
      ].join('\n'),
    });
  snippets.push({
    id: 'test-curl',
    title: 'Send one test event',
    text: testCurl(endpoint, secret, options.sourceName, options.nowMs),
  });
  return snippets;
}
