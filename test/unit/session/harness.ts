/** Shared setup for session tests: emulator on a fake clock, real file logger, recording secret store. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../emulator/index';
import { createLogger, type AppLogger } from '../../../src-main/services/logging/logger';
import { createMemorySecretStore, type MemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import { createProfiles, PROFILES_FILE_DEFAULTS, type ProfilesFile } from '../../../src-main/services/profiles';
import { createSessionManager, type SessionChange, type SessionManager } from '../../../src-main/services/session';
import { createFakeClock, type FakeClock } from '../../support/fake-clock';

export interface Harness {
  emu: RunningEmulator;
  clock: FakeClock;
  secrets: MemorySecretStore;
  /** Every value ever written to the secret store (to search logs and events for). */
  secretValues: Set<string>;
  manager: SessionManager;
  profileId: string;
  changes: SessionChange[];
  close(): Promise<void>;
}

/** One log directory per test file, so the file can be searched for secrets at the end. */
export function createTestLogger(): { logger: AppLogger; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lw-session-log-'));
  return { logger: createLogger({ dir, level: 'debug' }), dir };
}

export async function startHarness(logger: AppLogger): Promise<Harness> {
  const clock = createFakeClock();
  const emu = await startEmulator({ langwatchPort: 0, pullerSchedule: false, now: () => clock.now() });
  const secretValues = new Set<string>();
  const secrets = createMemorySecretStore();
  const originalSet = secrets.set.bind(secrets);
  secrets.set = async (account, value) => {
    if (value.startsWith('{')) {
      // Device credentials: the tokens are the secrets (user and organisation are not).
      const parsed = JSON.parse(value) as { accessToken?: string; refreshToken?: string };
      for (const token of [parsed.accessToken, parsed.refreshToken]) if (token) secretValues.add(token);
    } else {
      secretValues.add(value);
      const cookieValue = value.slice(value.indexOf('=') + 1);
      if (cookieValue.length >= 8) secretValues.add(cookieValue);
    }
    return originalSet(account, value);
  };
  let file: ProfilesFile = structuredClone(PROFILES_FILE_DEFAULTS);
  const profiles = createProfiles({
    file: { read: async () => structuredClone(file), write: async (v) => void (file = structuredClone(v)) },
    log: logger,
  });
  const profile = await profiles.add({ name: 'Emulator', baseUrl: emu.langwatchUrl });
  const manager = createSessionManager({ profiles, secrets, clock, log: logger });
  const changes: SessionChange[] = [];
  manager.onChange((c) => changes.push(c));
  return {
    emu,
    clock,
    secrets,
    secretValues,
    manager,
    profileId: profile.id,
    changes,
    async close() {
      manager.dispose();
      await emu.close();
    },
  };
}

/** Drives the fake clock until `promise` settles (each pending timer fired in order). */
export async function runClockUntil<T>(clock: FakeClock, promise: Promise<T>, maxSteps = 500): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  watched.catch(() => undefined);
  for (let step = 0; step < maxSteps && !settled; step++) {
    if (!clock.fireNext()) await new Promise((r) => setTimeout(r, 2));
    else await new Promise((r) => setTimeout(r, 2));
  }
  return watched;
}
