/**
 * Starting with no usable keychain (keytar fails as it does without D-Bus): the services start,
 * `app.info` says what is missing and how to fix it, staging is refused, status stays
 * viewable with a sign-in held in memory, keys already staged are neither swept nor flagged;
 * once the keychain answers again ("Check keychain"), staging works and nothing was lost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED, startEmulator, type RunningEmulator } from '../../../emulator/index';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import { createHandlerTable } from '../../../src-main/ipc/handlers';
import { createServices, type Services } from '../../../src-main/services/create-services';
import type { IpcResult } from '../../../src-shared/ipc/define';
import { createFakeKeytar } from './fake-keytar';

const ACME = SEED.orgs.enterprise.id;
const ADMIN = SEED.users.admin;
const KEY = SEED.anthropicKeys.compliance;
const SENDER = { frameUrl: 'http://renderer.test/index.html', isMainFrame: true, windowId: 'w' };
const NO_DBUS = new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');

let emu: RunningEmulator;
let dir: string;
const keychain = createFakeKeytar();

async function start(): Promise<{
  services: Services;
  call: <T = unknown>(channel: string, input?: unknown) => Promise<IpcResult<T>>;
}> {
  const services = await createServices({
    config: {
      mode: 'test',
      userDataDir: dir,
      secretBackend: 'keychain',
      defaultLangwatchUrl: emu.langwatchUrl,
      defaultAnthropicUrl: emu.anthropicUrl,
    },
    version: '0.0.0-test',
    loadKeytar: () => keychain,
  });
  const dispatcher = createDispatcher({
    handlers: createHandlerTable(services),
    senderPolicy: { trustedUrls: [SENDER.frameUrl], isOurWindow: (id) => id === 'w' },
    log: services.log.child('ipc'),
  });
  return { services, call: (channel, input) => dispatcher.dispatch(channel, input ?? {}, SENDER) as never };
}

beforeAll(async () => {
  emu = await startEmulator({ pullerSchedule: false });
  dir = mkdtempSync(join(tmpdir(), 'lw-nokeychain-'));
});
afterAll(async () => {
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('no Secret Service / no D-Bus at start', () => {
  let stagedBefore = '';

  it('(before) a key staged while the keychain worked waits for LangWatch', async () => {
    const { services, call } = await start();
    const profileId = services.auth.state().activeProfileId!;
    expect(
      await call('auth.signInWithEmail', { profileId, email: ADMIN.email, password: ADMIN.password }),
    ).toMatchObject({ ok: true });
    expect(await call('auth.selectOrganization', { organizationId: ACME })).toMatchObject({ ok: true });
    emu.control.faults.add({ route: 'ingestionSources.create', side: 'langwatch', kind: 'error5xx', status: 503 });
    const staged = await call<{ stagedId: string }>('outbox.stage', {
      kind: 'create',
      organizationId: ACME,
      name: 'Staged before the keychain went',
      key: KEY,
      pollEverySec: 900,
    });
    expect(staged.ok).toBe(true);
    stagedBefore = (staged as { value: { stagedId: string } }).value.stagedId;
    await expect
      .poll(() => services.outbox.list().find((e) => e.id === stagedBefore)?.attempts ?? 0, { timeout: 10_000 })
      .toBeGreaterThan(0);
    await services.close();
    emu.control.faults.clear();
  });

  it('opens, says what is missing and how to fix it, refuses staging, keeps status viewable, keeps staged keys', async () => {
    keychain.failWith = NO_DBUS;
    const keysBefore = new Map(keychain.entries);
    const { services, call } = await start();
    try {
      const info = await call<{ problems: Array<{ area: string; code: string; message: string }> }>('app.info');
      expect(info.ok).toBe(true);
      const problem = (info as { value: { problems: Array<{ area: string; code: string; message: string }> } }).value
        .problems[0]!;
      expect(problem).toMatchObject({ area: 'keychain', code: 'keychain.unavailable' });
      expect(problem.message).toMatch(/D-Bus/);
      expect(problem.message).toMatch(/apt install gnome-keyring/);
      expect(problem.message).toMatch(/staging keys is disabled/);

      // The entry staged before is still there, its key neither swept nor declared missing.
      const before = services.outbox.list().find((e) => e.id === stagedBefore);
      expect(before).toMatchObject({ keyHeld: true });
      expect(before!.state).not.toBe('key_missing');

      // Sign-in held in memory: status is viewable.
      const profileId = services.auth.state().activeProfileId!;
      expect(
        await call('auth.signInWithEmail', { profileId, email: ADMIN.email, password: ADMIN.password }),
      ).toMatchObject({ ok: true });
      expect(await call('auth.selectOrganization', { organizationId: ACME })).toMatchObject({ ok: true });
      expect(await call('sources.refreshNow')).toMatchObject({ ok: true, value: { lastError: null } });
      expect(services.sourcesMonitor.rows().length).toBeGreaterThan(0);

      // Staging is refused, with the way out, and leaves nothing behind.
      const refused = await call('outbox.stage', {
        kind: 'create',
        organizationId: ACME,
        name: 'Staged without a keychain',
        key: KEY,
        pollEverySec: 900,
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'keychain.unavailable' } });
      expect(services.outbox.list().some((e) => e.name === 'Staged without a keychain')).toBe(false);
      expect(new Map(keychain.entries)).toEqual(keysBefore);

      // The keychain comes back: "Check keychain" re-enables staging; the sign-in moves into it.
      keychain.failWith = null;
      expect(await call('app.checkKeychain')).toMatchObject({ ok: true });
      expect(await call('app.info')).toMatchObject({ ok: true, value: { problems: [] } });
      expect([...keychain.entries.keys()].some((k) => k.includes(`/session:${profileId}`))).toBe(true);
      expect(
        await call('outbox.stage', {
          kind: 'create',
          organizationId: ACME,
          name: 'Staged after the keychain came back',
          key: KEY,
          pollEverySec: 900,
        }),
      ).toMatchObject({ ok: true });
      await call('outbox.retryNow', { stagedId: stagedBefore });
      await expect
        .poll(() => services.outbox.list().filter((e) => e.state === 'submitted').length, { timeout: 15_000 })
        .toBe(2);
      expect(emu.control.sources(ACME).filter((s) => s.name === 'Staged before the keychain went')).toHaveLength(1);
    } finally {
      await services.close();
    }
  });

  it('a locked collection at start (reads null, a listing would crash keytar): nothing lists it, the window says why', async () => {
    const first = await start();
    const profileId = first.services.auth.state().activeProfileId!;
    await first.call('auth.signInWithEmail', { profileId, email: ADMIN.email, password: ADMIN.password });
    await first.call('auth.selectOrganization', { organizationId: ACME });
    emu.control.faults.add({ route: 'ingestionSources.create', side: 'langwatch', kind: 'error5xx', status: 503 });
    const staged = await first.call<{ stagedId: string }>('outbox.stage', {
      kind: 'create',
      organizationId: ACME,
      name: 'Staged before the keyring locked',
      key: KEY,
      pollEverySec: 900,
    });
    const stagedId = (staged as { value: { stagedId: string } }).value.stagedId;
    await first.services.close();
    emu.control.faults.clear();

    keychain.locked = true;
    const { services, call } = await start();
    try {
      expect(keychain.crashes).toBe(0);
      const info = await call<{ problems: Array<{ area: string; message: string }> }>('app.info');
      expect(info).toMatchObject({ ok: true, value: { problems: [{ area: 'keychain' }] } });
      expect((info as { value: { problems: Array<{ message: string }> } }).value.problems[0]!.message).toMatch(
        /locked/,
      );
      const entry = services.outbox.list().find((e) => e.id === stagedId)!;
      expect(entry).toMatchObject({ keyHeld: true });
      expect(entry.state).not.toBe('key_missing');
      keychain.locked = false;
      expect(await call('app.checkKeychain')).toMatchObject({ ok: true });
      expect(keychain.crashes).toBe(0);
    } finally {
      await services.close();
    }
  });
});
