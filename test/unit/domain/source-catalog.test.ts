import { describe, expect, it } from 'vitest';
import { SourceType } from '../../../src-shared/domain/langwatch';
import { catalogEntry, isTypeLocked, SOURCE_CATALOG, secretFields } from '../../../src-shared/domain/source-catalog';

describe('the source catalog', () => {
  it('lists every source type LangWatch accepts exactly once', () => {
    expect(SOURCE_CATALOG.map((e) => e.type).sort()).toEqual([...SourceType.options].sort());
  });

  it('sends every secret field under credentials and nothing else there', () => {
    for (const entry of SOURCE_CATALOG)
      for (const f of entry.fields) expect(f.sendAs.in === 'credential', `${entry.type}.${f.key}`).toBe(f.secret);
  });

  it('keeps field keys unique within a type', () => {
    for (const entry of SOURCE_CATALOG) expect(new Set(entry.fields.map((f) => f.key)).size).toBe(entry.fields.length);
  });

  it('stages the compliance key as the one secret of claude_compliance, sent as credentials.token', () => {
    expect(secretFields('claude_compliance').map((f) => f.sendAs)).toEqual([{ in: 'credential', name: 'token' }]);
    expect(catalogEntry('claude_compliance').scheduled).toBe(true);
  });

  it('locks every type but Generic OpenTelemetry on a non-enterprise plan', () => {
    const open = SourceType.options.filter((t) => !isTypeLocked(t, { isEnterprise: false }));
    expect(open).toEqual(['otel_generic']);
    expect(SourceType.options.some((t) => isTypeLocked(t, { isEnterprise: true }))).toBe(false);
  });
});
