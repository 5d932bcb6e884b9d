/**
 * The real gnome-keyring, locked through the Secret Service API in the middle of a flush and
 * at start (the services run in child processes, as in the crash test). With the collection
 * locked, keytar reads answer null, writes fail and a listing ends the process with SIGSEGV.
 * Nothing may be taken as "key gone": 8 staged keys wait for the keychain with their keys, a
 * start on the locked collection opens with the diagnosis instead of crashing, and once the
 * keyring is unlocked every key becomes exactly one source and no key is left.
 *
 * Runs only in the private session of scripts/with-keyring.sh (LW_KEYRING_SESSION set): it
 * locks the collection and replaces the daemon to unlock it, never a desktop's own keyring.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SEED, startEmulator, type RunningEmulator } from '../../emulator/index';
import { instanceNamespace } from '../../src-main/services/secrets/accounts';
import { KEYCHAIN_SERVICE } from '../../src-main/services/secrets/secret-store';
import { startServicesChild, type ServicesChild } from './fixtures/child-client';

const ACME = SEED.orgs.enterprise.id;
const PREFIX = `Locked keyring ${process.pid}`;
const NAMES = Array.from({ length: 8 }, (_, i) => `${PREFIX} ${i + 1}`);
const PRIVATE = Boolean(process.env.LW_KEYRING_SESSION);

interface EntryView {
  id: string;
  state: string;
  name: string;
  keyHeld: boolean;
  lastError: { code: string } | null;
}

let emu: RunningEmulator;
let dir: string;

function gdbus(objectPath: string, method: string, ...args: string[]): string {
  return execFileSync(
    'gdbus',
    [
      'call',
      '--session',
      '--dest',
      'org.freedesktop.secrets',
      '--object-path',
      objectPath,
      '--method',
      method,
      ...args,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
}

/** The collection behind the "default" alias (the one keytar writes to). */
function defaultCollection(): string {
  const path = /'([^']+)'/.exec(
    gdbus('/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.ReadAlias', 'default'),
  )?.[1];
  if (!path || path === '/') throw new Error('the private keyring has no default collection');
  return path;
}

function lockKeyring(): void {
  gdbus('/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock', `['${defaultCollection()}']`);
  expect(isLocked()).toBe(true);
}

function isLocked(): boolean {
  return gdbus(
    defaultCollection(),
    'org.freedesktop.DBus.Properties.Get',
    'org.freedesktop.Secret.Collection',
    'Locked',
  ).includes('true');
}

/**
 * Unlocks with the private session's password: a prompt is impossible here, so a fresh daemon
 * replaces the running one and unlocks the login keyring from its file (with-keyring.sh stops it).
 */
