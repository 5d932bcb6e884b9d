/** Library entry: `startEmulator(options)` starts the LangWatch + Anthropic emulator on loopback. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityLog, generateActivity, makeRng } from './anthropic/activities';
import { createAnthropicHandler } from './anthropic/server';
import { createControl } from './control';
import type { EmulatorControl, RequestLogEntry } from './control-api';
import { createControlHttp } from './control-http';
import { Faults, type Side } from './faults';
import { withFaults } from './with-faults';
import { createLangwatchHandler } from './langwatch/server';
import { loadOrCreateKeys, loadSnapshot, Saver } from './persist';
import { Puller } from './puller/puller';
import { PULLER_MODES, RateLimiter, type Modes, type PullerMode, type Runtime, type Settings } from './runtime';
import { buildSeed } from './seed-state';
import { Store } from './store';

export { SEED } from './seed';
export type { EmulatorControl, RawSourceView, RequestLogEntry, SeedUserKey } from './control-api';
export type { FaultSpec, FaultKind, ActiveFault, Side } from './faults';
export type { PullResult } from './puller/puller';
export type { Settings, PullerMode, Modes } from './runtime';
export { PULLER_MODES } from './runtime';
export type { AppRouter } from './langwatch/router';

export interface EmulatorOptions {
  /** Listen address (default 127.0.0.1). */
  host?: string;
  /** LangWatch port (default 0: a free port). */
  langwatchPort?: number;
  /** Anthropic port (default 0: a free port). */
  anthropicPort?: number;
  /** Persist state to this JSON file (atomic writes); keys go to `FILE.key`. In-memory when omitted. */
  dataFile?: string;
  /** Serve the control surface over HTTP at `/__emulator/*` on the LangWatch port. */
  controlHttp?: boolean;
  /** Clock (epoch ms) for deterministic tests; real time otherwise. */
  now?: () => number;
  /** Run the cron scheduler of the puller (default true; `pullNow` always works). */
  pullerSchedule?: boolean;
  /** Append a random activity to the Anthropic feed every N ms (default 0: off). */
  liveActivityEveryMs?: number;
  /** Limits (sign-in 30/15 min, /api/auth 100/min, Anthropic 600/min). */
  settings?: Partial<Settings>;
  /**
   * Which puller the emulated deployment runs (default `documented`: Anthropic's Compliance
   * API). `langwatch` = what LangWatch's puller does at the referenced version (audit_log,
   * which Anthropic answers 404): compliance sources stay awaiting_first_event.
   */
  puller?: PullerMode;
  /** activityMonitor.* answers 500 `clickhouse_unavailable` (a deployment without its analytics store). */
  activityMonitorUnavailable?: boolean;
  /** The deployment's configured public URL (NEXTAUTH_URL); default: the emulator's own URL. */
  publicOrigin?: string;
}

export interface RunningEmulator {
  langwatchUrl: string;
  anthropicUrl: string;
  control: EmulatorControl;
  close(): Promise<void>;
}

/**
 * `LW_EMULATOR_PULLER=langwatch` makes every emulator that does not choose a puller run
 * LangWatch's (the console's test fixtures and harness start emulators without one), so the
 * console's tests can run against both deployments.
 */
function pullerFromEnv(): PullerMode {
  const raw = process.env.LW_EMULATOR_PULLER;
  if (!raw) return 'documented';
  if (!(PULLER_MODES as readonly string[]).includes(raw))
    throw new Error(`LW_EMULATOR_PULLER must be one of: ${PULLER_MODES.join(', ')}`);
  return raw as PullerMode;
}

