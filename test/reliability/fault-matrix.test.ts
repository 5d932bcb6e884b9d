/**
 * Fault matrix: {added latency 2 s, 30 % 5xx, 429 with Retry-After, connection reset, malformed
 * JSON, offline for 30 s, session expiry} × {stage and submit, status refresh, sign-in}, each
 * cell against the real services and dispatcher over the emulator's fault injection. Every cell
 * asserts: no crash (no unhandled rejection, every IPC call answers), a clear visible state
 * (entry state, monitor error, error code), nothing lost (entry and staged key kept, rows kept,
 * profile kept), and recovery once the fault clears.
 *
 * Time is compressed: the services run on a clock 10× faster than the wall clock (backoff,
 * Retry-After waits, probe intervals), and "offline for 30 s" is 3 s of wall time (the
 * emulator's `setOffline(true, {forMs})`), i.e. 30 s on the services' clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SEED, startEmulator, type RunningEmulator } from '../../emulator/index';
import type { FaultSpec } from '../../emulator/index';
import { createDispatcher, type Dispatcher } from '../../src-main/ipc/dispatcher';
import { createHandlerTable } from '../../src-main/ipc/handlers';
import type { Clock } from '../../src-main/services/clock';
import { createServices, type Services } from '../../src-main/services/create-services';
import { createMemorySecretStore, type MemorySecretStore } from '../../src-main/services/secrets/memory-store';
import type { IpcResult } from '../../src-shared/ipc/define';
import { filesText } from '../support/files';

const ACME = SEED.orgs.enterprise.id;
const SPEED = 10;
const OFFLINE_WALL_MS = 3000; // 30 s on the services' clock
const SENDER = { frameUrl: 'http://renderer.test/index.html', isMainFrame: true, windowId: 'w' };
const ADMIN = SEED.users.admin;

/** A clock SPEED× faster than the wall clock, with unref'd timers like the system clock. */
function compressedClock(speed: number): Clock {
  const t0 = Date.now();
  return {
    now: () => t0 + (Date.now() - t0) * speed,
    setTimeout: (fn, ms) => {
      const handle = setTimeout(fn, Math.max(0, ms / speed));
      handle.unref?.();
      return handle;
    },
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
}

type FaultName =
  | 'latency 2 s'
  | '30 % 5xx'
  | '429 with Retry-After'
  | 'connection reset'
  | 'malformed JSON'
  | 'offline for 30 s'
  | 'session expiry';
const FAULTS: FaultName[] = [
  'latency 2 s',
  '30 % 5xx',
  '429 with Retry-After',
  'connection reset',
  'malformed JSON',
  'offline for 30 s',
  'session expiry',
];

/** Injects the fault on `route`; resolves once it is active. */
async function inject(emu: RunningEmulator, fault: FaultName, route: string): Promise<void> {
  const add = (spec: { kind: FaultSpec['kind'] } & Record<string, unknown>) =>
    void emu.control.faults.add({ route, side: 'langwatch', ...spec } as FaultSpec);
  switch (fault) {
    case 'latency 2 s':
      return add({ kind: 'latency', ms: 2000, times: 1 });
    case '30 % 5xx':
      return add({ kind: 'error5xx', status: 503, probability: 0.3 });
    case '429 with Retry-After':
      return add({ kind: 'rateLimit', retryAfterSec: 1, times: 2 });
    case 'connection reset':
      return add({ kind: 'resetBefore', times: 2 });
    case 'malformed JSON':
      return add({ kind: 'malformedJson', times: 2 });
    case 'offline for 30 s':
      return emu.control.setOffline(true, { which: 'langwatch', forMs: OFFLINE_WALL_MS });
    case 'session expiry':
      return void emu.control.expireSessions();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits for a fact: the probe's first truthy answer. */
async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 20_000): Promise<NonNullable<T>> {
  return vi.waitFor(
    async () => {
      const last = await probe();
      if (!last) throw new Error(`timed out waiting for ${what}`);
      return last as NonNullable<T>;
    },
    { timeout: timeoutMs, interval: 50 },
  );
}

interface Rig {
  emu: RunningEmulator;
  services: Services;
  secrets: MemorySecretStore;
  dispatcher: Dispatcher;
  call<T = unknown>(channel: string, input?: unknown): Promise<IpcResult<T>>;
  profileId: string;
}

let rig: Rig;
let dir: string;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

beforeEach(async () => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
  const emu = await startEmulator({ pullerSchedule: false });
  dir = mkdtempSync(join(tmpdir(), 'lw-faults-'));
  const secrets = createMemorySecretStore();
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
    clock: compressedClock(SPEED),
    monitorIntervals: { focusedMs: 5000, backgroundMs: 60_000 },
  });
  const dispatcher = createDispatcher({
    handlers: createHandlerTable(services),
    senderPolicy: { trustedUrls: [SENDER.frameUrl], isOurWindow: (id) => id === 'w' },
    log: services.log.child('ipc'),
  });
  const profileId = services.auth.state().activeProfileId!;
  rig = {
    emu,
    services,
    secrets,
    dispatcher,
    profileId,
    call: (channel, input) => dispatcher.dispatch(channel, input ?? {}, SENDER) as never,
  };
});

