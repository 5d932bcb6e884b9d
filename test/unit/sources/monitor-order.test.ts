import { describe, expect, it } from 'vitest';
import type { Source, SourcesHealth } from '../../../src-shared/domain/langwatch';
import type { ActiveAuth, AuthService } from '../../../src-main/services/auth/types';
import type { SourcesReader } from '../../../src-main/services/langwatch/sources-reader';
import { createNetwork } from '../../../src-main/services/network/network';
import { createNullLogger } from '../../../src-main/services/logging/test-loggers';
import { createSourcesMonitor } from '../../../src-main/services/sources/monitor';
import { createFakeClock } from '../../support/fake-clock';

const source = (id: string, description: string | null = null): Source => ({
  id,
  organizationId: 'org',
  teamId: null,
  sourceType: 'claude_compliance',
  name: `Source ${id}`,
  description,
  parserConfig: {},
  status: 'active',
  lastEventAt: null,
  archivedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  createdById: null,
});

/** A monitor over a reader that records the order in which reads are asked for. */
function setup(lists: Source[][]) {
  const asked: string[] = [];
  const emitted: Array<{ name: string; payload: any }> = []; // eslint-disable-line @typescript-eslint/no-explicit-any -- payload assertions
  let tick = 0;
  const sources: SourcesReader = {
    listLive: () => {
      asked.push('list');
      return Promise.resolve(lists[Math.min(tick++, lists.length - 1)]!);
    },
    listHealth: () => {
      asked.push('health');
      return Promise.resolve<SourcesHealth>({ kind: 'ok', rows: [] });
    },
    get: () => Promise.reject(new Error('not used')),
    health: () => Promise.reject(new Error('not used')),
    events: () => Promise.reject(new Error('not used')),
    serverClock: () => null,
  };
  const active = {
    profile: { id: 'p', name: 'p', baseUrl: 'http://lw', anthropicBaseUrl: 'http://a', createdAt: '' },
    organizationId: 'org',
    permissions: { canView: true, canManage: true, canViewHealth: true, raw: [] },
    api: null,
    sources,
    readOnly: false,
  } as unknown as ActiveAuth;
  const auth = {
    state: () => ({ session: { kind: 'signed_in' } }),
    onChange: () => () => undefined,
    requireActive: () => active,
  } as unknown as AuthService;
  const clock = createFakeClock();
  const log = createNullLogger();
  const network = createNetwork({ clock, log, probe: async () => undefined });
  const monitor = createSourcesMonitor({
    auth,
    network,
    clock,
    log,
    autoStart: false,
    events: { emit: (name, payload) => emitted.push({ name, payload }) },
  });
  return { monitor, asked, emitted, close: () => (monitor.close(), network.close()) };
}

describe('sources monitor: the list first', () => {
  it('asks for the list before its health, each tick (the list is what paints)', async () => {
    const t = setup([[source('a')]]);
    await t.monitor.refreshNow();
    await t.monitor.refreshNow();
    await t.monitor.healthSettled();
    expect(t.asked).toEqual(['list', 'health', 'list', 'health']);
    t.close();
  });

  it('a tick pushes exactly the rows that changed, in list order', async () => {
    const t = setup([
      [source('a'), source('b'), source('c')],
      [source('a'), source('b', 'new'), source('c', 'new too')],
    ]);
    await t.monitor.refreshNow();
    await t.monitor.healthSettled();
    t.emitted.length = 0;
    await t.monitor.refreshNow();
    const deltas = t.emitted.filter((e) => e.name === 'sources.changed').map((e) => e.payload);
    expect(deltas).toHaveLength(1);
    expect(deltas[0].upserts.map((r: Source) => [r.id, r.description])).toEqual([
      ['b', 'new'],
      ['c', 'new too'],
    ]);
    t.close();
  });
});
