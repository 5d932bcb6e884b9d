/**
 * What a desktop does to the console: a full disk while the outbox is written (ENOSPC at the
 * fs layer), a damaged outbox.json / profiles.json at start, the keychain locked in the middle
 * of a flush, the laptop asleep for hours, the clock jumping. Each case has one clear outcome
 * and loses nothing: every staged key ends as exactly one source (or waits, visibly, with its
 * key kept), no key is swept blindly, no rejection goes unhandled.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SEED, startEmulator, type RunningEmulator } from '../../emulator/index';
import { createDispatcher } from '../../src-main/ipc/dispatcher';
import { createHandlerTable } from '../../src-main/ipc/handlers';
import type { Clock } from '../../src-main/services/clock';
import { createServices, type Services } from '../../src-main/services/create-services';
import { createMemorySecretStore, type MemorySecretStore } from '../../src-main/services/secrets/memory-store';
import type { IpcResult } from '../../src-shared/ipc/define';

// Each journey polls through up to three states on a shared, loaded machine (CI runs the whole
// suite on 2 cores): the polls' own limits bound it, not the default 20 s test timeout.
vi.setConfig({ testTimeout: 120_000 });

// ENOSPC injected where files are written: every handle opened on a matching path fails its writes.
const disk = vi.hoisted(() => ({ full: null as RegExp | null }));
vi.mock('node:fs/promises', async (importOriginal) => {
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports -- vi.mock's factory types the original module this way
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const open = (async (...args: Parameters<typeof real.open>) => {
    const handle = await real.open(...args);
    if (!disk.full || !disk.full.test(String(args[0]))) return handle;
    const enospc = async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
    };
    return new Proxy(handle, {
      get(target, prop) {
        if (prop === 'writeFile' || prop === 'write' || prop === 'appendFile') return enospc;
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }) as typeof real.open;
  return { ...real, open, default: { ...real, open } };
});

const ACME = SEED.orgs.enterprise.id;
const ADMIN = SEED.users.admin;
const KEY = SEED.anthropicKeys.compliance;
const SENDER = { frameUrl: 'http://renderer.test/index.html', isMainFrame: true, windowId: 'w' };
const HOUR = 3600_000;

/** Real timers (they stop while a laptop sleeps), a wall clock that can jump. */
function jumpingClock(): { clock: Clock; jump(ms: number): void } {
  let offset = 0;
  return {
    clock: {
      now: () => Date.now() + offset,
      setTimeout: (fn, ms) => {
        const handle = setTimeout(fn, ms);
        handle.unref?.();
        return handle;
      },
      clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    },
    jump: (ms) => void (offset += ms),
  };
}

interface Console {
  services: Services;
  call<T = unknown>(channel: string, input?: unknown): Promise<IpcResult<T>>;
}

let emu: RunningEmulator;
let dir: string;
let secrets: MemorySecretStore;
let time: ReturnType<typeof jumpingClock>;
const open: Services[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

async function start(): Promise<Console> {
  const services = await createServices({
    config: {
      mode: 'test',
      userDataDir: dir,
      secretBackend: 'memory',
      defaultLangwatchUrl: emu.langwatchUrl,
      defaultAnthropicUrl: emu.anthropicUrl,
    },
    version: '0.0.0-test',
    secrets,
    clock: time.clock,
  });
  open.push(services);
  const dispatcher = createDispatcher({
    handlers: createHandlerTable(services),
    senderPolicy: { trustedUrls: [SENDER.frameUrl], isOurWindow: (id) => id === 'w' },
    log: services.log.child('ipc'),
  });
  return { services, call: (channel, input) => dispatcher.dispatch(channel, input ?? {}, SENDER) as never };
}
async function stop(c: Console): Promise<void> {
  await c.services.close();
  open.splice(open.indexOf(c.services), 1);
}
async function signIn(c: Console): Promise<void> {
  const profileId = c.services.auth.state().activeProfileId!;
  expect(
    await c.call('auth.signInWithEmail', { profileId, email: ADMIN.email, password: ADMIN.password }),
  ).toMatchObject({ ok: true });
  expect(await c.call('auth.selectOrganization', { organizationId: ACME })).toMatchObject({ ok: true });
}
async function stage(c: Console, name: string): Promise<string> {
  const staged = await c.call<{ stagedId: string }>('outbox.stage', {
    kind: 'create',
    organizationId: ACME,
    name,
    key: KEY,
    pollEverySec: 900,
  });
  expect(staged, `stage ${name}`).toMatchObject({ ok: true });
  return (staged as { value: { stagedId: string } }).value.stagedId;
}
const entry = (c: Console, id: string) => c.services.outbox.list().find((e) => e.id === id);
const sourcesNamed = (name: string) => emu.control.sources(ACME).filter((s) => s.name === name);
const stagedAccounts = async () => (await secrets.listAccounts()).filter((a) => a.startsWith('staged:'));
/** A create that keeps failing (503), so a staged entry waits with its key. */
const holdCreates = () =>
  void emu.control.faults.add({ route: 'ingestionSources.create', side: 'langwatch', kind: 'error5xx', status: 503 });

beforeAll(async () => {
  emu = await startEmulator({ pullerSchedule: false });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lw-desktop-'));
  secrets = createMemorySecretStore();
  time = jumpingClock();
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  disk.full = null;
  emu.control.faults.clear();
  for (const s of open.splice(0)) await s.close();
  // A closing logger may still flush a line into the folder: retry instead of failing on ENOTEMPTY.
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled, 'unhandled rejections').toEqual([]);
});

