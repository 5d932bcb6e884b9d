import type { AppError } from '../../../src-shared/errors';
import type { RuntimeConfig } from '../../runtime-config';
import type { Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import { openProfiles, type Profiles } from '../profiles/profiles';
import type { SecretStore } from '../secrets/secret-store';
import { createSessionManager, type SessionManager } from '../session/session-manager';
import { createAuth, type Auth } from './auth-state';
import { createAuthFlows, type AuthFlows } from './flows';
import { unavailablePorts, type AuthPorts } from './ports';

/** The sign-in side of the console: deployment profiles, their sessions, the auth state, the flows. */
export interface SignInServices {
  profiles: Profiles;
  sessions: SessionManager;
  auth: Auth;
  /** Outside-world ports: system browser, browser sign-in window. */
  ports: AuthPorts;
  /** Sign-in flows of the sign-in screen (methods, email, browser, device, sign-out). */
  authFlows: AuthFlows;
}

/** Demo mode: the further emulated deployments of `npm run demo`, added once (matched by URL). */
async function addDemoDeployments(profiles: Profiles, config: RuntimeConfig): Promise<void> {
  const wanted = config.demoDeployments ?? [];
  if (wanted.length === 0) return;
  const list = await profiles.list();
  if (list.length === 0)
    await profiles.add({
      name: 'Emulator',
      baseUrl: config.defaultLangwatchUrl,
      anthropicBaseUrl: config.defaultAnthropicUrl,
    });
  const known = new Set((await profiles.list()).map((p) => p.baseUrl));
  for (const d of wanted) if (!known.has(d.baseUrl.replace(/\/+$/, ''))) await profiles.add(d);
}

/** Builds the sign-in services; every auth change and device result is pushed on `events`. */
export async function openSignIn(options: {
  config: RuntimeConfig;
  secrets: SecretStore;
  events: Pick<EventBus, 'emit'>;
  clock: Clock;
  log: Logger;
  /** System browser and sign-in window (Electron or the harness); "unavailable" in plain Node. */
  ports?: Partial<AuthPorts>;
  /** profiles.json was found damaged (moved aside; the console starts with the default profile). */
  onDamaged: (error: AppError) => void;
}): Promise<SignInServices> {
  const { config, secrets, events, clock, log } = options;
  const { userDataDir } = config;
  const profiles = openProfiles({ userDataDir, onDamaged: options.onDamaged, log, clock });
  await addDemoDeployments(profiles, config);
  const sessions = createSessionManager({ profiles, secrets, clock, log });
  const defaultProfile = {
    // The deployment a first run starts with: LangWatch Cloud in the app, the emulator otherwise.
    name: config.mode === 'app' ? 'LangWatch Cloud' : 'Emulator',
    baseUrl: config.defaultLangwatchUrl,
    anthropicBaseUrl: config.defaultAnthropicUrl,
  };
  const auth = await createAuth({
    userDataDir,
    profiles,
    sessions,
    clock,
    events,
    defaultProfile,
    log: log.child('auth'),
  });
  const ports: AuthPorts = { ...unavailablePorts(), ...options.ports };
  const authFlows = createAuthFlows({
    profiles,
    sessions,
    auth,
    ports,
    log: log.child('auth-flows'),
    onDeviceResult: (result) => events.emit('auth.deviceResult', result),
  });
  return { profiles, sessions, auth, ports, authFlows };
}