const DEFAULT_SETTINGS: Settings = {
  signInLimit: 30,
  signInWindowMs: 15 * 60_000,
  authPathLimit: 100,
  anthropicLimit: 600,
};
const LOG_MAX = 10_000;

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts both servers, the puller and (optionally) persistence. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const keys = await loadOrCreateKeys(options.dataFile);
  const store = new Store();
  const settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const rng = makeRng(0x5eed);
  const initialModes = (): Modes => ({
    puller: options.puller ?? pullerFromEnv(),
    activityMonitorUnavailable: options.activityMonitorUnavailable ?? false,
    publicOrigin: options.publicOrigin ? options.publicOrigin.replace(/\/+$/, '') : null,
  });
  const rt: Runtime = {
    modes: initialModes(),
    publicUrl: () => rt.modes.publicOrigin ?? rt.urls.langwatch,
    store,
    now,
    sealKey: keys.sealKey,
    cookieSecret: keys.cookieSecret,
    urls: { langwatch: '', anthropic: '' },
    settings,
    limiter: new RateLimiter(),
    activities: new ActivityLog([]),
    addActivity(ms, forced) {
      const entry = generateActivity(rng, ms, store.activitySeq++, forced);
      rt.activities.add(entry);
      store.touch();
    },
  };
  const loadState = (fromFile: boolean): void => {
    const snap =
      (fromFile && options.dataFile ? loadSnapshot(options.dataFile) : null) ?? buildSeed(now(), keys.sealKey);
    store.load(snap);
    rt.activities = new ActivityLog(store.activities);
  };
  loadState(true);
  const saver = options.dataFile ? new Saver(options.dataFile, () => store.snapshot()) : null;
  if (saver) {
    store.onChange = () => saver.schedule();
    await saver.flush();
  }

  const faults = new Faults();
  const log: RequestLogEntry[] = [];
  const logRequest =
    (side: Side) =>
    (req: { method?: string }, path: string, status: number, startedAt: number, fault: string | null): void => {
      log.push({
        at: new Date(startedAt).toISOString(),
        side,
        method: req.method ?? 'GET',
        path,
        status,
        durationMs: Date.now() - startedAt,
        fault,
      });
      if (log.length > LOG_MAX) log.splice(0, log.length - LOG_MAX);
    };
  const puller = new Puller(rt);
  const servers: Record<Side, Server> = { langwatch: createServer(), anthropic: createServer() };
  const ports: Record<Side, number> = { langwatch: options.langwatchPort ?? 0, anthropic: options.anthropicPort ?? 0 };
  const offlineTimers = new Set<NodeJS.Timeout>();

  const setOffline: EmulatorControl['setOffline'] = async (offline, opts = {}) => {
    const which: Side[] = !opts.which || opts.which === 'both' ? ['langwatch', 'anthropic'] : [opts.which];
    for (const side of which) {
      if (offline) await closeServer(servers[side]);
      else if (!servers[side].listening) await listen(servers[side], ports[side], host);
    }
    // Let in-process clients see their pooled connections close before the caller goes on.
    if (offline) await new Promise((r) => setTimeout(r, 20));
    if (opts.forMs !== undefined) {
      const t = setTimeout(() => {
        offlineTimers.delete(t);
        void setOffline(!offline, { which: opts.which });
      }, opts.forMs);
      t.unref();
      offlineTimers.add(t);
    }
  };

  const control = createControl({
    rt,
    faults,
    puller,
    log,
    setOffline,
    defaults: { signInLimit: settings.signInLimit, anthropicLimit: settings.anthropicLimit },
    addActivity(type, at) {
      const entry = generateActivity(rng, at ?? now(), store.activitySeq++);
      if (type) entry.activity.type = type;
      rt.activities.add(entry);
      store.touch();
      return entry.activity.id;
    },
    async reset() {
      faults.clear();
      rt.limiter.reset();
      Object.assign(settings, DEFAULT_SETTINGS, options.settings);
      rt.modes = initialModes();
      log.length = 0;
      loadState(false);
      store.touch();
      await setOffline(false);
    },
  });

  const controlHttp = options.controlHttp ? createControlHttp(control) : undefined;
  servers.langwatch.on(
    'request',
    withFaults(faults, 'langwatch', createLangwatchHandler(rt, controlHttp), logRequest('langwatch')),
  );
  servers.anthropic.on('request', withFaults(faults, 'anthropic', createAnthropicHandler(rt), logRequest('anthropic')));
  for (const s of Object.values(servers)) {
    s.keepAliveTimeout = 5_000;
  }
  ports.langwatch = await listen(servers.langwatch, ports.langwatch, host);
  ports.anthropic = await listen(servers.anthropic, ports.anthropic, host);
  rt.urls.langwatch = `http://${host}:${ports.langwatch}`;
  rt.urls.anthropic = `http://${host}:${ports.anthropic}`;

  if (options.pullerSchedule !== false) puller.start();
  let liveTimer: NodeJS.Timeout | null = null;
  if (options.liveActivityEveryMs) {
    liveTimer = setInterval(() => control.addActivities(1), options.liveActivityEveryMs);
    liveTimer.unref();
  }

  let closing: Promise<void> | null = null;
  return {
    langwatchUrl: rt.urls.langwatch,
    anthropicUrl: rt.urls.anthropic,
    control,
    close() {
      closing ??= (async () => {
        for (const t of offlineTimers) clearTimeout(t);
        if (liveTimer) clearInterval(liveTimer);
        await Promise.all([closeServer(servers.langwatch), closeServer(servers.anthropic)]);
        await puller.stop();
        if (saver) await saver.flush();
      })();
      return closing;
    },
  };
}
