import { join } from 'node:path';
import { AppError } from '../../src-shared/errors';
import { randomBytes } from 'node:crypto';
import type { RuntimeConfig } from '../runtime-config';
import { systemClock, type Clock } from './clock';
import { createEventBus, type EventBus } from './events/event-bus';
import { createLogger, type Logger } from './logging/logger';
import type { SecretStore } from './secrets/secret-store';
import type { KeytarModule } from './secrets/keytar-store';
import { selfCheckAccount } from './secrets/accounts';
import { openConsoleSecrets } from './secrets/open-secrets';
import { createJsonFile } from './storage/json-file';
import { createStartupProblems, type StartupProblem } from './health/startup-problems';
import { createSettingsService, type SettingsService } from './settings/settings';
import { createAuth, type Auth } from './auth/auth-state';
import { createProfiles, PROFILES_FILE_DEFAULTS, ProfilesFile, type Profiles } from './profiles/profiles';
import { createSessionManager, type SessionManager } from './session/session-manager';
import { createAuthFlows, unavailablePorts, type AuthFlows, type AuthPorts } from './auth';
import { createComplianceApiClient } from './anthropic';
import { createKeyChecks, createVerdictMemory, type KeyChecks } from './key-checks';
import { createNetwork, type Network } from './network/network';
import { createOutbox, type Outbox } from './outbox/outbox';
import { createDeploymentProbe } from './network/deployment-probe';
import { createArchivedNames, type ArchivedNames, type ArchivedScope } from './sources/archived-names';
import { createSourcesMonitor, type SourcesMonitor } from './sources/monitor';
import type { ScheduleIntervals } from './sources/schedule';
import { createArchivedHere } from './sources/local-facts';
import { createSourcesService, type SourcesService } from './sources/sources-service';

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
  /** Names of archived sources this console saw (LangWatch lists none, yet their names stay taken). */
  archivedNames: ArchivedNames;
  paths: { userDataDir: string; logsDir: string };
  /** What the window must say at start (keychain missing, a damaged file moved aside). */
  problems(): StartupProblem[];
  /** Round-trips a throwaway keychain entry; resolves with the time it took. */
  checkKeychain(): Promise<number>;
  /** Stops timers and flushes logs. */
  close(): Promise<void>;
}

/**
 * Composition root of the main process: builds every service from the runtime config.
 * Plain Node, so the e2e harness, benchmarks and crash tests run exactly what the app runs.
 */
