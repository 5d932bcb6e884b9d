import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../emulator';
import { SEED } from '../../../emulator/seed';
import { createAuth, type Auth } from '../../../src-main/services/auth/auth-state';
import { createEventBus, type EventBus } from '../../../src-main/services/events/event-bus';
import { createMemoryLogger } from '../../../src-main/services/logging/logger';
import { createProfiles } from '../../../src-main/services/profiles/profiles';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import type { SecretStore } from '../../../src-main/services/secrets/secret-store';
import { createSessionManager, type SessionManager } from '../../../src-main/services/session/session-manager';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

describe('auth service against the emulator', () => {
  let emulator: Emulator;
  let dir: string;
  let secrets: SecretStore;
  const log = createMemoryLogger();
  const open: Auth[] = [];

  /** A console's auth layer on `dir` + `secrets` (call again to simulate a restart). */
  async function boot(events?: EventBus): Promise<{ auth: Auth; sessions: SessionManager }> {
    const profiles = createProfiles({ file: join(dir, 'profiles.json'), log });
    const sessions = createSessionManager({ profiles, secrets, log });
    const auth = await createAuth({
      userDataDir: dir,
      profiles,
      sessions,
      log,
      events,
      defaultProfile: { name: 'Emulator', baseUrl: emulator.langwatchUrl, anthropicBaseUrl: emulator.anthropicUrl },
    });
    open.push(auth);
    return { auth, sessions };
  }

  async function signIn({ auth, sessions }: { auth: Auth; sessions: SessionManager }, who: keyof typeof SEED.users) {
    const { email, password } = SEED.users[who];
    await sessions.signInWithEmail(auth.state().activeProfileId!, { email, password });
    return auth.refresh();
  }

  beforeEach(async () => {
    emulator = await startEmulator({ pullerSchedule: false });
    dir = mkdtempSync(join(tmpdir(), 'lw-conn-'));
    secrets = createMemorySecretStore();
  });

  afterEach(async () => {
    for (const c of open.splice(0)) await c.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts signed out on a first-run default profile', async () => {
    const { auth } = await boot();
    const state = auth.state();
    expect(state.profiles).toHaveLength(1);
    expect(state.session.kind).toBe('signed_out');
    expect(() => auth.requireActive()).toThrow(/Sign in/);
  });

  it('an admin gets organisations, manage permission and health in the enterprise org', async () => {
    // The renderer follows the auth through the `auth.changed` push event the service sends itself.
    const bus = createEventBus(log);
    const seen: string[] = [];
    bus.on('auth.changed', (s) => seen.push(s.session.kind));
    const booted = await boot(bus);
    const state = await signIn(booted, 'admin');
    expect(state.organizations.map((o) => o.id).sort()).toEqual(['org_acme', 'org_small']);
    expect(state.activeOrganizationId).toBe(state.organizations[0]!.id);
    const acme = await booted.auth.selectOrganization('org_acme');
    expect(acme.permissions).toMatchObject({ canView: true, canManage: true });
    // The health probe follows the sign-in on its own (a slow analytics store never holds it up).
    await expect.poll(() => booted.auth.state().health).toBe('available');
    expect(booted.auth.requireActive()).toMatchObject({ organizationId: 'org_acme', readOnly: false });
    expect(seen).toContain('signed_in');
  });

  it('an analytics store that hangs before failing never holds up the sign-in; health stays unknown', async () => {
    emulator.control.setActivityMonitorUnavailable(true, 2_000);
    const booted = await boot();
    const t0 = performance.now();
    const state = await signIn(booted, 'admin');
    expect(performance.now() - t0).toBeLessThan(1_500);
    expect(state).toMatchObject({
      session: { kind: 'signed_in' },
      permissions: { canManage: true },
      health: 'unknown',
    });
    expect(booted.auth.requireActive().organizationId).toBeTruthy();
    // The probe ends in a server error: not knowing stays "unknown", never an all-clear.
    await new Promise((r) => setTimeout(r, 2_300));
    expect(booted.auth.state().health).toBe('unknown');
  });

  it('a non-enterprise org shows health as enterprise_required, and the choice survives a restart', async () => {
    const first = await boot();
    await signIn(first, 'admin');
    await first.auth.selectOrganization('org_small');
    await expect.poll(() => first.auth.state().health).toBe('enterprise_required');
    await first.auth.close();
    const second = await boot();
    expect(second.auth.state()).toMatchObject({
      activeOrganizationId: 'org_small',
      session: { kind: 'signed_in', method: 'restored' },
    });
  });

  it('a view-only support user cannot manage', async () => {
    const state = await signIn(await boot(), 'support');
    expect(state.permissions).toMatchObject({ canView: true, canManage: false });
  });

  it('refuses an organisation the person does not belong to', async () => {
    const booted = await boot();
    await signIn(booted, 'support');
    await expect(booted.auth.selectOrganization('org_small')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('started while the deployment is unreachable: organisations load by themselves once it is back', async () => {
    const first = await boot();
    await signIn(first, 'admin');
    await first.auth.close();
    await emulator.control.setOffline(true, { which: 'langwatch' });
    const failuresBefore = log.entries.filter((e) => e.msg === 'could not load organisations').length;
    const second = await boot();
    expect(second.auth.state().session.kind).toBe('signed_in');
    // The start-up load has met the unreachable deployment...
    await expect
      .poll(() => log.entries.filter((e) => e.msg === 'could not load organisations').length, { timeout: 5_000 })
      .toBeGreaterThan(failuresBefore);
    expect(second.auth.state().organizations).toHaveLength(0);
    // ...and nothing but the auth itself will try again once it is back.
    await emulator.control.setOffline(false);
    await expect.poll(() => second.auth.state().organizations.length, { timeout: 10_000 }).toBe(2);
    expect(second.auth.requireActive().organizationId).toBeTruthy();
  });

  it('a 401 marks the session expired but keeps the organisations; waiting work resumes after sign-in', async () => {
    const booted = await boot();
    await signIn(booted, 'admin');
    await expect.poll(() => booted.auth.state().health).toBe('available');
    const profileId = booted.auth.state().activeProfileId!;
    emulator.control.expireSessions();
    const api = await booted.auth.apiFor(profileId);
    await expect(api.listSources('org_acme')).rejects.toMatchObject({ code: 'auth.session_expired' });
    await expect.poll(() => booted.auth.state().session.kind).toBe('expired');
    expect(booted.auth.state().organizations.length).toBe(2);
    let resumed = false;
    const waiting = booted.auth.waitForSession(profileId).then(() => (resumed = true));
    // Deliberate: proves the wait does NOT end by itself, which no fact can signal.
    await new Promise((r) => setTimeout(r, 50));
    expect(resumed).toBe(false);
    await signIn(booted, 'admin');
    await waiting;
    expect(resumed).toBe(true);
    expect(await (await booted.auth.apiFor(profileId)).listSources('org_acme')).not.toHaveLength(0);
  });
});

describe('auth start does not wait for the network', () => {
  it('with a stored session and a deployment that never answers, start takes local facts at once', async () => {
    const { createServer } = await import('node:http');
    const hanging = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hanging.address() as { port: number }).port}`;
    const dir = mkdtempSync(join(tmpdir(), 'lw-conn-hang-'));
    const secrets = createMemorySecretStore();
    const log = createMemoryLogger();
    const profiles = createProfiles({ file: join(dir, 'profiles.json'), log });
    const profile = await profiles.add({ name: 'Slow', baseUrl: url, anthropicBaseUrl: url });
    await profiles.edit(profile.id, { lastOrganizationId: 'org_acme' });
    await secrets.set(`session:${profile.id}`, 'better-auth.session_token=stored.cookie');
    const sessions = createSessionManager({ profiles, secrets, log });
    const started = performance.now();
    const auth = await createAuth({
      userDataDir: dir,
      profiles,
      sessions,
      log,
      defaultProfile: { name: 'x', baseUrl: url, anthropicBaseUrl: url },
    });
    try {
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(auth.state()).toMatchObject({
        activeProfileId: profile.id,
        activeOrganizationId: 'org_acme',
        session: { kind: 'signed_in', method: 'restored' },
      });
    } finally {
      await auth.close();
      hanging.closeAllConnections();
      hanging.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