describe('disk full while writing the outbox (ENOSPC)', () => {
  it('staging answers storage.io, keeps no half-staged entry or key; staging works again once there is space', async () => {
    const c = await start();
    await signIn(c);
    disk.full = /outbox\.json/;
    const refused = await c.call('outbox.stage', {
      kind: 'create',
      organizationId: ACME,
      name: 'Disk full stage',
      key: KEY,
      pollEverySec: 900,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'storage.io' } });
    expect((refused as { error: { message: string } }).error.message).toMatch(/disk space/);
    expect(c.services.outbox.list()).toEqual([]);
    expect(await stagedAccounts()).toEqual([]);

    disk.full = null;
    const id = await stage(c, 'Disk full stage');
    await expect.poll(() => entry(c, id)?.state, { timeout: 30_000 }).toBe('submitted');
    expect(sourcesNamed('Disk full stage')).toHaveLength(1);
  });

  it('during a flush: nothing thrown, the key kept until a record says submitted; after a restart exactly one source', async () => {
    let c = await start();
    await signIn(c);
    holdCreates();
    const id = await stage(c, 'Disk full flush');
    await expect.poll(() => entry(c, id)?.state, { timeout: 20_000 }).toBe('retrying');
    disk.full = /outbox\.json/;
    emu.control.faults.clear();
    await expect.poll(() => sourcesNamed('Disk full flush').length, { timeout: 30_000 }).toBe(1);
    await c.services.outbox.idle();
    expect(await secrets.get(`staged:${id}`), 'no durable record of the submission yet: the key stays').not.toBeNull();
    await stop(c);

    disk.full = null;
    c = await start();
    await expect.poll(() => entry(c, id)?.state, { timeout: 30_000 }).toBe('submitted');
    await c.services.outbox.idle();
    expect(sourcesNamed('Disk full flush')).toHaveLength(1);
    await expect.poll(stagedAccounts, { timeout: 5000 }).toEqual([]);
  });
});

describe('damaged files at start', () => {
  it('a truncated outbox.json is kept aside and reported; the staged keys stay in the keychain (no blind sweep)', async () => {
    let c = await start();
    await signIn(c);
    holdCreates();
    const id = await stage(c, 'Kept through a damaged outbox');
    await stop(c);
    const path = join(dir, 'outbox.json');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.slice(0, Math.floor(text.length / 2)));

    c = await start();
    const info = await c.call<{ problems: Array<{ area: string; message: string }> }>('app.info');
    const problem = (info as { value: { problems: Array<{ area: string; message: string }> } }).value.problems.find(
      (p) => p.area === 'outbox',
    );
    expect(problem?.message).toMatch(/moved aside/);
    expect(readdirSync(dir).filter((f) => f.startsWith('outbox.json.corrupt-'))).toHaveLength(1);
    expect(await secrets.get(`staged:${id}`)).toBe(JSON.stringify({ token: KEY })); // the secret unit
  });

  it('a corrupt profiles.json is kept aside and reported; the console starts; sign-ins stay in the keychain', async () => {
    let c = await start();
    await signIn(c);
    const sessionsBefore = (await secrets.listAccounts()).filter((a) => a.startsWith('session:'));
    expect(sessionsBefore).toHaveLength(1);
    await stop(c);
    writeFileSync(join(dir, 'profiles.json'), '{"version":1,"profiles":[{"id":');

    c = await start();
    expect(await c.call('app.info')).toMatchObject({
      ok: true,
      value: { problems: [expect.objectContaining({ area: 'profiles' })] },
    });
    expect(readdirSync(dir).filter((f) => f.startsWith('profiles.json.corrupt-'))).toHaveLength(1);
    expect(existsSync(join(dir, 'profiles.json'))).toBe(true);
    expect((await secrets.listAccounts()).filter((a) => a.startsWith('session:'))).toEqual(sessionsBefore);
  });
});

