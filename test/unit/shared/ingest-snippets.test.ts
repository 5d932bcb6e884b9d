import { describe, expect, it } from 'vitest';
import { ingestEndpoint, ingestSnippets } from '../../../src-shared/domain/ingest-snippets';

const SECRET = 'lw_is_abcdefghijklmnopqrstuvwxyz0123456789ABC';
const base = {
  sourceId: 'src_1',
  sourceName: "Bob's OTel",
  deploymentUrl: 'https://lw.example.test/',
  secret: SECRET,
  nowMs: 1_700_000_000_000,
};

describe('what a push source sender pastes (LangWatch install drawer)', () => {
  it('endpoints: OTLP for the OpenTelemetry types, a webhook for Workato, none for pull types', () => {
    expect(ingestEndpoint('otel_generic', 'https://lw.example.test/', 'src_1')).toEqual({
      kind: 'otlp',
      url: 'https://lw.example.test/api/ingest/otel/src_1',
    });
    expect(ingestEndpoint('claude_code', 'https://lw.example.test', 'src_1')?.kind).toBe('otlp');
    expect(ingestEndpoint('claude_cowork', 'https://lw.example.test', 'src_1')?.kind).toBe('otlp');
    expect(ingestEndpoint('workato', 'https://lw.example.test', 'src_1')).toEqual({
      kind: 'webhook',
      url: 'https://lw.example.test/api/ingest/webhook/src_1',
    });
    expect(ingestEndpoint('claude_compliance', 'https://lw.example.test', 'src_1')).toBeNull();
  });

  it('a snippet per push type, each carrying the endpoint and the bearer secret', () => {
    const ids = (type: string) => ingestSnippets({ ...base, sourceType: type }).map((s) => s.id);
    expect(ids('claude_code')).toEqual(['claude-code-env', 'test-curl']);
    expect(ids('otel_generic')).toEqual(['otel-env', 'test-curl']);
    expect(ids('workato')).toEqual(['test-curl']);
    expect(ids('anthropic_admin')).toEqual([]);
    const [env, curl] = ingestSnippets({ ...base, sourceType: 'claude_code' });
    expect(env!.text).toContain('export OTEL_EXPORTER_OTLP_ENDPOINT="https://lw.example.test/api/ingest/otel/src_1"');
    expect(env!.text).toContain(`export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer ${SECRET}"`);
    expect(curl!.text).toContain(`-H 'Authorization: Bearer ${SECRET}'`);
    // The source name's quote is escaped for the shell, and the test event is timestamped now.
    expect(curl!.text).toContain("Bob'\\''s OTel");
    expect(curl!.text).toContain('1700000000000000000');
  });
});
