import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuthState } from '../../../src-shared/domain/auth';
import { systemClock } from '../../../src-main/services/clock';
import { createNullLogger } from '../../../src-main/services/logging/test-loggers';
import { createLastSignedIn, listedFor } from '../../../src-main/services/outbox/last-signed-in';
import type { Viewer } from '../../../src-main/services/outbox/ownership';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const user = { id: 'user_ada', email: 'ada@acme.test', name: 'Ada' };
function state(session: AuthState['session'], readOnly = false): AuthState {
  return {
    profiles: [],
    activeProfileId: 'p1',
    session,
    organizations: [],
    activeOrganizationId: null,
    permissions: null,
    health: 'unknown',
    readOnly,
    profileSessions: [],
  };
}
const away: Viewer = {
  profileId: 'p1',
  deploymentUrl: 'https://lw.test',
  userId: null,
  readOnly: false,
  canManage: false,
};

async function open(dir: string) {
  const memory = createLastSignedIn({ userDataDir: dir, log: createNullLogger(), clock: systemClock });
  await memory.load();
  return memory;
}

describe('who was last signed in on this desktop', () => {
  it('files a signed-out owner under themselves, across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'last-signed-in-'));
    dirs.push(dir);
    const memory = await open(dir);
    memory.remember(state({ kind: 'signed_in', method: 'email', user }));
    // The write is fire-and-forget: wait for the file, as a restart would read it.
    await vi.waitFor(async () => expect((await open(dir)).userOf('p1')).toBe('user_ada'));
    const again = await open(dir);
    expect(listedFor(state({ kind: 'signed_out' }), away, again).userId).toBe('user_ada');
  });

  it('never remembers a device (support) session, and never changes a live viewer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'last-signed-in-'));
    dirs.push(dir);
    const memory = await open(dir);
    memory.remember(
      state(
        { kind: 'device', user, organization: { id: 'o', name: 'O', slug: 'o' }, refreshExpiresAt: null } as never,
        true,
      ),
    );
    expect(memory.userOf('p1')).toBeNull();
    memory.remember(state({ kind: 'signed_in', method: 'email', user }));
    const bob: Viewer = { ...away, userId: 'user_bob' };
    expect(listedFor(state({ kind: 'signed_in', method: 'email', user }), bob, memory).userId).toBe('user_bob');
  });
});
