import { describe, expect, it } from 'vitest';
import {
  accessOf,
  requireMayDiscard,
  requireOwnEntry,
  viewerOf,
  type Viewer,
} from '../../../src-main/services/outbox/ownership';
import type { AuthState } from '../../../src-shared/domain/auth';
import { makeEntry } from './helpers';

const ada = makeEntry(); // owner user_admin on http://lw.test, profile p1
const viewer = (patch: Partial<Viewer> = {}): Viewer => ({
  profileId: 'p1',
  deploymentUrl: 'http://lw.test',
  userId: 'user_admin',
  readOnly: false,
  canManage: true,
  ...patch,
});
const code = (fn: () => void) => {
  try {
    fn();
    return 'allowed';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('whose entry is it', () => {
  it("access: mine, another person's, another deployment's (or a moved profile), unowned", () => {
    expect(accessOf(ada, viewer())).toBe('mine');
    expect(accessOf(ada, viewer({ userId: 'user_bob' }))).toBe('other_person');
    expect(accessOf(ada, viewer({ userId: null }))).toBe('other_person'); // signed out: waits for Ada
    expect(accessOf(ada, viewer({ profileId: 'p2' }))).toBe('other_deployment');
    expect(accessOf(ada, viewer({ deploymentUrl: 'https://moved.example.com' }))).toBe('other_deployment');
    expect(accessOf({ ...ada, owner: null }, viewer())).toBe('unowned');
  });

  it('retry, edit, key check: the owner only, never a read-only session', () => {
    expect(code(() => requireOwnEntry(ada, viewer()))).toBe('allowed');
    expect(code(() => requireOwnEntry(ada, viewer({ userId: 'user_bob' })))).toBe('outbox.not_yours');
    expect(code(() => requireOwnEntry(ada, viewer({ readOnly: true })))).toBe('auth.read_only');
  });

  it('discard: the owner, or an organisation admin of the same deployment; never support, never from elsewhere', () => {
    expect(code(() => requireMayDiscard(ada, viewer({ userId: 'user_bob' })))).toBe('allowed'); // Bob is an admin
    expect(code(() => requireMayDiscard({ ...ada, owner: null }, viewer({ userId: 'user_bob' })))).toBe('allowed');
    expect(code(() => requireMayDiscard(ada, viewer({ userId: 'user_bob', canManage: false })))).toBe(
      'outbox.not_yours',
    );
    expect(code(() => requireMayDiscard(ada, viewer({ userId: null })))).toBe('outbox.not_yours');
    expect(code(() => requireMayDiscard(ada, viewer({ userId: 'user_bob', profileId: 'p2' })))).toBe(
      'outbox.not_yours',
    );
    expect(code(() => requireMayDiscard(ada, viewer({ userId: 'user_bob', readOnly: true })))).toBe('auth.read_only');
  });

  it('the viewer of a auth state: an unconfirmed person is nobody yet; a device session is read-only', () => {
    const base: Omit<AuthState, 'session'> = {
      profiles: [
        {
          id: 'p1',
          name: 'LW',
          baseUrl: 'http://lw.test',
          anthropicBaseUrl: 'http://a.test',
          createdAt: '2026-11-28T00:00:00.000Z',
        },
      ],
      activeProfileId: 'p1',
      organizations: [],
      activeOrganizationId: null,
      permissions: null,
      health: 'unknown',
      readOnly: false,
      profileSessions: [],
    };
    const unconfirmed: AuthState = {
      ...base,
      session: { kind: 'signed_in', method: 'restored', user: { id: '', email: null, name: null } },
    };
    expect(viewerOf(unconfirmed)).toMatchObject({ userId: null, deploymentUrl: 'http://lw.test' });
    const device: AuthState = {
      ...base,
      readOnly: true,
      session: {
        kind: 'device',
        user: { id: 'user_support', email: null, name: null },
        organization: { id: 'o', name: 'O', slug: 'o' },
        expiresAt: null,
      },
    };
    expect(viewerOf(device)).toMatchObject({ userId: null, readOnly: true, canManage: false });
  });
});
