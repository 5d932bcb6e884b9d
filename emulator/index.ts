/** Library entry: `startEmulator(options)` starts the LangWatch + Anthropic emulator on loopback. */
import { createServer } from 'node:http';
import { ActivityLog, generateActivity, makeRng } from './anthropic/activities';
import { createAnthropicHandler } from './anthropic/server';
import { createControl } from './control';
import type { EmulatorControl, RequestLogEntry } from './control-api';
import { createControlHttp, type ControlHttp } from './control-http';
import { closeServer, listen, offlineSwitch, type Listeners } from './listeners';
import { Faults, type Side } from './faults';
import { withFaults, type LogRequest } from './with-faults';
import { createLangwatchHandler } from './langwatch/server';
import { createVendorsHandler } from './vendors/server';
import { loadOrCreateKeys, loadSnapshot, Saver } from './persist';
import { Puller } from './puller/puller';
import { PULLER_MODES, RateLimiter, type Modes, type PullerMode, type Runtime, type Settings } from './runtime';
import { buildSeed } from './seed-state';
import { Store } from './store';

export { SEED } from './seed';
export { VENDOR_SEED, VENDOR_SECRETS } from './vendors/seed';
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
  /** Port of the other vendors: a Databricks workspace and a custom audit-log API (default 0: a free port). */
  vendorsPort?: number;
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
  /** With `activityMonitorUnavailable`: each of those calls hangs this long before failing (LangWatch's ClickHouse retries). */
  activityMonitorFailAfterMs?: number;
  /** The deployment's configured public URL (NEXTAUTH_URL); default: the emulator's own URL. */
  publicOrigin?: string;
  /** Draws for fault probabilities (default Math.random): a fixed sequence makes a probabilistic fault repeatable. */
  faultRandom?: () => number;
}

export interface RunningEmulator {
  langwatchUrl: string;
  anthropicUrl: string;
  /** The Databricks workspace and the custom audit-log API (`/audit/v1/events`). */
  vendorsUrl: string;
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

/** A request log capped at LOG_MAX entries, and the logger `withFaults` calls for one side. */
function requestLog(): { log: RequestLogEntry[]; logRequest: (side: Side) => LogRequest } {
  const log: RequestLogEntry[] = [];
  const logRequest =
    (side: Side): LogRequest =>
    (req, path, status, startedAt, fault) => {
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
  return { log, logRequest };
}

/** The modes the options ask for (and the ones `reset` goes back to). */
function initialModes(options: EmulatorOptions): Modes {
  return {
    puller: options.puller ?? pullerFromEnv(),
    activityMonitorUnavailable: options.activityMonitorUnavailable ?? false,
    activityMonitorFailAfterMs: options.activityMonitorFailAfterMs ?? 0,
    publicOrigin: options.publicOrigin ? options.publicOrigin.replace(/\/+$/, '') : null,
  };
}

/** The runtime every handler shares; URLs are filled in once the listeners have ports. */
function createRuntime(
  options: EmulatorOptions,
  keys: { sealKey: Buffer; cookieSecret: Buffer },
  settings: Settings,
  rng: () => number,
): Runtime {
  const store = new Store();
  const rt: Runtime = {
    modes: initialModes(options),
    publicUrl: () => rt.modes.publicOrigin ?? rt.urls.langwatch,
    store,
    now: options.now ?? Date.now,
    sealKey: keys.sealKey,
    cookieSecret: keys.cookieSecret,
    urls: { langwatch: '', anthropic: '', vendors: '' },
    settings,
    limiter: new RateLimiter(),
    activities: new ActivityLog([]),
    addActivity(ms, forced) {
      const entry = generateActivity(rng, ms, store.activitySeq++, forced);
      rt.activities.add(entry);
      store.touch();
    },
  };
  return rt;
}

/**
 * Loads the state (the data file, else the seed) and, with a data file, saves every change.
 * `loadState(false)` goes back to the seed (what `reset` does).
 */
async function openState(
  rt: Runtime,
  dataFile: string | undefined,
): Promise<{ loadState: (fromFile: boolean) => void; saver: Saver | null }> {
  const { store } = rt;
  const loadState = (fromFile: boolean): void => {
    const snap = (fromFile && dataFile ? loadSnapshot(dataFile) : null) ?? buildSeed(rt.now(), rt.sealKey);
    store.load(snap);
    rt.activities = new ActivityLog(store.activities);
  };
  loadState(true);
  const saver = dataFile ? new Saver(dataFile, () => store.snapshot()) : null;
  if (saver) {
    store.onChange = () => saver.schedule();
    await saver.flush();
  }
  return { loadState, saver };
}

/** Routes both listeners through fault injection and the request log; serves the control surface when asked. */
function route(
  l: Listeners,
  rt: Runtime,
  faults: Faults,
  logRequest: (side: Side) => LogRequest,
  controlHttp?: ControlHttp,
): void {
  l.servers.langwatch.on(
    'request',
    withFaults(faults, 'langwatch', createLangwatchHandler(rt, controlHttp), logRequest('langwatch')),
  );
  l.servers.anthropic.on(
    'request',
    withFaults(faults, 'anthropic', createAnthropicHandler(rt), logRequest('anthropic')),
  );
  l.servers.vendors.on('request', withFaults(faults, 'vendors', createVendorsHandler(rt), logRequest('vendors')));
  for (const s of Object.values(l.servers)) {
    s.keepAliveTimeout = 5_000;
  }
}

/** Starts both servers, the puller and (optionally) persistence. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const keys = await loadOrCreateKeys(options.dataFile);
  const settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const rng = makeRng(0x5eed);
  const rt = createRuntime(options, keys, settings, rng);
  const { store, now } = rt;
  const { loadState, saver } = await openState(rt, options.dataFile);

  const faults = new Faults(options.faultRandom);
  const { log, logRequest } = requestLog();
  const puller = new Puller(rt);
  const listeners: Listeners = {
    servers: { langwatch: createServer(), anthropic: createServer(), vendors: createServer() },
    ports: {
      langwatch: options.langwatchPort ?? 0,
      anthropic: options.anthropicPort ?? 0,
      vendors: options.vendorsPort ?? 0,
    },
    host,
    offlineTimers: new Set(),
  };
  const { servers, ports, offlineTimers } = listeners;
  const setOffline = offlineSwitch(listeners);

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
      rt.modes = initialModes(options);
      log.length = 0;
      loadState(false);
      store.touch();
      await setOffline(false);
    },
  });

  route(listeners, rt, faults, logRequest, options.controlHttp ? createControlHttp(control) : undefined);
  ports.langwatch = await listen(servers.langwatch, ports.langwatch, host);
  ports.anthropic = await listen(servers.anthropic, ports.anthropic, host);
  ports.vendors = await listen(servers.vendors, ports.vendors, host);
  rt.urls.langwatch = `http://${host}:${ports.langwatch}`;
  rt.urls.anthropic = `http://${host}:${ports.anthropic}`;
  rt.urls.vendors = `http://${host}:${ports.vendors}`;

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
    vendorsUrl: rt.urls.vendors,
    control,
    close() {
      closing ??= (async () => {
        for (const t of offlineTimers) clearTimeout(t);
        if (liveTimer) clearInterval(liveTimer);
        await Promise.all(Object.values(servers).map(closeServer));
        await puller.stop();
        if (saver) await saver.flush();
      })();
      return closing;
    },
  };
}
