import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-main/services/clock';
import { createDeploymentLimiter } from '../../../src-main/services/everywhere/deployment-limiter';
import { createFleetStore, type FleetStore } from '../../../src-main/services/everywhere/fleet-store';
import { refreshPlace, type PlaceRuntime } from '../../../src-main/services/everywhere/place-refresh';
import type { ProfileAccess } from '../../../src-main/services/everywhere/profile-access';
import type { RefreshDeps } from '../../../src-main/services/everywhere/refresh-deps';
import type { SourcesReader } from '../../../src-main/services/langwatch/sources-reader';
import { createNullLogger } from '../../../src-main/services/logging/test-loggers';
import type { Source, SourcesHealth } from '../../../src-shared/domain/langwatch';

const source = (id: string): Source => ({
  ...{ id, organizationId: 'acme', teamId: null, sourceType: 'otel_generic', name: `Source ${id}`, description: null },
  ...{ status: 'active', lastEventAt: null, archivedAt: null, createdAt: '2026-12-01T00:00:00.000Z' },
  ...{ updatedAt: '2026-12-01T00:00:00.000Z', createdById: null, pullSchedule: null, errorCount: 0, parserConfig: {} },
});

/**
 * The API hands back the same array for an unchanged list and health (list-memo.ts): such a
 * place builds no rows at all, so a tick over 15,000 unchanged sources costs next to nothing.
 */
describe('a place whose list and health did not change', () => {
  it('builds and sets no rows again; a changed list or health does', async () => {
    let sources = [source('a'), source('b')];
    let health: SourcesHealth = { kind: 'ok', rows: [{ id: 'a', eventsLast24h: 3 } as never] };
    const reader = {
      listLive: async () => sources,
      listHealth: async () => health,
      serverClock: () => null,
    } as unknown as SourcesReader;
    const store = createFleetStore();
    let rowSets = 0;
    const counted: FleetStore = { ...store, setRows: (key, rows) => (rowSets++, store.setRows(key, rows)) };
    const runtime: PlaceRuntime = { listing: false, healthing: false, failures: 0, retryAtMs: null, counts: null };
    const work = new Set<Promise<unknown>>();
    const deps: RefreshDeps = {
      ...{ clock: systemClock, log: createNullLogger(), store: counted, slowAfterMs: 60_000, healthDeadlineMs: 1_000 },
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
    const tick = async () => {
      rowSets = 0;
      await refreshPlace(deps, access, org);
      await Promise.all([...work]);
      return rowSets;
    };
    expect(await tick()).toBeGreaterThan(0);
    expect(await tick()).toBe(0);
    expect(store.rowsOf('p|acme').map((r) => [r.id, r.eventsLast24h])).toEqual([
      ['a', 3],
      ['b', 0],
    ]);
    sources = [...sources, source('c')];
    expect(await tick()).toBe(1);
    health = { kind: 'ok', rows: [{ id: 'a', eventsLast24h: 4 } as never] };
    expect(await tick()).toBeGreaterThan(0);
    expect(store.rowsOf('p|acme').find((r) => r.id === 'a')?.eventsLast24h).toBe(4);
    expect(await tick()).toBe(0);
  });
});
