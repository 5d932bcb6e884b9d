import { afterEach, describe, expect, it } from 'vitest';
import { startFleet, type RunningFleet } from '../../../emulator/fleet';
import { SEED } from '../../../emulator/seed';
import { systemClock } from '../../../src-main/services/clock';
import { createEventBus } from '../../../src-main/services/events/event-bus';
import { createEverywhere, type Everywhere } from '../../../src-main/services/everywhere/everywhere';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import { everywhereHandlers } from '../../../src-main/ipc/handlers/everywhere';
import type { Services } from '../../../src-main/services/create-services';
import { DEFAULT_EVERYWHERE_QUERY } from '../../../src-shared/domain/everywhere-attention';
import { createMemoryLogger } from '../../../src-main/services/logging/logger';
import { createProfiles, PROFILES_FILE_DEFAULTS, type ProfilesFile } from '../../../src-main/services/profiles';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import { rememberingSecretStore } from '../../../src-main/services/secrets/remembering-store';
import { createSessionManager, type SessionManager } from '../../../src-main/services/session/session-manager';

/**
 * Two deployments, the admin signed in to both (their cookies in the keychain, as the app holds
 * them): a server that echoes a session cookie into a source's description, listed on the
 * Everywhere view, never gets it into the export or report of that selection as the renderer
 * receives them (`everywhere.export`, `everywhere.report` through the real dispatcher).
 */
describe('Everywhere export against an emulated fleet', () => {
  let fleet: RunningFleet | null = null;
  let everywhere: Everywhere | null = null;
  let sessions: SessionManager | null = null;
  afterEach(async () => {
    everywhere?.close();
    await everywhere?.settled();
    sessions?.dispose();
    await fleet?.close();
    fleet = null;
  });

  it('exports a selection across both deployments without either session cookie', async () => {
    fleet = await startFleet({ deployments: 2, organizations: 2, sourcesPerOrganization: 3, pullerSchedule: false });
    const log = createMemoryLogger();
    let file: ProfilesFile = structuredClone(PROFILES_FILE_DEFAULTS);
    const profiles = createProfiles({
      file: { read: async () => structuredClone(file), write: async (v) => void (file = structuredClone(v)) },
      log,
    });
    const keychain = createMemorySecretStore();
    sessions = createSessionManager({ profiles, secrets: rememberingSecretStore(keychain), log });
    const ids: string[] = [];
    for (const d of fleet.deployments) {
      const { id } = await profiles.add({ name: d.name, baseUrl: d.langwatchUrl, anthropicBaseUrl: d.anthropicUrl });
      await sessions.signInWithEmail(id, SEED.users.admin);
      ids.push(id);
    }
    const held = await Promise.all((await keychain.listAccounts()).map((a) => keychain.get(a)));
    const cookies = held.filter((v): v is string => !!v && v.includes('session_token='));
    expect(cookies).toHaveLength(2);
    // Each deployment echoes the other's cookie (and its own) into a source it lists.
    for (const [i, id] of ids.entries()) {
      const api = await sessions.api(id);
      const [first] = await api.listSources(SEED.orgs.enterprise.id);
      const echo = cookies.join(' ');
      await api.updateSource({
        organizationId: SEED.orgs.enterprise.id,
        id: first!.id,
        description: `echo ${echo} ${i}`,
      });
    }
    everywhere = createEverywhere({ profiles, sessions, events: createEventBus(log), clock: systemClock, log });
    await everywhere.refreshNow();
    await everywhere.settled();
    const snapshot = everywhere.snapshot();
    expect(snapshot.places.filter((p) => p.state === 'fresh')).toHaveLength(4);
    const echoed = snapshot.rows.filter((r) => r.description?.startsWith('echo '));
    expect(echoed).toHaveLength(2);
    const ours = { frameUrl: 'http://127.0.0.1:4000/index.html', isMainFrame: true, windowId: 1 };
    const dispatcher = createDispatcher({
      handlers: everywhereHandlers({ everywhere } as unknown as Services) as never,
      senderPolicy: { trustedUrls: ['http://127.0.0.1:4000/'], isOurWindow: (w: unknown) => w === 1 },
      log,
    });
    const query = DEFAULT_EVERYWHERE_QUERY;
    const answers = [
      await dispatcher.dispatch('everywhere.export', { format: 'csv', query }, ours),
      await dispatcher.dispatch('everywhere.export', { format: 'json', query }, ours),
      await dispatcher.dispatch('everywhere.report', { query }, ours),
    ];
    // The CSV and JSON carry the descriptions: the echo is there, the cookies are not.
    for (const answer of answers.slice(0, 2)) expect(JSON.stringify(answer)).toContain('echo [REDACTED]');
    for (const answer of answers) {
      expect(answer.ok).toBe(true);
      const text = JSON.stringify(answer);
      expect(text).toContain('Deployment 1');
      expect(text).toContain('Deployment 2');
      for (const cookie of cookies) {
        expect(text).not.toContain(cookie);
        expect(text).not.toContain(cookie.slice(cookie.indexOf('=') + 1).split('.')[0]);
      }
    }
  });
});
