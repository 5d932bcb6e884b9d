import { describe, expect, it } from 'vitest';
import { profileAccess, type AccessSessions } from '../../../src-main/services/everywhere/profile-access';
import type { CliRest } from '../../../src-main/services/langwatch/cli-rest';
import type { Profile, SessionState } from '../../../src-shared/domain/langwatch';

describe('a profile access makes its clients once', () => {
  it('a device session asks the session manager for its CLI client once, not per tick', async () => {
    let made = 0;
    const sessions = {
      cli: async () => (made++, { serverClock: () => null } as unknown as CliRest),
      api: async () => Promise.reject(new Error('not used')),
    } as unknown as AccessSessions;
    const profile = { id: 'p', name: 'P', baseUrl: 'http://lw' } as Profile;
    const session = {
      kind: 'device',
      user: { id: 'u', email: 'ada@acme.test' },
      organization: { id: 'acme', name: 'Acme' },
    } as unknown as SessionState;
    const access = profileAccess(sessions, profile, session);
    await access.reader('acme');
    await access.reader('acme');
    expect(made).toBe(1);
  });
});
