import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-main/services/clock';
import { createDeploymentLimiter } from '../../../src-main/services/everywhere/deployment-limiter';
import { createFleetStore } from '../../../src-main/services/everywhere/fleet-store';
import { refreshPlace, type PlaceRuntime } from '../../../src-main/services/everywhere/place-refresh';
import type { ProfileAccess } from '../../../src-main/services/everywhere/profile-access';
import type { RefreshDeps } from '../../../src-main/services/everywhere/refresh-deps';
import type { SourcesReader } from '../../../src-main/services/langwatch/sources-reader';
import { createNullLogger } from '../../../src-main/services/logging/test-loggers';
import type { SourcesHealth } from '../../../src-shared/domain/langwatch';

/** A place's refresh over a reader that records the order in which reads are asked for. */
describe('a place refresh: the list first', () => {
  it('asks for the list before its health, each tick (the list is what paints)', async () => {
    const asked: string[] = [];
    const reader = {
      listLive: async () => (asked.push('list'), []),
      listHealth: async (): Promise<SourcesHealth> => (asked.push('health'), { kind: 'ok', rows: [] }),
      serverClock: () => null,
    } as unknown as SourcesReader;
    const store = createFleetStore();
    const runtime: PlaceRuntime = { listing: false, healthing: false, failures: 0, retryAtMs: null, counts: null };
    const work = new Set<Promise<unknown>>();
    const deps: RefreshDeps = {
      ...{ clock: systemClock, log: createNullLogger(), store, slowAfterMs: 60_000, healthDeadlineMs: 1_000 },
      limiter: createDeploymentLimiter(4),
      healthLimiter: createDeploymentLimiter(2),
      placeRuntime: () => runtime,
      flush: () => void store.flush(),
      track: (w) => void work.add(w),
    };
    const access = {
      profile: { id: 'p', name: 'P', baseUrl: 'http://127.0.0.1:1' },
      session: { kind: 'signed_in', user: { id: 'u', email: 'ada@acme.test' } },
      reader: async () => reader,
    } as unknown as ProfileAccess;
    const org = {
      id: 'acme',
      name: 'Acme',
      permissions: { canView: true, canManage: true, canViewHealth: true, raw: [] },
    };
    for (let i = 0; i < 2; i++) {
      await refreshPlace(deps, access, org);
      await Promise.all([...work]);
    }
    expect(asked).toEqual(['list', 'health', 'list', 'health']);
  });
});
