import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, SEED, type RunningEmulator } from '../../../emulator/index';
import type { AuthState } from '../../../src-shared/domain/auth';
import type { Permissions } from '../../../src-shared/domain/langwatch';
import type { EventName } from '../../../src-shared/ipc/contract';
import { AppError } from '../../../src-shared/errors';
import type { ActiveAuth, AuthService } from '../../../src-main/services/auth/types';
import { createNetwork, type Network } from '../../../src-main/services/network/network';
import { createLangwatchApi, type LangwatchApi } from '../../../src-main/services/langwatch/api';
import { signInWithEmail } from '../../../src-main/services/langwatch/auth';
import { createCliRest } from '../../../src-main/services/langwatch/cli-rest';
import { createLangwatchHttp } from '../../../src-main/services/langwatch/http';
import { apiSourcesReader, cliSourcesReader } from '../../../src-main/services/langwatch/sources-reader';
import { createNullLogger } from '../../../src-main/services/logging/test-loggers';
import { createSourcesMonitor, type SourcesMonitor } from '../../../src-main/services/sources/monitor';
import { emuDeviceToken } from '../../support/device-token';
import { createFakeClock, type FakeClock } from '../../support/fake-clock';
import { startLangwatchProxy } from '../../../e2e/harness/langwatch-proxy';

const ACME = SEED.orgs.enterprise.id;
const SMALL = SEED.orgs.free.id;
const ADMIN: Permissions = { canView: true, canManage: true, canViewHealth: true, raw: [] };

interface Recorded {
  name: EventName;
  payload: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- assertions on event payloads
}

/** The API of a cookie session and the sources reader over it, as the auth state builds them. */
function apiClients(api: LangwatchApi, organizationId: string): Pick<ActiveAuth, 'api' | 'sources'> {
  return { api, sources: apiSourcesReader(api, organizationId) };
}

/** A fake AuthService around a real API (the monitor only needs requireActive/onChange/state). */
function fakeAuth(initial: ActiveAuth | null) {
  let active = initial;
  const listeners = new Set<(s: AuthState) => void>();
  const state = (): AuthState => ({
    profiles: [],
    activeProfileId: active ? 'p1' : null,
    session: active
      ? { kind: 'signed_in', method: 'email', user: { id: 'u', email: null, name: null } }
      : { kind: 'signed_out' },
    organizations: [],
    activeOrganizationId: active?.organizationId ?? null,
    permissions: active?.permissions ?? null,
    health: 'unknown',
    readOnly: active?.readOnly ?? false,
    profileSessions: [],
  });
  const service: AuthService & { set(next: ActiveAuth | null): void } = {
    state,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    requireActive() {
      if (!active) throw new AppError('auth.not_signed_in', 'Sign in first.');
      return active;
    },
    apiFor: async () => {
      throw new Error('not used');
    },
    waitForSession: async () => undefined,
    close: async () => undefined,
    set(next) {
      active = next;
      for (const l of listeners) l(state());
    },
  };
  return service;
}