export async function createServices(opts: ServicesOptions): Promise<Services> {
  const { config } = opts;
  const clock = opts.clock ?? systemClock;
  const logsDir = join(config.userDataDir, 'logs');
  const log = createLogger({ dir: logsDir, clock });
  // Every value stored or read back becomes a known secret, redacted by value at every boundary.
  const { secrets, gate } = await openConsoleSecrets({
    config,
    injected: opts.secrets,
    loadKeytar: opts.loadKeytar,
    log: log.child('secrets'),
  });
  const problems = createStartupProblems(() => gate.problem());
  const events = createEventBus(log.child('events'));
  const settings = await createSettingsService({ userDataDir: config.userDataDir, log: log.child('settings') });
  // A damaged profiles.json is moved aside and reported; the console starts with the default
  // profile, and the old profiles' sign-ins stay in the keychain (restore the file to get them back).
  const profilesFile = createJsonFile({
    path: join(config.userDataDir, 'profiles.json'),
    schema: ProfilesFile,
    defaults: () => structuredClone(PROFILES_FILE_DEFAULTS),
    onCorrupt: 'reset',
    onDamaged: (error) => problems.report('profiles', error),
    log,
    clock,
  });
  const profiles = createProfiles({ file: profilesFile, log, clock });
  const sessions = createSessionManager({ profiles, secrets, clock, log });
  const auth = await createAuth({
    userDataDir: config.userDataDir,
    profiles,
    sessions,
    log: log.child('auth'),
    clock,
    defaultProfile: {
      name: config.mode === 'app' ? 'LangWatch Cloud' : 'Emulator',
      baseUrl: config.defaultLangwatchUrl,
      anthropicBaseUrl: config.defaultAnthropicUrl,
    },
  });

  // The renderer follows the auth live (sign-in, expiry, org switch).
  auth.onChange((state) => events.emit('auth.changed', state));

  const ports: AuthPorts = { ...unavailablePorts(), ...opts.ports };
  const authFlows = createAuthFlows({
    profiles,
    sessions,
    auth,
    ports,
    log: log.child('auth-flows'),
    onDeviceResult: (result) => events.emit('auth.deviceResult', result),
  });

  const verdictMemory = createVerdictMemory({ userDataDir: config.userDataDir, log: log.child('key-checks'), clock });
  await verdictMemory.load();
  // One Anthropic client for "Test key" and for the outbox's automatic key check.
  const complianceApi = createComplianceApiClient({ now: () => clock.now() });
  const keyChecks = createKeyChecks({
    complianceApi,
    secrets,
    anthropicBaseUrlOf: async (profileId) => (await profiles.get(profileId)).anthropicBaseUrl,
    activeProfileId: () => auth.state().activeProfileId,
    memory: verdictMemory,
    log: log.child('key-checks'),
    onRecorded: (recorded) => events.emit('keyChecks.verdictRecorded', recorded),
  });

  const network = createNetwork({
    clock,
    log: log.child('network'),
    probe: createDeploymentProbe(auth),
  });
  const archivedNames = createArchivedNames({
    userDataDir: config.userDataDir,
    log: log.child('archived-names'),
    clock,
  });
  await archivedNames.load();
  const rememberArchived = (scope: ArchivedScope, seen: ReadonlyArray<{ id: string; name: string }>) =>
    void archivedNames
      .remember(scope, seen)
      .catch((error: unknown) => log.warn('archived names not remembered', { error: error as Error }));
  const sourcesMonitor = createSourcesMonitor({
    auth,
    network,
    clock,
    log: log.child('sources-monitor'),
    events,
    intervals: opts.monitorIntervals,
    onVanished: (scope, rows) => rememberArchived(scope, rows),
  });
  const sources = createSourcesService({
    auth,
    monitor: sourcesMonitor,
    clock,
    log: log.child('sources'),
    // Both are read at call time, after the outbox below exists.
    history: (sourceId) => outbox.history(sourceId),
    lastKeyCheck: async (sourceId) => {
      const last = keyChecks.lastVerdictFor({ sourceId });
      return last
        ? {
            verdict: last.verdict.verdict,
            requestId: last.verdict.requestId,
            checkedAt: last.verdict.checkedAt,
            fingerprint: last.fingerprint,
          }
        : null;
    },
    latestHistory: () => outbox.latestHistory(),
    archivedHere: createArchivedHere({ userDataDir: config.userDataDir, log: log.child('archived'), clock }),
    onArchivedSeen: (scope, source) => rememberArchived(scope, [source]),
  });
  const outbox = createOutbox({
    userDataDir: config.userDataDir,
    onDamaged: (error) => problems.report('outbox', error),
    secrets,
    clock,
    log: log.child('outbox'),
    auth,
    network,
    settings,
    // The automatic key check's verdict is remembered like a manual "Test key", so the
    // diagnosis of a stuck source can use it; remembering it never blocks a submission.
    checkKey: async ({ entry, ...check }) => {
      const verdict = await complianceApi.checkKey(check);
      await keyChecks
        .recordVerdict({
          verdict,
          fingerprint: entry.fingerprint ?? '',
          stagedId: entry.stagedId,
          sourceId: null,
          profileId: entry.profileId,
          anthropicBaseUrl: check.baseUrl,
        })
        .catch((error: unknown) => log.warn('key check verdict not remembered', { error: error as Error }));
      return verdict;
    },
    concurrency: opts.outboxConcurrency,
    archivedNames: (scope) => archivedNames.list(scope),
  });
  outbox.onChange((entries) => events.emit('outbox.changed', entries));
  // `outbox.submitted` means "a key staged while offline went through" (the renderer and the
  // system notification tell the admin); keys submitted at once need no extra word.
  outbox.onSubmitted((entry, { stagedOffline }) => {
    if (stagedOffline) events.emit('outbox.submitted', entry);
  });
  // A staged key is tested against its own entry's profile, and its last verdict follows it
  // to the source it becomes (the diagnosis of that source reads it).
  // Only the person who staged a key may test or preview it (outbox.stagedKeyTarget refuses others).
  keyChecks.setStagedLookup((stagedId) => outbox.stagedKeyTarget(stagedId));
  outbox.onSubmitted((entry) => {
    if (entry.sourceId)
      keyChecks
        .linkSource(entry.id, entry.sourceId)
        .catch((error: unknown) => log.warn('key verdict not linked', { error: error as Error }));
  });
  await outbox.start();

  return {
    config,
    version: opts.version,
    clock,
    log,
    secrets,
    events,
    settings,
    profiles,
    sessions,
    auth,
    ports,
    authFlows,
    keyChecks,
    network,
    outbox,
    sourcesMonitor,
    sources,
    archivedNames,
    paths: { userDataDir: config.userDataDir, logsDir },
    problems: () => problems.list(),
    async checkKeychain() {
      // After "unlock your keyring": the gate probes again and, once it answers, staging is back.
      if (!(await gate.recheck()))
        throw new AppError('keychain.unavailable', gate.problem()!.message, gate.problem()!.details);
      const account = selfCheckAccount();
      const probe = randomBytes(16).toString('hex');
      const started = performance.now();
      await secrets.set(account, probe);
      const back = await secrets.get(account);
      await secrets.delete(account);
      if (back !== probe) throw new Error('keychain returned a different value than was stored');
      return performance.now() - started;
    },
    async close() {
      await outbox.stop();
      authFlows.dispose();
      sourcesMonitor.close();
      network.close();
      await auth.close();
      await log.flush();
    },
  };
}
