import { describe, expect, it } from 'vitest';
import { buildLwApi } from '../../../src-shared/ipc/build-api';
import { CHANNEL_NAMES, IPC_CONTRACT } from '../../../src-shared/ipc/contract';

describe('contract and generated API', () => {
  it('names every channel domain.verb', () => {
    for (const name of CHANNEL_NAMES) expect(name).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
  });

  it('uses strict input objects, so unknown keys are rejected everywhere', () => {
    for (const name of CHANNEL_NAMES) {
      const spec = IPC_CONTRACT[name];
      const sample = spec.input.safeParse({ __unexpected_key__: 1 });
      const issues = sample.success ? [] : sample.error.issues.map((i) => i.code);
      expect(issues, name).toContain('unrecognized_keys');
    }
  });

  it('builds one function per channel and refuses unknown events', async () => {
    const calls: Array<[string, unknown]> = [];
    const api = buildLwApi({
      invoke: async (c, i) => (calls.push([c, i]), { ok: true, value: 1 }),
      subscribe: () => () => undefined,
    });
    await api.app.info({});
    expect(calls).toEqual([['app.info', {}]]);
    expect(() => api.events.on('nope' as never, () => undefined)).toThrow(/Unknown event/);
    expect(Object.isFrozen(api)).toBe(true);
  });
});