afterEach(async () => {
  rig.emu.control.faults.clear();
  await rig.services.close();
  await rig.emu.close();
  rmSync(dir, { recursive: true, force: true });
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled, 'unhandled rejections').toEqual([]);
});

async function signIn(): Promise<IpcResult<unknown>> {
  return rig.call('auth.signInWithEmail', { profileId: rig.profileId, email: ADMIN.email, password: ADMIN.password });
}
async function signedInToAcme(): Promise<void> {
  expect(await signIn()).toMatchObject({ ok: true });
  expect(await rig.call('auth.selectOrganization', { organizationId: ACME })).toMatchObject({ ok: true });
}
async function clear(fault: FaultName): Promise<void> {
  rig.emu.control.faults.clear();
  await rig.emu.control.setOffline(false);
  if (fault === 'session expiry') expect(await signIn(), 're-sign-in').toMatchObject({ ok: true });
}
/** Every file of the user-data folder, logs included, as text (the password must be in none). */
function userDataText(): string {
  return filesText(dir, 'latin1');
}

const OPEN_STATES = ['staged', 'submitting', 'retrying', 'needs_sign_in'];

describe.each(FAULTS)('fault: %s', (fault) => {
  it(
    'stage and submit: staged at once, kept with its key while failing, submitted exactly once after',
    { timeout: 40_000 },
    async () => {
      await signedInToAcme();
      await inject(rig.emu, fault, 'ingestionSources.create');
      const name = `Fault matrix ${fault}`;
      const staged = await rig.call<{ stagedId: string }>('outbox.stage', {
        kind: 'create',
        organizationId: ACME,
        name,
        key: SEED.anthropicKeys.compliance,
        pollEverySec: 900,
      });
      expect(staged, 'staging is local and answers at once').toMatchObject({ ok: true });
      const id = (staged as { ok: true; value: { stagedId: string } }).value.stagedId;
      const entry = () => rig.services.outbox.list().find((e) => e.id === id);

      // While the fault lasts: a clear state, the record and its key kept. Deliberate: lets the
      // fault act for a while (there is no single fact to wait for: each fault ends differently).
      await sleep(fault === 'latency 2 s' ? 500 : 1200);
      const during = entry();
      expect(during, 'entry kept').toBeDefined();
      expect([...OPEN_STATES, 'submitted'], `state during ${fault}`).toContain(during!.state);
      if (during!.state !== 'submitted') {
        expect(await rig.secrets.get(`staged:${id}`), 'staged key kept until submitted').toBe(
          SEED.anthropicKeys.compliance,
        );
        if (during!.state === 'retrying') expect(during!.lastError?.code, 'a retrying entry says why').toBeTruthy();
      }
      if (fault === 'session expiry') expect(during!.state).toBe('needs_sign_in');

      await clear(fault);
      if (fault !== 'session expiry') await rig.call('outbox.retryNow', { stagedId: id }).catch(() => undefined);
      await waitFor('submitted', () => entry()?.state === 'submitted');
      expect(entry()!.keyHeld).toBe(false);
      // The wipe may trail the `submitted` record by a moment; it must happen.
      await waitFor('key wiped', async () => (await rig.secrets.get(`staged:${id}`)) === null, 2000).catch(
        () => undefined,
      );
      expect(await rig.secrets.get(`staged:${id}`), 'key wiped once submitted').toBeNull();
      expect(
        rig.emu.control.sources(ACME).filter((s) => s.name === name),
        'exactly one source',
      ).toHaveLength(1);
    },
  );

  it('status refresh: answers, says what failed, keeps the rows, recovers', { timeout: 40_000 }, async () => {
    await signedInToAcme();
    const first = await rig.call<{ lastError: unknown }>('sources.refreshNow');
    expect(first).toMatchObject({ ok: true, value: { lastError: null } });
    const rows = rig.services.sourcesMonitor.rows().length;
    expect(rows).toBeGreaterThan(5);

    await inject(rig.emu, fault, fault === 'offline for 30 s' ? '*' : 'ingestionSources.*');
    const during = await rig.call<{ lastError: { code: string } | null; phase: string }>('sources.refreshNow');
    // Either the refresh still worked (latency, a lucky 5xx draw) or it says why it did not.
    if (during.ok && during.value.lastError) expect(during.value.lastError.code).toMatch(/^(network|langwatch|auth)\./);
    if (!during.ok) expect(during.error.code).toMatch(/^(network|langwatch|auth)\./);
    if (fault === 'session expiry') {
      const state = rig.services.auth.state().session.kind;
      expect(['expired', 'signed_out']).toContain(state);
    }
    // Rows are kept while the server misbehaves, and while the session is expired.
    expect(rig.services.sourcesMonitor.rows().length, 'rows kept while failing').toBe(rows);

    await clear(fault);
    await waitFor('a clean refresh', async () => {
      const r = await rig.call<{ lastError: unknown; updatedAt: string | null }>('sources.refreshNow');
      return r.ok && r.value.lastError === null && r.value.updatedAt !== null;
    });
    expect(rig.services.sourcesMonitor.rows().length).toBe(rows);
  });

  it('sign-in: a clear error code or success, the profile kept, success after', { timeout: 40_000 }, async () => {
    const profilesBefore = rig.services.auth.state().profiles.length;
    if (fault === 'session expiry') {
      await signedInToAcme();
      await inject(rig.emu, fault, '*');
      // The console learns of the expiry on its next call.
      await rig.call('sources.refreshNow');
      await waitFor('the session marked expired', () => rig.services.auth.state().session.kind === 'expired');
    } else {
      await inject(rig.emu, fault, fault === 'offline for 30 s' ? '*' : '/api/auth/sign-in');
      const during = await signIn();
      if (!during.ok) {
        expect(during.error.code).toMatch(/^(network|langwatch|auth)\./);
        expect(during.error.message.length).toBeGreaterThan(10);
        expect(rig.services.auth.state().session.kind).not.toBe('signed_in');
      }
    }
    expect(rig.services.auth.state().profiles).toHaveLength(profilesBefore);

    await clear(fault);
    // One sign-in after the fault clears must hold: a late 401 to a request sent with the old
    // cookie may not expire the new session (the session manager compares the cookie used).
    // Deliberate: gives a late 401 (sent with the old cookie) time to arrive and be ignored.
    await sleep(300);
    if (rig.services.auth.state().session.kind !== 'signed_in') expect(await signIn()).toMatchObject({ ok: true });
    await sleep(300);
    await waitFor('organisations loaded', () => rig.services.auth.state().organizations.length > 0);
    expect(rig.services.auth.state().session.kind).toBe('signed_in');
    await rig.services.log.flush();
    expect(userDataText(), 'the password is nowhere in the user-data folder').not.toContain(ADMIN.password);
  });
});
