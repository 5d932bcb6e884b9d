import { describe, expect, it } from 'vitest';
import { SourceDraft } from '../../../src-shared/domain/source-draft';
import { buildSourceRequest, storedConfig } from '../../../src-shared/domain/source-request';

const SECRET = 'sk-ant-admin01-draft-test-secret-value';

describe('a source draft', () => {
  it('accepts a complete anthropic_admin draft and sends its key under credentials', () => {
    const d = SourceDraft.parse({
      sourceType: 'anthropic_admin',
      name: ' Costs ',
      values: { report: 'cost', startingAt: '' },
      secrets: { token: ` ${SECRET} ` },
    });
    expect(d.name).toBe('Costs');
    expect(d.values).toEqual({ report: 'cost' });
    expect(storedConfig(buildSourceRequest(d.sourceType, d.values, d.secrets))).toEqual({
      adapter: 'anthropic_admin',
      report: 'cost',
      schedule: '0 * * * *',
      credentials: { token: SECRET },
    });
  });

  it('names the missing field and the secret sent as a plain value, never echoing it', () => {
    const r = SourceDraft.safeParse({ sourceType: 'anthropic_admin', name: 'x', values: { token: SECRET } });
    expect(r.success).toBe(false);
    const text = JSON.stringify(r.error?.issues);
    expect(text).toContain('Admin API key is a secret');
    expect(text).toContain('Report is required.');
    expect(text).not.toContain(SECRET);
  });

  it('refuses a schedule for a push type and a value outside the choices', () => {
    const r = SourceDraft.safeParse({ sourceType: 'otel_generic', name: 'o', pollEverySec: 300 });
    expect(r.error?.issues[0]?.message).toContain('has no schedule');
    const c = SourceDraft.safeParse({
      sourceType: 'anthropic_admin',
      name: 'a',
      values: { report: 'both' },
      secrets: { token: SECRET },
    });
    expect(c.error?.issues[0]?.message).toBe('Report must be one of usage, cost.');
  });
});
