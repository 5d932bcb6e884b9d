import { join } from 'node:path';
import type { AppError } from '../../src-shared/errors';
import type { RuntimeConfig } from '../runtime-config';
import { systemClock, type Clock } from './clock';
import { createEventBus, type EventBus } from './events/event-bus';
import { createLogger, type Logger } from './logging/logger';
import type { SecretStore } from './secrets/secret-store';
import type { KeytarModule } from './secrets/keytar-store';
import { keychainAnswers } from './secrets/keychain-canary';
import { openConsoleSecrets } from './secrets/open-secrets';
import { createStartupProblems, type StartupProblem } from './health/startup-problems';
import { createSettingsService, type SettingsService } from './settings/settings';
import type { Auth } from './auth/auth-state';
import type { Profiles } from './profiles/profiles';
import type { SessionManager } from './session/session-manager';
import type { AuthFlows, AuthPorts } from './auth';
import { openSignIn } from './auth/open-sign-in';
import { openKeyChecks, type KeyChecks } from './key-checks';
import { createNetwork, type Network } from './network/network';
import { createOutbox, type Outbox } from './outbox/outbox';
import { createDeploymentProbe } from './network/deployment-probe';
import { createArchivedSources, type ArchivedSources } from './sources/archived-sources';
import type { SourcesMonitor } from './sources/monitor';
import type { ScheduleIntervals } from './sources/schedule';
import { openSources } from './sources/open-sources';
import type { SourcesService } from './sources/sources-service';
import { createEverywhere, type Everywhere, type EverywhereOptions } from './everywhere/everywhere';

export interface ServicesOptions {
  config: RuntimeConfig;
  version: string;
  clock?: Clock;
  /** Injected by tests that share one store across restarts; otherwise chosen by config. */
  secrets?: SecretStore;
  /** Test seam of the keychain backend: how keytar is obtained (a stand-in that fails like it, or a shared fake). */
  loadKeytar?: () => KeytarModule;
  /** System browser and sign-in window (Electron or the harness); "unavailable" in plain Node. */
  ports?: Partial<AuthPorts>;
  /** Sources monitor tick intervals (tests use short ones); 5 s focused / 60 s background otherwise. */
  monitorIntervals?: ScheduleIntervals;
  /** Outbox submissions in flight at once (default 4; the bench varies it). */
  outboxConcurrency?: number;
  /** The Everywhere service's timings and bounds (tests use short ones). */
  everywhere?: Omit<EverywhereOptions, 'profiles' | 'sessions' | 'events' | 'clock' | 'log'>;
}

/** Everything the handler table needs; created once per main process (or harness). */
export interface Services {
  config: RuntimeConfig;
  version: string;
  clock: Clock;
  log: Logger;
  secrets: SecretStore;
  events: EventBus;
  settings: SettingsService;
  profiles: Profiles;
  sessions: SessionManager;
  auth: Auth;
  /** Outside-world ports: system browser, browser sign-in window. */
  ports: AuthPorts;
  /** Sign-in flows of the sign-in screen (methods, email, browser, device, sign-out). */
  authFlows: AuthFlows;
  /** Anthropic key check and preview; remembers the last verdict per staged entry and source. */
  keyChecks: KeyChecks;
  network: Network;
  /** Staged keys and their submission (composer, outbox view). */
  outbox: Outbox;
  /** Live source status (sources monitor). */
  sourcesMonitor: SourcesMonitor;
  /** Source detail, diagnosis, enable/disable/archive, export. */
  sources: SourcesService;
  /** Archived sources this console saw (LangWatch lists none, yet their names stay taken). */
  archivedSources: ArchivedSources;
  /** Every source of every signed-in deployment and organisation (the Everywhere view). */
  everywhere: Everywhere;
  paths: { userDataDir: string; logsDir: string };
  /** What the window must say at start (keychain missing, a damaged file moved aside). */
  problems(): StartupProblem[];
  /** Round-trips a throwaway keychain entry; resolves with the time it took. */
  checkKeychain(): Promise<number>;
  /** Stops timers and flushes logs. */
  close(): Promise<void>;
}

/**
 * The Everywhere service refreshes every place each minute in the background in the app and the
 * demo (so attention anywhere is notified with the window closed); tests ask for what they need.
 */
function everywhereTimings(opts: ServicesOptions): ServicesOptions['everywhere'] {
  return { backgroundIntervalMs: opts.config.mode === 'test' ? undefined : 60_000, ...opts.everywhere };
}

/**
 * Composition root of the main process: builds every service from the runtime config.
 * Plain Node, so the e2e harness, benchmarks and crash tests run exactly what the app runs.
 */
export async function createServices(opts: ServicesOptions): Promise<Services> {
  const { config } = opts;
  const { userDataDir } = config;
  const clock = opts.clock ?? systemClock;
  const logsDir = join(userDataDir, 'logs');
  const log = createLogger({ dir: logsDir, clock });
  const { secrets, gate, checkKeychain, closeEchoMemory } = await openConsoleSecrets(
    { ...opts, clock },
    log.child('secrets'),
  );
  const problems = createStartupProblems(() => gate.problem());
  const events = createEventBus(log.child('events'));
  const settings = await createSettingsService({ userDataDir, log: log.child('settings') });
  const onDamaged = (file: 'profiles' | 'outbox') => (error: AppError) => problems.report(file, error);
  const { ports } = opts;
  const signIn = await openSignIn({ config, secrets, events, clock, log, ports, onDamaged: onDamaged('profiles') });
  const { profiles, auth, sessions } = signIn;
  const keyChecks = await openKeyChecks({ userDataDir, secrets, profiles, auth, events, clock, log });
  const network = createNetwork({ clock, log: log.child('network'), probe: createDeploymentProbe(auth) });
  const archivedSources = createArchivedSources({ userDataDir, log: log.child('archived-sources'), clock });
  await archivedSources.load();
  const outbox = createOutbox({
    userDataDir,
    onDamaged: onDamaged('outbox'),
    secrets,
    clock,
    log: log.child('outbox'),
    auth,
    network,
    settings,
    events,
    checkKey: keyChecks.checkForOutbox,
    // A keychain locked at start comes back through the gate (its sign-ins move in), then the canary.
    keychainAnswers: async () => (await gate.recheck()) && (await keychainAnswers(secrets)),
    concurrency: opts.outboxConcurrency,
    archivedNames: (scope) => archivedSources.names(scope),
  });
  // Attached after the fact: the outbox's worker checks keys, and the key checks read staged entries.
  keyChecks.attachOutbox(outbox);
  const { sourcesMonitor, sources } = openSources({
    auth,
    network,
    events,
    outbox,
    keyChecks,
    archivedSources,
    clock,
    log,
    intervals: opts.monitorIntervals,
  });
  await outbox.start();
  const everywhere = createEverywhere({ ...everywhereTimings(opts), profiles, sessions, events, clock, log });

  return {
    ...signIn,
    config,
    version: opts.version,
    clock,
    log,
    secrets,
    events,
    settings,
    keyChecks,
    network,
    outbox,
    sourcesMonitor,
    sources,
    archivedSources,
    everywhere,
    paths: { userDataDir, logsDir },
    problems: () => problems.list(),
    async checkKeychain() {
      const ms = await checkKeychain();
      outbox.checkKeychainNow();
      return ms;
    },
    async close() {
      await outbox.stop();
      signIn.authFlows.dispose();
      sourcesMonitor.close();
      everywhere.close();
      network.close();
      await auth.close();
      await closeEchoMemory();
      await log.flush();
    },
  };
}
