import { describe, expect, it } from 'vitest';
import type { LangwatchApi } from '../../../src-main/services/langwatch/api';
import { toSource, type WireSource } from '../../../src-main/services/langwatch/schemas';
import { submitEntry } from '../../../src-main/services/outbox/submit';
import { makeEntry } from '../outbox/helpers';

const SEALED = 'enc:v1:c2VhbGVkLWtleS1ieS10aGUtc2VydmVy';
// What a broken or older server might hand out: the sealed key and its internal `_` state.
const LEAKY_CONFIG = {
  adapter: 'claude_compliance',
  pollEverySec: 300,
  credentials: { token: SEALED },
  _cursor: 'act_123',
  _lastError: 'x',
};

function wire(parserConfig: Record<string, unknown>): WireSource {
  const at = '2026-11-28T12:00:00.000Z';
  return {
    id: 'src_1',
    organizationId: 'org_acme',
    teamId: null,
    sourceType: 'claude_compliance',
    name: 'Compliance',
    description: null,
    parserConfig,
    status: 'active',
    lastEventAt: null,
    archivedAt: null,
    createdAt: at,
    updatedAt: at,
    createdById: null,
  } as unknown as WireSource;
}

describe('server-supplied credentials and `_` keys in parserConfig', () => {
  it('never reach the DTO (renderer, records)', () => {
    const source = toSource(wire(LEAKY_CONFIG));
    expect(source.parserConfig).toEqual({ adapter: 'claude_compliance', pollEverySec: 300 });
    expect(JSON.stringify(source)).not.toContain(SEALED);
  });

  it('are never sent back on an update (cadence change or re-key)', async () => {
    const sent: Array<Record<string, unknown>> = [];
    const api = {
      // A fake that hands out the leaky config as is (no DTO conversion in between).
      getSource: async () => ({ ...toSource(wire({})), parserConfig: LEAKY_CONFIG }),
      updateSource: async (input: Record<string, unknown>) => {
        sent.push(input);
        return toSource(wire({}));
      },
    } as unknown as LangwatchApi;
    const entry = makeEntry({ kind: 'update', sourceId: 'src_1', pollEverySec: 900, pullSchedule: '*/15 * * * *' });
    await submitEntry(api, entry, null, {});
    await submitEntry(api, entry, { token: 'sk-ant-api01-new-key-for-this-source' }, {});
    expect(sent[0]!.parserConfig).toEqual({ adapter: 'claude_compliance', pollEverySec: 900 });
    expect(sent[1]!.parserConfig).toEqual({
      adapter: 'claude_compliance',
      pollEverySec: 900,
      credentials: { token: 'sk-ant-api01-new-key-for-this-source' },
    });
    expect(JSON.stringify(sent)).not.toContain(SEALED);
    expect(JSON.stringify(sent)).not.toContain('_cursor');
  });
});
