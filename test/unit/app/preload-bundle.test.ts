import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../src-shared/ipc/contract';

const PRELOAD = join(__dirname, '../../../out/preload/preload.js');

// The sandboxed preload may only require('electron'): anything else fails in a real sandbox.
// This runs the built bundle in a vm whose require knows nothing but a fake electron.
describe('built preload bundle', () => {
  let exposed: Record<string, unknown> = {};
  const invoked: Array<[string, unknown]> = [];
  const required: string[] = [];

  beforeAll(() => {
    if (!existsSync(PRELOAD))
      throw new Error('out/preload/preload.js is missing: `npm run build` runs before the unit tests in `npm test`.');
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: {
        invoke: async (ch: string, input: unknown) => {
          invoked.push([ch, input]);
          return { ok: true, value: null };
        },
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const sandboxRequire = (id: string) => {
      required.push(id);
      if (id === 'electron') return electron;
      throw new Error(`preload required "${id}", which a sandboxed preload cannot load`);
    };
    exposed = {};
    const module = { exports: {} };
    runInNewContext(readFileSync(PRELOAD, 'utf8'), {
      require: sandboxRequire,
      module,
      exports: module.exports,
      console,
    });
  });

  it('requires nothing but electron', () => {
    expect([...new Set(required)]).toEqual(['electron']);
  });

  it('exposes exactly one frozen object, `lw`, with one function per contract channel', async () => {
    expect(Object.keys(exposed)).toEqual(['lw']);
    const lw = exposed.lw as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
    expect(Object.isFrozen(lw)).toBe(true);
    for (const name of CHANNEL_NAMES) {
      const [domain, verb] = name.split('.') as [string, string];
      expect(typeof lw[domain]?.[verb], name).toBe('function');
      expect(Object.isFrozen(lw[domain])).toBe(true);
    }
    await lw.app!.info!({});
    expect(invoked).toContainEqual(['lw:app.info', {}]);
    expect('invoke' in lw).toBe(false);
    expect('ipcRenderer' in lw).toBe(false);
  });
});