function unlockKeyring(): void {
  execFileSync('gnome-keyring-daemon', ['--replace', '--unlock', '--components=secrets'], {
    input: 'pw',
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  expect(isLocked()).toBe(false);
}

/**
 * This console's staged accounts, listed by a fresh Node process: after a daemon replacement a
 * long-lived libsecret connection points at the old daemon.
 */
function stagedAccountsInKeychain(): string[] {
  const prefix = `${instanceNamespace(dir)}/staged:`;
  const script = `require('keytar').findCredentials(${JSON.stringify(KEYCHAIN_SERVICE)}).then((c) =>
    console.log(JSON.stringify(c.map((x) => x.account).filter((a) => a.startsWith(${JSON.stringify(prefix)})))))`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`listing the keychain failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[];
}

beforeAll(async () => {
  emu = await startEmulator({ pullerSchedule: false });
  dir = mkdtempSync(join(tmpdir(), 'lw-locked-'));
});
// A failed test must not leave the next one a locked keyring.
afterEach(() => {
  if (PRIVATE && isLocked()) unlockKeyring();
});
afterAll(async () => {
  await emu?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const child = (): Promise<ServicesChild> =>
  startServicesChild({ userDataDir: dir, langwatchUrl: emu.langwatchUrl, anthropicUrl: emu.anthropicUrl });

async function entries(c: ServicesChild): Promise<EntryView[]> {
  const r = await c.ipc<EntryView[]>('outbox.list');
  if (!r.ok) throw new Error(`outbox.list: ${r.error.code}`);
  return r.value.filter((e) => e.name.startsWith(PREFIX));
}

async function stageWhileLangwatchFails(c: ServicesChild, names: string[]): Promise<void> {
  emu.control.faults.add({ route: 'ingestionSources.create', side: 'langwatch', kind: 'error5xx', status: 503 });
  for (const name of names) {
    const staged = await c.ipc('outbox.stage', {
      kind: 'create',
      organizationId: ACME,
      name,
      key: SEED.anthropicKeys.compliance,
      pollEverySec: 900,
    });
    expect(staged, name).toMatchObject({ ok: true });
  }
  const staged = async () => (await entries(c)).filter((e) => names.includes(e.name));
  await vi.waitFor(async () => expect((await staged()).every((e) => e.state === 'retrying')).toBe(true), {
    timeout: 20_000,
  });
}

describe.skipIf(!PRIVATE)('the keyring locked through the Secret Service API', () => {
  it('at start: no SIGSEGV inside keytar, the diagnosis for the window, the staged key kept', async () => {
    const first = await child();
    await first.request({ cmd: 'signIn', who: 'admin' });
    await stageWhileLangwatchFails(first, [`${PREFIX} at start`]);
    await first.close();
    emu.control.faults.clear();

    lockKeyring();
    const second = await child(); // before: the child died in findCredentials, before "ready"
    const info = await second.ipc<{ problems: Array<{ area: string; message: string }> }>('app.info');
    expect(info).toMatchObject({ ok: true, value: { problems: [{ area: 'keychain' }] } });
    expect((info as { value: { problems: Array<{ message: string }> } }).value.problems[0]!.message).toMatch(/locked/);
    const [entry] = await entries(second);
    expect(entry).toMatchObject({ keyHeld: true });
    expect(entry!.state).not.toBe('key_missing');
    await second.close();
    unlockKeyring();

    // Unlocked: it goes through once; its key is wiped.
    const third = await child();
    await vi.waitFor(async () => expect((await entries(third)).map((e) => e.state)).toEqual(['submitted']), {
      timeout: 30_000,
      interval: 200,
    });
    await third.request({ cmd: 'idle' });
    await third.close();
    expect(stagedAccountsInKeychain()).toEqual([]);
  }, 120_000);

  it('during a flush: 8 keys wait for the keychain with their keys; unlocked, each becomes one source', async () => {
    const names = NAMES.map((n) => `${n} flush`);
    const ours = async (c: ServicesChild) => (await entries(c)).filter((e) => e.name.endsWith(' flush'));
    const first = await child();
    await first.request({ cmd: 'signIn', who: 'admin' });
    await stageWhileLangwatchFails(first, names);
    expect(stagedAccountsInKeychain()).toHaveLength(names.length);

    // The keyring locks; LangWatch is back; Retry: every read of a key answers null.
    lockKeyring();
    emu.control.faults.clear();
    for (const e of await ours(first)) await first.ipc('outbox.retryNow', { stagedId: e.id });
    await vi.waitFor(
      async () => expect((await ours(first)).map((e) => e.state)).toEqual(names.map(() => 'waiting_for_keychain')),
      { timeout: 20_000, interval: 200 },
    );
    for (const e of await ours(first))
      expect(e).toMatchObject({ keyHeld: true, lastError: { code: 'keychain.unavailable' } });
    expect(emu.control.sources(ACME).filter((s) => s.name.endsWith(' flush'))).toEqual([]);
    await first.close();

    // Unlocked: the next start keeps every key (no sweep on a null), resumes every entry, sends each once.
    unlockKeyring();
    expect(stagedAccountsInKeychain()).toHaveLength(names.length);
    const second = await child();
    await vi.waitFor(
      async () => expect((await ours(second)).map((e) => e.state)).toEqual(names.map(() => 'submitted')),
      { timeout: 30_000, interval: 200 },
    );
    await second.request({ cmd: 'idle' });
    await second.close();
    const created = emu.control.sources(ACME).filter((s) => s.name.endsWith(' flush'));
    expect(created.map((s) => s.name).sort()).toEqual([...names].sort());
    expect(stagedAccountsInKeychain()).toEqual([]);
  }, 120_000);
});
