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
import { openKeyChecks, type ConsoleKeyChecks } from './key-checks';
import { createNetwork, type Network } from './network/network';
import { createOutbox, type Outbox } from './outbox/outbox';
import { createDeploymentProbe } from './network/deployment-probe';
import { createArchivedSources, type ArchivedSources } from './sources/archived-sources';
import type { SourcesMonitor } from './sources/monitor';
import type { ScheduleIntervals } from './sources/schedule';
import { openSources } from './sources/open-sources';
import type { SourcesService } from './sources/sources-service';
import type { IngestSecrets } from './ingest-secrets/ingest-secrets';
import type { ClipboardPort, SecretClipboard } from './ingest-secrets/clipboard';
import { openIngestSecrets } from './ingest-secrets/open-ingest-secrets';
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
  /** The system clipboard (Electron's, or the harness's fake); none in plain Node. */
  clipboard?: ClipboardPort;
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
  /** Anthropic key check and preview (remembering the last verdicts), and every source type's credential check. */
  keyChecks: ConsoleKeyChecks;
  network: Network;
  /** Staged keys and their submission (composer, outbox view). */
  outbox: Outbox;
  /** Live source status (sources monitor). */
  sourcesMonitor: SourcesMonitor;
  /** Source detail, diagnosis, enable/disable/archive, export. */
  sources: SourcesService;
  /** Archived sources this console saw (LangWatch lists none, yet their names stay taken). */
  archivedSources: ArchivedSources;
  /** Ingest secrets received from LangWatch, kept for their owner until revealed once or expired. */
  ingestSecrets: IngestSecrets;
  /** Copies a revealed secret and clears the clipboard again after a stated time. */
  clipboard: SecretClipboard;
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
  const { userDataDir } = opts.config;
  const clock = opts.clock ?? systemClock;
  const logsDir = join(userDataDir, 'logs');
  const log = createLogger({ dir: logsDir, clock });
  const consoleSecrets = await openConsoleSecrets({ ...opts, clock }, log.child('secrets'));
  const { secrets, gate, checkKeychain, closeEchoMemory } = consoleSecrets;
  const problems = createStartupProblems(() => gate.problem());
  const events = createEventBus(log.child('events'));
  const settings = await createSettingsService({ userDataDir, log: log.child('settings') });
  const onDamaged = (file: 'profiles' | 'outbox') => (error: AppError) => problems.report(file, error);
  // What most services take: the keychain, the event bus, time and the log.
  const common = { secrets, events, clock, log };
  const signIn = await openSignIn({
    ...common,
    config: opts.config,
    ports: opts.ports,
    onDamaged: onDamaged('profiles'),
  });
  const { profiles, auth, sessions } = signIn;
  const keyChecks = await openKeyChecks({ ...common, config: opts.config, userDataDir, profiles, auth });
  const network = createNetwork({ clock, log: log.child('network'), probe: createDeploymentProbe(auth) });
  const archivedSources = createArchivedSources({ userDataDir, log: log.child('archived-sources'), clock });
  await archivedSources.load();
  const ingest = await openIngestSecrets({ ...opts, userDataDir, secrets, clock, log, auth, events });
  const outbox = createOutbox({
    userDataDir,
    keepIngestSecret: (received) => ingest.ingestSecrets.keep(received),
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
    ...common,
    auth,
    network,
    outbox,
    keyChecks,
    archivedSources,
    intervals: opts.monitorIntervals,
  });
  await outbox.start();
  const everywhere = createEverywhere({ ...everywhereTimings(opts), profiles, sessions, events, clock, log });

  return {
    ...signIn,
    config: opts.config,
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
    ...ingest,
    everywhere,
    paths: { userDataDir, logsDir },
    problems: () => problems.list(),
    async checkKeychain() {
      const ms = await checkKeychain();
      outbox.checkKeychainNow();
      return ms;
    },
    close: () =>
      closeServices({ outbox, ...ingest, ...signIn, sourcesMonitor, everywhere, network, closeEchoMemory, log }),
  };
}

/** Stops every timer and worker, newest first, then flushes the log. */
async function closeServices(s: {
  outbox: Outbox;
  ingestSecrets: IngestSecrets;
  clipboard: SecretClipboard;
  authFlows: AuthFlows;
  sourcesMonitor: SourcesMonitor;
  everywhere: Everywhere;
  network: Network;
  auth: Auth;
  closeEchoMemory(): Promise<void>;
  log: Logger;
}): Promise<void> {
  await s.outbox.stop();
  s.ingestSecrets.close();
  await s.clipboard.close();
  s.authFlows.dispose();
  s.sourcesMonitor.close();
  s.everywhere.close();
  s.network.close();
  await s.auth.close();
  await s.closeEchoMemory();
  await s.log.flush();
}
