import { readdirSync, readFileSync } from 'node:fs';
import { ingestSecretAccount } from '../../../src-main/services/secrets/accounts';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SEED } from '../../../emulator/index';
import { AppError } from '../../../src-shared/errors';
import { getSession } from '../../../src-main/services/langwatch/auth';
import { createTestLogger, runClockUntil, startHarness, type Harness } from './harness';
import { caught } from '../../support/caught';

const ACME = SEED.orgs.enterprise.id;
const { admin, support } = SEED.users;
const { logger, dir } = createTestLogger();
const allSecrets = new Set<string>();

describe('session manager against the emulator', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(logger);
  });
  afterEach(async () => {
    for (const v of h.secretValues) allSecrets.add(v);
    // No state event ever carries a secret.
    const events = JSON.stringify(h.changes);
    for (const v of h.secretValues) expect(events).not.toContain(v);
    await h.close();
  });

  afterAll(async () => {
    await logger.flush();
    logger.flushSync();
    const text = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    expect(text.length).toBeGreaterThan(0);
    expect(text).toContain('signed in');
    for (const password of Object.values(SEED.users).map((u) => u.password)) expect(text).not.toContain(password);
    expect(allSecrets.size).toBeGreaterThan(3);
    for (const secret of allSecrets) expect(text).not.toContain(secret);
  });

  it('signs in with email: cookie in the keychain only, state signed_in', async () => {
    const state = await h.manager.signInWithEmail(h.profileId, { email: admin.email, password: admin.password });
    expect(state).toEqual({
      kind: 'signed_in',
      method: 'email',
      user: { id: admin.id, email: admin.email, name: admin.name },
    });
    const cookie = await h.secrets.get(`session:${h.profileId}`);
    expect(cookie).toMatch(/^better-auth\.session_token=.+/);
    // the cookie, and the (non-secret) person it belongs to, so staged keys stay bound offline
    expect((await h.secrets.listAccounts()).sort()).toEqual([`session-user:${h.profileId}`, `session:${h.profileId}`]);
    const sources = await (await h.manager.api(h.profileId)).listSources(ACME);
    expect(sources.length).toBeGreaterThan(0);
    expect(h.changes.map((c) => c.state.kind)).toEqual(['signed_in']);
  });

  it('rejects a wrong password, a disabled password sign-in and too many attempts', async () => {
    const wrong = await caught(
      h.manager.signInWithEmail(h.profileId, { email: admin.email, password: 'not the password' }),
    );
    expect(wrong.code).toBe('auth.invalid_credentials');
    h.emu.control.setEmailPasswordEnabled(false);
    const disabled = await caught(
      h.manager.signInWithEmail(h.profileId, { email: admin.email, password: admin.password }),
    );
    expect(disabled.code).toBe('auth.password_disabled');
    expect(disabled.message).toMatch(/Sign in with browser/);
    h.emu.control.setEmailPasswordEnabled(true);
    h.emu.control.setSignInLimit(1);
    h.emu.control.resetRateLimits();
    await h.manager.signInWithEmail(h.profileId, { email: admin.email, password: admin.password });
    const limited = await caught(
      h.manager.signInWithEmail(h.profileId, { email: admin.email, password: admin.password }),
    );
    expect(limited.code).toBe('auth.rate_limited');
    expect(limited.details?.retryAfterSec).toBeGreaterThan(0);
    for (const e of [wrong, disabled, limited]) expect(JSON.stringify(e.toData())).not.toContain(admin.password);
  });

  it('adopts a browser cookie after checking it, and refuses a dead one', async () => {
    const probe = await h.manager.signInWithEmail(h.profileId, { email: admin.email, password: admin.password });
    expect(probe.kind).toBe('signed_in');
    const cookie = (await h.manager.getCookie(h.profileId))!;
    const state = await h.manager.completeBrowserSignIn(h.profileId, cookie);
    expect(state).toMatchObject({ kind: 'signed_in', method: 'browser' });
    const dead = await caught(h.manager.completeBrowserSignIn(h.profileId, 'better-auth.session_token=dead.value'));
    expect(dead.code).toBe('auth.not_signed_in');
  });

  it('a 401 marks the session expired; a waiting task resumes after re-sign-in', async () => {
    await h.manager.signInWithEmail(h.profileId, { email: admin.email, password: admin.password });
    h.emu.control.expireSessions();
    const task = (async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        await h.manager.waitForSession(h.profileId);
        try {
          return await (await h.manager.api(h.profileId)).listSources(ACME);
        } catch (error) {
          if (error instanceof AppError && error.code === 'auth.session_expired') continue;
          throw error;
        }
      }
      throw new Error('gave up');
    })();
    // Wait on the fact (the first failing call marks the session), not on a fixed sleep.
    await vi.waitFor(async () => expect((await h.manager.getState(h.profileId)).kind).toBe('expired'), {
      timeout: 5_000,
    });
    expect(await h.secrets.get(`session:${h.profileId}`)).toBeNull();
    await h.manager.signInWithEmail(h.profileId, { email: admin.email, password: admin.password });
    expect((await task).length).toBeGreaterThan(0);
    expect(h.changes.map((c) => c.state.kind)).toEqual(['signed_in', 'expired', 'signed_in']);
    const expired = h.changes[1]!.state;
    expect(expired.kind === 'expired' && expired.previous.kind).toBe('signed_in');
  });

  it('signs out: server session revoked, no keychain entry left', async () => {
    await h.manager.signInWithEmail(h.profileId, { email: admin.email, password: admin.password });
    const cookie = (await h.manager.getCookie(h.profileId))!;
    await h.manager.signOut(h.profileId);
    expect(await h.secrets.listAccounts()).toEqual([]);
    expect(await getSession({ baseUrl: h.emu.langwatchUrl, cookie })).toBeNull();
    expect((await h.manager.getState(h.profileId)).kind).toBe('signed_out');
  });

  it('signs out while offline (best effort) and still deletes the keychain entry', async () => {
    await h.manager.signInWithEmail(h.profileId, { email: admin.email, password: admin.password });
    await h.emu.control.setOffline(true);
    await h.manager.signOut(h.profileId);
    expect(h.secrets.size()).toBe(0);
    await h.emu.control.setOffline(false);
  });

  it('restores a stored cookie session at start and notices a dead one', async () => {
    await h.manager.signInWithEmail(h.profileId, { email: admin.email, password: admin.password });
    const { createSessionManager } = await import('../../../src-main/services/session');
    const profiles = {
      get: async () => ({
        id: h.profileId,
        name: 'x',
        baseUrl: h.emu.langwatchUrl,
        anthropicBaseUrl: 'https://api.anthropic.com',
        createdAt: new Date().toISOString(),
      }),
      remove: async () => undefined,
    };
    const second = createSessionManager({ profiles, secrets: h.secrets, clock: h.clock, log: logger });
    expect(await second.getState(h.profileId)).toMatchObject({
      kind: 'signed_in',
      method: 'restored',
      user: { id: admin.id },
    });
    h.emu.control.expireSessions();
    const third = createSessionManager({ profiles, secrets: h.secrets, clock: h.clock, log: logger });
    expect((await third.getState(h.profileId)).kind).toBe('signed_out');
    expect(h.secrets.size()).toBe(0);
  });

  it('device flow: approved → read-only session with tokens in the keychain, CLI reads work', async () => {
    const start = await h.manager.startDeviceSignIn(h.profileId);
    expect(start.userCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(new URL(start.verificationUriComplete).origin).toBe(h.emu.langwatchUrl);
    h.emu.control.approveDevice(start.userCode, 'support', ACME);
    const state = await runClockUntil(h.clock, start.completion);
    expect(state).toMatchObject({ kind: 'device', user: { id: support.id }, organization: { id: ACME } });
    expect(await h.secrets.listAccounts()).toEqual([`device:${h.profileId}`]);
    const stored = JSON.parse((await h.secrets.get(`device:${h.profileId}`))!);
    expect(stored.accessToken).toMatch(/^lw_at_/);
    const sources = await (await h.manager.cli(h.profileId)).listSources();
    expect(sources.length).toBeGreaterThan(0);
    await h.manager.signOut(h.profileId);
    expect(h.secrets.size()).toBe(0);
  });

  it('device flow: slow_down widens the interval', async () => {
    h.emu.control.faults.add({ kind: 'rateLimit', route: '/api/auth/cli/exchange', times: 1 });
    const start = await h.manager.startDeviceSignIn(h.profileId);
    h.emu.control.approveDevice(start.userCode, 'support', ACME);
    await runClockUntil(h.clock, start.completion);
    expect(h.clock.delays.slice(0, 2)).toEqual([5000, 10000]);
  });

  it('device flow: denied and expired end the sign-in', async () => {
    const denied = await h.manager.startDeviceSignIn(h.profileId);
    h.emu.control.denyDevice(denied.userCode);
    expect((await caught(runClockUntil(h.clock, denied.completion))).code).toBe('auth.device_denied');
    const expired = await h.manager.startDeviceSignIn(h.profileId);
    h.emu.control.expireDeviceCode(expired.userCode);
    expect((await caught(runClockUntil(h.clock, expired.completion))).code).toBe('auth.device_expired');
    expect(h.secrets.size()).toBe(0);
    expect((await h.manager.getState(h.profileId)).kind).toBe('signed_out');
  });

  it('device flow: cancelling stops polling', async () => {
    const controller = new AbortController();
    const start = await h.manager.startDeviceSignIn(h.profileId, controller.signal);
    controller.abort();
    expect((await caught(start.completion)).code).toBe('cancelled');
  });

  it('refreshes device tokens 60 s before expiry; a revoked pair signs out with a reason', async () => {
    const start = await h.manager.startDeviceSignIn(h.profileId);
    h.emu.control.approveDevice(start.userCode, 'support', ACME);
    await runClockUntil(h.clock, start.completion);
    const before = JSON.parse((await h.secrets.get(`device:${h.profileId}`))!);
    await h.clock.advance(before.accessExpiresAt - h.clock.now() - 61_000);
    expect(JSON.parse((await h.secrets.get(`device:${h.profileId}`))!).accessToken).toBe(before.accessToken);
    const refreshed = new Promise<void>((resolve) => {
      const iv = setInterval(() => {
        void h.secrets.get(`device:${h.profileId}`).then((raw) => {
          if (JSON.parse(raw!).accessToken === before.accessToken) return;
          clearInterval(iv);
          resolve();
        });
      }, 5);
    });
    await h.clock.advance(2000);
    await refreshed;
    const after = JSON.parse((await h.secrets.get(`device:${h.profileId}`))!);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessExpiresAt).toBeGreaterThan(before.accessExpiresAt);
    // Revoke the pair behind the console's back: the next refresh fails with invalid_grant.
    await fetch(`${h.emu.langwatchUrl}/api/auth/cli/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: after.refreshToken }),
    });
    const signedOut = new Promise((resolve) =>
      h.manager.onChange((c) => c.state.kind === 'signed_out' && resolve(c.state)),
    );
    await h.clock.advance(after.accessExpiresAt - h.clock.now());
    expect(await signedOut).toMatchObject({ kind: 'signed_out', reason: expect.stringMatching(/Sign in again/) });
    expect(h.secrets.size()).toBe(0);
  });

  it('forgetProfile signs out and removes every entry for the profile', async () => {
    await h.manager.signInWithEmail(h.profileId, { email: admin.email, password: admin.password });
    await h.secrets.set(`device:${h.profileId}`, '{"broken":true}');
    await h.secrets.set('staged:other', 'sk-ant-api01-not-this-profile-xxxxxxxxxxxx');
    // An ingest secret still waiting for its owner on this deployment goes with it.
    await h.secrets.set(
      ingestSecretAccount({ profileId: h.profileId, userId: admin.id }, 'src_push'),
      'lw_is_x'.repeat(4),
    );
    await h.manager.forgetProfile(h.profileId);
    expect(await h.secrets.listAccounts()).toEqual(['staged:other']);
  });
});