describe('sources monitor against the emulator (fake clock)', () => {
  let emu: RunningEmulator;
  let cookie: string;
  let clock: FakeClock;
  let network: Network;
  let monitor: SourcesMonitor | null = null;
  let recorded: Recorded[];

  beforeAll(async () => {
    emu = await startEmulator({ langwatchPort: 0, pullerSchedule: false });
    cookie = (
      await signInWithEmail({
        baseUrl: emu.langwatchUrl,
        email: SEED.users.admin.email,
        password: SEED.users.admin.password,
      })
    ).cookie;
  });
  afterAll(async () => {
    await emu?.close();
  });
  beforeEach(async () => {
    await emu.control.setOffline(false);
    clock = createFakeClock();
    recorded = [];
    const http = createLangwatchHttp({ baseUrl: emu.langwatchUrl });
    network = createNetwork({
      clock,
      log: createNullLogger(),
      random: () => 1,
      probe: async (signal) => {
        await http.request({ method: 'GET', path: '/api/trpc/publicEnv?input=%7B%22json%22%3A%7B%7D%7D', signal });
      },
    });
  });
  afterEach(() => {
    monitor?.close();
    monitor = null;
    network.close();
  });

  const api = () => createLangwatchApi({ baseUrl: emu.langwatchUrl, getCookie: async () => cookie });
  const adminOf = (organizationId: string): ActiveAuth => ({
    profile: {
      id: 'p1',
      name: 'Emulator',
      baseUrl: emu.langwatchUrl,
      anthropicBaseUrl: emu.anthropicUrl,
      createdAt: new Date().toISOString(),
    },
    organizationId,
    permissions: ADMIN,
    ...apiClients(api(), organizationId),
    readOnly: false,
  });

  function start(auth: AuthService, extra: { healthDeadlineMs?: number } = {}) {
    monitor = createSourcesMonitor({
      ...extra,
      auth,
      network,
      clock,
      log: createNullLogger(),
      events: { emit: (name, payload) => recorded.push({ name, payload }) },
    });
    return monitor;
  }
  const named = (name: EventName) => recorded.filter((r) => r.name === name).map((r) => r.payload);
  /** Lets the tick in flight (real HTTP) finish, and the health read it started. */
  async function settle(m: SourcesMonitor) {
    await m.refreshNow();
    await m.healthSettled();
  }
  async function waitFor(check: () => boolean) {
    await expect.poll(check, { timeout: 2000, interval: 10 }).toBe(true);
  }

  it('first tick pushes every row once, then only changes; the list and its health in two requests', async () => {
    const m = start(fakeAuth(adminOf(ACME)));
    emu.control.clearRequestLog();
    await clock.advance(0);
    await waitFor(() => named('sources.changed').length >= 1 && m.monitorState().health === 'ok');
    await m.healthSettled();
    const [first, ...counts] = named('sources.changed');
    expect(first.upserts.length).toBe(emu.control.sources(ACME).filter((s) => s.archivedAt === null).length);
    expect(first.removed).toEqual([]);
    // The health fills in the counts it changed, nothing else.
    for (const delta of counts) expect(delta).toMatchObject({ removed: [], transitions: [] });
    expect(m.monitorState()).toMatchObject({
      phase: 'running',
      organizationId: ACME,
      health: 'ok',
      intervalMs: 5_000,
      canManage: true,
    });
    // The deployment's own clock (its Date header) travels with the status, for ages.
    expect(m.monitorState().serverNow).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(m.rows().find((r) => r.id === 'src_cc_prod')?.eventsLast24h).toBeGreaterThan(0);
    const trpcPaths = () =>
      emu.control
        .requestLog()
        .filter((r) => r.path.startsWith('/api/trpc'))
        .map((r) => r.path);
    expect(trpcPaths().sort()).toEqual([
      '/api/trpc/activityMonitor.ingestionSourcesHealth',
      '/api/trpc/ingestionSources.list',
    ]);

    // Nothing changed: the next tick (5 s later) pushes no rows, only the monitor's new updatedAt.
    const pushed = named('sources.changed').length;
    const before = m.monitorState().updatedAt;
    await clock.advance(5_000);
    await waitFor(() => m.monitorState().updatedAt !== before);
    await m.healthSettled();
    expect(named('sources.changed')).toHaveLength(pushed);
    expect(clock.delays.filter((d) => d === 5_000).length).toBeGreaterThanOrEqual(1);
    expect(trpcPaths()).toHaveLength(4);
  });

  it('a pull that brings events turns the row active within one tick, with a transition and becameActive', async () => {
    const { source: created } = await api().createSource({
      organizationId: ACME,
      sourceType: 'claude_compliance',
      name: `Monitor test ${Date.now()}`,
      parserConfig: {
        adapter: 'claude_compliance',
        pollEverySec: 900,
        credentials: { token: SEED.anthropicKeys.compliance },
      },
      pullSchedule: '*/15 * * * *',
    });
    const m = start(fakeAuth(adminOf(ACME)));
    await settle(m);
    expect(m.row(created.id)?.status).toBe('awaiting_first_event');
    const [pull] = await emu.control.pullNow(created.id);
    if (emu.control.modes().puller === 'langwatch') {
      // LangWatch's own puller (LW_EMULATOR_PULLER=langwatch) asks a path Anthropic does not
      // serve: nothing arrives, the row stays awaiting_first_event and nothing is announced.
      expect(pull).toMatchObject({ outcome: 'auth_error', httpStatus: 404 });
      await clock.advance(5_000);
      await settle(m);
      expect(m.row(created.id)?.status).toBe('awaiting_first_event');
      expect(named('sources.becameActive')).toEqual([]);
      await api().archiveSource(ACME, created.id);
      return;
    }
    expect(pull?.outcome).toBe('ok');
    const changesBefore = named('sources.changed').length;
    await clock.advance(5_000);
    // The list's delta carries the transition; the health's own delta (new counts) may follow it.
    const withTransition = () =>
      named('sources.changed')
        .slice(changesBefore)
        .find((d) => d.transitions.length > 0);
    await waitFor(() => withTransition() !== undefined);
    const delta = withTransition();
    expect(delta.upserts.map((r: { id: string }) => r.id)).toContain(created.id);
    expect(delta.upserts.length).toBeLessThan(5);
    expect(delta.transitions).toEqual([
      { id: created.id, name: created.name, from: 'awaiting_first_event', to: 'active' },
    ]);
    expect(named('sources.becameActive')).toEqual([
      { id: created.id, name: created.name, from: 'awaiting_first_event', to: 'active', organizationId: ACME },
    ]);
    expect(m.row(created.id)?.status).toBe('active');
    await api().archiveSource(ACME, created.id);
  });

  it('focus, background and visibility set the interval: 5 s focused, 60 s otherwise', async () => {
    const m = start(fakeAuth(adminOf(ACME)));
    await settle(m);
    expect(m.setVisibility({ focused: false, visible: true }).intervalMs).toBe(60_000);
    clock.delays.length = 0;
    await settle(m);
    expect(clock.delays.at(-1)).toBe(60_000);
    // Back in focus long after the last tick: it ticks at once (delay 0).
    await clock.advance(30_000);
    expect(m.setVisibility({ focused: true, visible: true }).intervalMs).toBe(5_000);
    expect(clock.delays.at(-1)).toBe(0);
    await settle(m);
    expect(m.setVisibility({ focused: true, visible: false }).intervalMs).toBe(60_000);
  });

  it('pauses while offline (no ticks, no requests) and resumes at once when the probe succeeds', async () => {
    const m = start(fakeAuth(adminOf(ACME)));
    await settle(m);
    await emu.control.setOffline(true);
    await settle(m);
    expect(network.isOnline()).toBe(false);
    expect(m.monitorState()).toMatchObject({ phase: 'paused_offline', intervalMs: null });
    expect(m.monitorState().lastError?.code).toMatch(/^network\./);
    const updatedWhileOffline = m.monitorState().updatedAt;
    emu.control.clearRequestLog();
    // Only network's probe runs while offline: the monitor has no timer of its own.
    await clock.advance(1_000);
    // Deliberate: a request that should NOT happen has no fact to wait for; give it time to.
    await new Promise((r) => setTimeout(r, 100));
    expect(emu.control.requestLog().filter((r) => r.path.startsWith('/api/trpc/ingestionSources'))).toHaveLength(0);
    await emu.control.setOffline(false);
    await clock.advance(60_000);
    await waitFor(() => m.monitorState().phase === 'running' && m.monitorState().updatedAt !== updatedWhileOffline);
    expect(network.isOnline()).toBe(true);
    expect(m.monitorState().lastError).toBeNull();
  });

  it('a non-enterprise org: health "enterprise_required" is a calm state, counts are null', async () => {
    const m = start(fakeAuth(adminOf(SMALL)));
    await settle(m);
    expect(m.monitorState()).toMatchObject({ phase: 'running', health: 'enterprise_required', lastError: null });
    expect(m.rows().length).toBeGreaterThan(0);
    expect(m.rows().every((r) => r.eventsLast24h === null)).toBe(true);
  });

  it('an organisation switch clears the old rows and loads the new ones; signing out goes idle', async () => {
    const auth = fakeAuth(adminOf(ACME));
    const m = start(auth);
    await settle(m);
    const acmeIds = m.rows().map((r) => r.id);
    auth.set(adminOf(SMALL));
    await waitFor(
      () =>
        m.monitorState().organizationId === SMALL &&
        m.rows().length > 0 &&
        m.rows().every((r) => r.organizationId === SMALL),
    );
    const removal = named('sources.changed').find((d) => d.organizationId === ACME && d.removed.length > 0);
    expect(removal.removed.sort()).toEqual(acmeIds.sort());
    auth.set(null);
    await waitFor(() => m.monitorState().phase === 'idle');
    expect(m.rows()).toEqual([]);
  });

  it('support mode (device session) reads the CLI REST list, read-only, without archived rows', async () => {
    const device = await emuDeviceToken(emu, ACME);
    const cli = createCliRest({
      http: createLangwatchHttp({ baseUrl: emu.langwatchUrl }),
      organizationId: ACME,
      getAccessToken: async () => device,
    });
    const m = start(
      fakeAuth({
        ...adminOf(ACME),
        api: null,
        sources: cliSourcesReader(cli),
        readOnly: true,
        permissions: { ...ADMIN, canManage: false },
      }),
    );
    await settle(m);
    expect(m.monitorState()).toMatchObject({
      phase: 'running',
      readOnly: true,
      canManage: false,
      health: 'not_requested',
    });
    expect(m.rows().map((r) => r.id)).toContain('src_cc_prod');
    expect(m.rows().some((r) => r.id === 'src_genie')).toBe(false);
  });

  it('health failing with a server error: the list keeps updating, health is "unavailable" with the reason, then recovers', async () => {
    // The emulator fails a whole batch; a real LangWatch fails only the health slot of it.
    const proxy = await startLangwatchProxy(emu.langwatchUrl, {
      failTrpc: {
        route: 'activityMonitor.*',
        httpStatus: 500,
        code: 'clickhouse_unavailable',
        message: 'ClickHouse is not available',
      },
    });
    try {
      const viaProxy = createLangwatchApi({ baseUrl: proxy.url, getCookie: async () => cookie });
      const m = start(fakeAuth({ ...adminOf(ACME), ...apiClients(viaProxy, ACME) }));
      await settle(m);
      expect(m.monitorState()).toMatchObject({
        phase: 'running',
        health: 'unavailable',
        lastError: null,
        healthError: { code: 'langwatch.server_error', details: { httpStatus: 500, reason: 'clickhouse_unavailable' } },
      });
      expect(m.rows().length).toBeGreaterThan(0);
      expect(m.rows().every((r) => r.eventsLast24h === null)).toBe(true);
      proxy.rules.failTrpc = null;
      await settle(m);
      expect(m.monitorState()).toMatchObject({ health: 'ok', healthError: null });
    } finally {
      await proxy.close();
    }
  });

  it('a server error is shown and retried on the next tick, the network stays online', async () => {
    const m = start(fakeAuth(adminOf(ACME)));
    const fault = emu.control.faults.add({ route: 'ingestionSources.list', kind: 'error5xx', times: 1 });
    await settle(m);
    expect(m.monitorState()).toMatchObject({ phase: 'error' });
    expect(network.isOnline()).toBe(true);
    emu.control.faults.remove(fault);
    await settle(m);
    expect(m.monitorState()).toMatchObject({ phase: 'running', lastError: null });
  });

  describe('health that hangs before failing (LangWatch without its analytics store)', () => {
    const healthReads = () =>
      emu.control.requestLog().filter((r) => r.path === '/api/trpc/activityMonitor.ingestionSourcesHealth');
    afterEach(() => emu.control.setActivityMonitorUnavailable(false));

    it('never holds up the list: rows at once, health "loading", one read at a time, then "unavailable" with the reason', async () => {
      emu.control.setActivityMonitorUnavailable(true, 1_500);
      emu.control.clearRequestLog();
      const m = start(fakeAuth(adminOf(ACME)), { healthDeadlineMs: 5_000 });
      const t0 = performance.now();
      await m.refreshNow();
      expect(performance.now() - t0).toBeLessThan(1_000);
      expect(m.monitorState()).toMatchObject({ phase: 'running', health: 'loading', lastError: null });
      expect(m.rows().length).toBeGreaterThan(0);
      expect(m.rows().every((r) => r.eventsLast24h === null)).toBe(true);
      // A tick while the health read is still out lists again but does not ask for health twice.
      await clock.advance(5_000);
      await m.refreshNow();
      expect(m.monitorState()).toMatchObject({ phase: 'running', health: 'loading' });
      await m.healthSettled();
      expect(performance.now() - t0).toBeGreaterThan(1_400);
      expect(m.monitorState()).toMatchObject({
        phase: 'running',
        health: 'unavailable',
        lastError: null,
        healthError: { code: 'langwatch.server_error', details: { reason: 'clickhouse_unavailable' } },
      });
      expect(healthReads()).toHaveLength(1);
      expect(network.isOnline()).toBe(true);
    });

    it('a health read past its own deadline is "unavailable" (timeout), and the network stays online', async () => {
      emu.control.setActivityMonitorUnavailable(true, 3_000);
      const m = start(fakeAuth(adminOf(ACME)), { healthDeadlineMs: 300 });
      await m.refreshNow();
      expect(m.monitorState()).toMatchObject({ phase: 'running', health: 'loading' });
      await m.healthSettled();
      expect(m.monitorState()).toMatchObject({
        phase: 'running',
        health: 'unavailable',
        healthError: { code: 'network.timeout' },
      });
      expect(m.rows().length).toBeGreaterThan(0);
      expect(network.isOnline()).toBe(true);
    });
  });
});
