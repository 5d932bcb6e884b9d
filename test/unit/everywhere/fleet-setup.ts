/** A console's sign-in side and Everywhere service over an emulated fleet (memory keychain, real clock). */
import { startFleet, type FleetOptions, type RunningFleet } from '../../../emulator/fleet';
import { SEED } from '../../../emulator/seed';
import { systemClock } from '../../../src-main/services/clock';
import { createEventBus, type EventBus } from '../../../src-main/services/events/event-bus';
import {
  createEverywhere,
  type Everywhere,
  type EverywhereOptions,
} from '../../../src-main/services/everywhere/everywhere';
import { createMemoryLogger } from '../../../src-main/services/logging/logger';
import { createProfiles, PROFILES_FILE_DEFAULTS, type ProfilesFile } from '../../../src-main/services/profiles';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import { createSessionManager, type SessionManager } from '../../../src-main/services/session/session-manager';
import type { EverywhereDelta, Place } from '../../../src-shared/domain/everywhere';

export interface FleetConsole {
  fleet: RunningFleet;
  everywhere: Everywhere;
  sessions: SessionManager;
  profileIds: string[];
  deltas: EverywhereDelta[];
  events: EventBus;
  place(deployment: number, organizationId: string | null): Place | undefined;
  close(): Promise<void>;
}

/** Starts a fleet, a profile per deployment, and signs the admin in to the first `signedIn` of them. */
export async function openFleetConsole(
  fleetOptions: FleetOptions,
  options: { signedIn?: number; everywhere?: Partial<EverywhereOptions> } = {},
): Promise<FleetConsole> {
  const fleet = await startFleet({ pullerSchedule: false, ...fleetOptions });
  const log = createMemoryLogger();
  let file: ProfilesFile = structuredClone(PROFILES_FILE_DEFAULTS);
  const profiles = createProfiles({
    file: { read: async () => structuredClone(file), write: async (v) => void (file = structuredClone(v)) },
    log,
  });
  const profileIds: string[] = [];
  for (const d of fleet.deployments)
    profileIds.push(
      (await profiles.add({ name: d.name, baseUrl: d.langwatchUrl, anthropicBaseUrl: d.anthropicUrl })).id,
    );
  const sessions = createSessionManager({ profiles, secrets: createMemorySecretStore(), log });
  const signedIn = options.signedIn ?? fleet.deployments.length;
  for (let i = 0; i < signedIn; i++) {
    if (!fleetOptions.faults?.[i]?.down) await sessions.signInWithEmail(profileIds[i]!, SEED.users.admin);
  }
  const events = createEventBus(log);
  const deltas: EverywhereDelta[] = [];
  events.on('everywhere.changed', (d) => deltas.push(d));
  const everywhere = createEverywhere({ profiles, sessions, events, clock: systemClock, log, ...options.everywhere });
  return {
    fleet,
    everywhere,
    sessions,
    profileIds,
    deltas,
    events,
    place: (i, org) => everywhere.snapshot().places.find((p) => p.key === `${profileIds[i]}|${org ?? ''}`),
    async close() {
      everywhere.close();
      await everywhere.settled();
      sessions.dispose();
      await fleet.close();
    },
  };
}