describe('the keychain locked in the middle of a flush', () => {
  it('waiting entries keep their keys and say why; once unlocked each becomes exactly one source', async () => {
    const c = await start();
    await signIn(c);
    holdCreates();
    const names = ['Locked 1', 'Locked 2', 'Locked 3', 'Locked 4'];
    const ids: string[] = [];
    for (const name of names) ids.push(await stage(c, name));
    await expect.poll(() => ids.every((id) => entry(c, id)?.state === 'retrying'), { timeout: 20_000 }).toBe(true);
    secrets.setUnavailable(true);
    emu.control.faults.clear();
    await expect
      .poll(() => ids.filter((id) => entry(c, id)?.lastError?.code === 'keychain.unavailable').length, {
        timeout: 20_000,
      })
      .toBe(ids.length);
    // Never taken as "key gone": each waits for the keychain, with its key kept.
    for (const id of ids) expect(entry(c, id)).toMatchObject({ keyHeld: true, state: 'waiting_for_keychain' });

    secrets.setUnavailable(false);
    for (const id of ids) await c.call('outbox.retryNow', { stagedId: id });
    await expect
      .poll(() => ids.filter((id) => entry(c, id)?.state === 'submitted').length, { timeout: 20_000 })
      .toBe(ids.length);
    for (const name of names) expect(sourcesNamed(name), name).toHaveLength(1);
    await c.services.outbox.idle();
    await expect.poll(stagedAccounts, { timeout: 5000 }).toEqual([]);
  });
});

describe('the laptop sleeps, the clock jumps', () => {
  it('asleep 8 hours (session expired meanwhile): the entry waits for a sign-in with its key, then goes through once', async () => {
    const c = await start();
    await signIn(c);
    holdCreates();
    const id = await stage(c, 'Slept through the night');
    await expect.poll(() => entry(c, id)?.state, { timeout: 20_000 }).toBe('retrying');
    // Timers stop while asleep; the wall clock does not. The server ended the session meanwhile.
    time.jump(8 * HOUR);
    emu.control.expireSessions();
    emu.control.faults.clear();
    await expect.poll(() => entry(c, id)?.state, { timeout: 30_000 }).toBe('needs_sign_in');
    expect(await secrets.get(`staged:${id}`)).toBe(JSON.stringify({ token: KEY })); // the secret unit
    await signIn(c);
    await expect.poll(() => entry(c, id)?.state, { timeout: 30_000 }).toBe('submitted');
    expect(sourcesNamed('Slept through the night')).toHaveLength(1);
  });

  it('asleep past the staged-key lifetime (25 h): the entry expires visibly and its key is wiped, nothing sent', async () => {
    const c = await start();
    await signIn(c);
    holdCreates();
    const id = await stage(c, 'Slept too long');
    await expect.poll(() => entry(c, id)?.state, { timeout: 20_000 }).toBe('retrying');
    time.jump(25 * HOUR);
    await expect.poll(() => entry(c, id)?.state, { timeout: 30_000 }).toBe('expired');
    await expect.poll(stagedAccounts, { timeout: 5000 }).toEqual([]);
    expect(sourcesNamed('Slept too long')).toHaveLength(0);
  });

  it('the clock jumps back an hour: a waiting retry runs on its backoff, not an hour later; one source', async () => {
    const c = await start();
    await signIn(c);
    holdCreates();
    const id = await stage(c, 'Clock went back');
    await expect.poll(() => entry(c, id)?.state, { timeout: 20_000 }).toBe('retrying');
    time.jump(-HOUR);
    emu.control.faults.clear();
    await expect.poll(() => entry(c, id)?.state, { timeout: 30_000 }).toBe('submitted');
    expect(sourcesNamed('Clock went back')).toHaveLength(1);
  });

  it('the clock jumps ahead an hour: the retry runs at once, nothing expires early; one source', async () => {
    const c = await start();
    await signIn(c);
    holdCreates();
    const id = await stage(c, 'Clock went ahead');
    await expect.poll(() => entry(c, id)?.state, { timeout: 20_000 }).toBe('retrying');
    time.jump(HOUR);
    emu.control.faults.clear();
    await expect.poll(() => entry(c, id)?.state, { timeout: 30_000 }).toBe('submitted');
    expect(sourcesNamed('Clock went ahead')).toHaveLength(1);
  });
});
