/**
 * "Nothing sent by the wrong person", over IPC with the real dispatcher, handler table and
 * services against the emulator: a read-only (device) session can call no mutating channel;
 * another person sees no key facts of an entry and cannot act on it; "Forget this deployment"
 * discards the deployment's staged keys.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { startEmulator } from '../../../emulator';
import { SEED } from '../../../emulator/seed';
import { createDispatcher, type Dispatcher } from '../../../src-main/ipc/dispatcher';
import { createHandlerTable } from '../../../src-main/ipc/handlers';
import { createServices, type Services } from '../../../src-main/services/create-services';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const SENDER = { frameUrl: 'http://renderer.test/index.html', isMainFrame: true, windowId: 'w' };
const ACME = SEED.orgs.enterprise.id;
const KEY = SEED.anthropicKeys.compliance;

describe('who may act on a staged key (IPC, real dispatcher)', () => {
  let emulator: Emulator;
  let dir: string;
  let services: Services;
  let dispatcher: Dispatcher;
  let traffic: unknown[];

  beforeEach(async () => {
    emulator = await startEmulator({ pullerSchedule: false });
    dir = mkdtempSync(join(tmpdir(), 'lw-outbox-owner-'));
    services = await createServices({
      config: {
        mode: 'test',
        userDataDir: dir,
        secretBackend: 'memory',
        defaultLangwatchUrl: emulator.langwatchUrl,
        defaultAnthropicUrl: emulator.anthropicUrl,
      },
      version: '0.0.0-test',
      secrets: createMemorySecretStore(),
    });
    traffic = [];
    services.events.addSink((name, payload) => traffic.push({ name, payload }));
    dispatcher = createDispatcher({
      handlers: createHandlerTable(services),
      senderPolicy: { trustedUrls: [SENDER.frameUrl], isOurWindow: (id) => id === 'w' },
      log: services.log.child('ipc'),
    });
  });

  afterEach(async () => {
    await services.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const invoke = async (channel: string, input: unknown) => {
    const result = await dispatcher.dispatch(channel, input, SENDER);
    traffic.push(result);
    // Answers are read field by field below; `any` keeps those reads short.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return result as { ok: boolean; value?: any; error?: { code: string; message: string } };
  };
  const profileId = () => services.auth.state().activeProfileId!;
  const signIn = async (who: keyof typeof SEED.users) => {
    const { email, password } = SEED.users[who];
    expect((await invoke('auth.signInWithEmail', { profileId: profileId(), email, password })).ok).toBe(true);
    await expect.poll(() => services.auth.state().activeOrganizationId, { timeout: 10_000 }).toBe(ACME);
  };
  /** Stages as the admin while LangWatch is unreachable, so the entry stays in the outbox. */
  const stageWhileOffline = async (name: string) => {
    await signIn('admin');
    await emulator.control.setOffline(true, { which: 'langwatch' });
    const staged = await invoke('outbox.stage', {
      kind: 'create',
      organizationId: ACME,
      name,
      key: KEY,
      pollEverySec: 300,
    });
    expect(staged.ok).toBe(true);
    await services.outbox.idle();
    return staged.value.stagedId as string;
  };
  const createsSent = () =>
    emulator.control.requestLog().filter((r) => r.path.includes('ingestionSources.create')).length;

  it('a read-only (device) session can call no mutating channel: refused in main, nothing changes', async () => {
    const stagedId = await stageWhileOffline('Staged by Ada');
    await emulator.control.setOffline(false);
    await invoke('auth.signOut', { profileId: profileId() });
    const started = await invoke('auth.startDeviceSignIn', { profileId: profileId() });
    emulator.control.approveDevice(started.value.userCode, 'support');
    await expect.poll(() => services.auth.state().readOnly, { timeout: 20_000 }).toBe(true);

    const refused = [
      ['outbox.stage', { kind: 'create', organizationId: ACME, name: 'By support', key: KEY, pollEverySec: 300 }],
      ['outbox.edit', { stagedId, name: 'Renamed by support', pollEverySec: 300 }],
      ['outbox.retryNow', { stagedId }],
      ['outbox.discard', { stagedId }],
      ['keyChecks.checkStaged', { stagedId }],
      ['keyChecks.previewStaged', { stagedId }],
      ['profiles.edit', { profileId: profileId(), baseUrl: 'http://127.0.0.1:9' }],
      ['profiles.edit', { profileId: profileId(), anthropicBaseUrl: 'http://127.0.0.1:9' }],
      ['profiles.remove', { profileId: profileId() }],
      ['sources.setStatus', { id: 'src_cc_prod', status: 'disabled' }],
      ['sources.archive', { id: 'src_cc_prod', confirmName: 'Claude Compliance — Production' }],
      ['ingestSecrets.reveal', { sourceId: 'src_cc_prod' }],
      ['ingestSecrets.rotate', { sourceId: 'src_cc_prod' }],
    ] as const;
    for (const [channel, input] of refused) {
      const answer = await invoke(channel, input);
      expect({ channel, code: answer.error?.code }).toEqual({ channel, code: 'auth.read_only' });
    }
    // a harmless rename of the profile is still allowed
    expect((await invoke('profiles.edit', { profileId: profileId(), name: 'Renamed' })).ok).toBe(true);
    const entry = (await invoke('outbox.list', {})).value.find((e: { id: string }) => e.id === stagedId);
    expect(entry).toMatchObject({
      state: 'needs_sign_in',
      name: 'Staged by Ada',
      access: 'other_person',
      fingerprint: null,
      preflight: null,
    });
    expect(await services.secrets.get(`staged:${stagedId}`)).toBe(JSON.stringify({ token: KEY }));
    expect(createsSent()).toBe(0);
    expect(JSON.stringify(traffic)).not.toContain(KEY);
  }, 40_000);

  it("a read-only session changes no shared setting and ends no other profile's session", async () => {
    await signIn('admin');
    const adminProfile = profileId();
    // The support desk's own deployment (one profile per URL): a second emulator.
    const desk = await startEmulator({ pullerSchedule: false });
    onTestFinished(() => desk.close());
    const support = (await invoke('profiles.add', { name: 'Support desk', baseUrl: desk.langwatchUrl })).value;
    await invoke('auth.selectProfile', { profileId: support.id });
    const started = await invoke('auth.startDeviceSignIn', { profileId: support.id });
    desk.control.approveDevice(started.value.userCode, 'support');
    await expect.poll(() => services.auth.state().readOnly, { timeout: 20_000 }).toBe(true);
    const before = (await invoke('settings.get', {})).value;

    for (const patch of [
      { autoPreflight: false },
      { stagedKeyTtlHours: 336 },
      { notifications: false, autoPreflight: false },
    ]) {
      const answer = await invoke('settings.update', patch);
      expect({ patch, code: answer.error?.code }).toEqual({ patch, code: 'auth.read_only' });
      expect(answer.error!.message).toContain('everyone’s staged keys');
    }
    expect((await invoke('settings.get', {})).value).toEqual(before);
    // a personal preference stays the person's own
    expect((await invoke('settings.update', { notifications: !before.notifications })).value).toMatchObject({
      autoPreflight: before.autoPreflight,
      stagedKeyTtlHours: before.stagedKeyTtlHours,
      notifications: !before.notifications,
    });

    const email = SEED.users.admin;
    for (const [channel, input] of [
      ['auth.signOut', { profileId: adminProfile }],
      ['auth.signInWithEmail', { profileId: adminProfile, email: email.email, password: 'x' }],
      ['auth.startDeviceSignIn', { profileId: adminProfile }],
    ] as const) {
      expect({ channel, code: (await invoke(channel, input)).error?.code }).toEqual({
        channel,
        code: 'auth.read_only',
      });
    }
    expect(await services.sessions.getState(adminProfile)).toMatchObject({ kind: 'signed_in', user: { id: email.id } });
    // its own session it may end
    expect((await invoke('auth.signOut', { profileId: support.id })).value).toMatchObject({ kind: 'signed_out' });
  }, 40_000);

  it("after a sign-out, another person signed in sends nothing, sees no key facts and cannot act; the owner's sign-in sends it", async () => {
    const stagedId = await stageWhileOffline('Staged by Ada too');
    await invoke('auth.signOut', { profileId: profileId() });
    await emulator.control.setOffline(false);
    await signIn('member');
    expect((await invoke('outbox.retryNow', { stagedId })).error?.code).toBe('outbox.not_yours');
    expect((await invoke('outbox.edit', { stagedId, name: 'Mine now', pollEverySec: 300 })).error?.code).toBe(
      'outbox.not_yours',
    );
    expect((await invoke('keyChecks.checkStaged', { stagedId })).error?.code).toBe('outbox.not_yours');
    expect((await invoke('keyChecks.previewStaged', { stagedId })).error?.code).toBe('outbox.not_yours');
    expect(Object.keys((await invoke('keyChecks.lastVerdicts', {})).value.byStagedId)).not.toContain(stagedId);
    // not an organisation admin: may not discard other people's entries either
    expect((await invoke('outbox.discard', { stagedId })).error?.code).toBe('outbox.not_yours');
    // the worker's own schedule comes round: it still waits for Ada
    await services.outbox.idle();
    const seen = (await invoke('outbox.list', {})).value.find((e: { id: string }) => e.id === stagedId);
    expect(seen).toMatchObject({
      access: 'other_person',
      fingerprint: null,
      preflight: null,
      lastError: null,
      owner: { email: SEED.users.admin.email },
    });
    expect(createsSent()).toBe(0);

    await invoke('auth.signOut', { profileId: profileId() });
    await signIn('admin');
    expect(Object.keys((await invoke('keyChecks.lastVerdicts', {})).value.byStagedId)).toContain(stagedId); // its owner sees it
    await expect
      .poll(async () => (await invoke('outbox.list', {})).value.find((e: { id: string }) => e.id === stagedId)?.state, {
        timeout: 15_000,
      })
      .toBe('submitted');
    expect(emulator.control.sources(ACME).filter((s) => s.name === 'Staged by Ada too')).toHaveLength(1);
  }, 40_000);

  it('forgetting the deployment or moving its URL, signed out or view-only, refuses, names the owner and changes nothing', async () => {
    const stagedId = await stageWhileOffline('Staged by Ada, kept');
    await emulator.control.setOffline(false);
    const id = profileId();
    const baseUrl = services.auth.state().profiles.find((p) => p.id === id)!.baseUrl;
    const unchanged = async () => {
      expect(services.outbox.list().find((e) => e.id === stagedId)).toMatchObject({ keyHeld: true });
      expect(services.outbox.list().find((e) => e.id === stagedId)?.state).not.toBe('discarded');
      expect(await services.secrets.get(`staged:${stagedId}`)).toBe(JSON.stringify({ token: KEY }));
      expect(services.auth.state().profiles.find((p) => p.id === id)?.baseUrl).toBe(baseUrl);
    };
    const refusedWith = (answer: Awaited<ReturnType<typeof invoke>>, change: string) => {
      expect(answer.error).toMatchObject({
        code: 'outbox.not_yours',
        details: { reason: 'entries_of_others', change, blocking: 1, owners: [SEED.users.admin.email] },
      });
      expect(answer.error!.message).toContain(SEED.users.admin.email);
      expect(answer.error!.message).toContain('Nothing was changed');
    };
    await invoke('auth.signOut', { profileId: id });
    await expect.poll(() => services.auth.state().session.kind).toBe('signed_out');
    expect((await invoke('outbox.discard', { stagedId })).error?.code).toBe('outbox.not_yours');
    refusedWith(await invoke('profiles.remove', { profileId: id }), 'forget');
    refusedWith(await invoke('profiles.edit', { profileId: id, baseUrl: 'http://127.0.0.1:9' }), 'move');
    await unchanged();

    emulator.control.setMemberPermissions(ACME, 'member', ['ingestionSources:view']); // view-only
    await signIn('member');
    refusedWith(await invoke('profiles.remove', { profileId: id }), 'forget');
    refusedWith(await invoke('profiles.edit', { profileId: id, baseUrl: 'http://127.0.0.1:9' }), 'move');
    await unchanged();
    expect(services.auth.state().session).toMatchObject({ kind: 'signed_in' }); // the move did not sign out either
    expect(JSON.stringify(traffic)).not.toContain(KEY);
  }, 40_000);

  it('"Forget this deployment" discards its staged keys (wiped) and says how many', async () => {
    const a = await stageWhileOffline('Forget me A');
    const b = (
      await invoke('outbox.stage', {
        kind: 'create',
        organizationId: ACME,
        name: 'Forget me B',
        key: KEY,
        pollEverySec: 300,
      })
    ).value.stagedId;
    expect(services.outbox.openCountFor(profileId())).toBe(2);
    const id = profileId();
    const removed = await invoke('profiles.remove', { profileId: id });
    expect(removed.value).toEqual({ removed: true, discardedEntries: 2 });
    expect((await services.secrets.listAccounts()).filter((acc) => acc.startsWith('staged:'))).toEqual([]);
    const states = services.outbox
      .list()
      .filter((e) => e.id === a || e.id === b)
      .map((e) => e.state);
    expect(states).toEqual(['discarded', 'discarded']);
    await emulator.control.setOffline(false);
    expect(createsSent()).toBe(0);
  }, 40_000);
});
