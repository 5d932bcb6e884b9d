/**
 * Fault matrix: {added latency 2 s, 30 % 5xx, 429 with Retry-After, connection reset, malformed
 * JSON, offline for 30 s, session expiry} × {stage and submit, status refresh, sign-in}, each
 * cell against the real services and dispatcher over the emulator's fault injection. Every cell
 * asserts: no crash (no unhandled rejection, every IPC call answers), a clear visible state
 * (entry state, monitor error, error code), nothing lost (entry and staged key kept, rows kept,
 * profile kept), and recovery once the fault clears.
 *
 * Each fault row of {@link EXPECTED} states exactly what each flow does under it (the states an
 * entry passes through, the error codes it records, what the emulator answered its creates, what
 * a refresh and a sign-in answer), and every cell asserts exactly that, with no branch that skips
 * an assertion. The faults are repeatable: `times` bounds them, and the 30 % draws come from a
 * fixed sequence (the first three of every ten fire). The entry's path is recorded from the
 * outbox's change events, so no transient state is missed or raced.
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
import type { OutboxState } from '../../src-shared/domain/outbox';
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

/** What a refresh or a sign-in answered: `ok`, or the error code it reported. */
type Answer = 'ok' | `${'network' | 'langwatch' | 'auth'}.${string}`;
type SessionKind = 'signed_in' | 'signed_out' | 'expired';

/** What one fault does to each flow, asserted exactly. */
interface Expectation {
  /**
   * Where the fault is injected for the status refresh and the sign-in (the create is always
   * `ingestionSources.create`); offline and session expiry act on the whole server.
   */
  routes: { refresh: string; signIn: string };
  submit: {
    /** The states the entry passes through after staging, each once, in the order first seen. */
    states: OutboxState[];
    /** What lets the entry go on: the fault ends by itself (`times`, the 30 s), or it needs a new sign-in. */
    resumes: 'by itself' | 'after sign-in';
    /** The error codes recorded on the entry on the way, each once, in order. */
    errors: string[];
    /** The emulator's statuses for the entry's creates, in order (0: reset; refused connections never arrive). */
    creates: number[];
  };
  /** A refresh while the fault lasts: its answer and the session after it. */
  refresh: { answer: Answer; session: SessionKind };
  /** A sign-in while the fault lasts: its answer and the session after it. */
  signIn: { answer: Answer; session: SessionKind };
}

const EXPECTED: Record<FaultName, Expectation> = {
  'latency 2 s': {
    routes: { refresh: 'ingestionSources.*', signIn: '/api/auth/sign-in' },
    submit: { states: ['submitting', 'submitted'], resumes: 'by itself', errors: [], creates: [200] },
    refresh: { answer: 'ok', session: 'signed_in' },
    signIn: { answer: 'ok', session: 'signed_in' },
  },
  '30 % 5xx': {
    routes: { refresh: 'ingestionSources.*', signIn: '/api/auth/sign-in' },
    submit: {
      states: ['submitting', 'retrying', 'submitted'],
      resumes: 'by itself',
      errors: ['langwatch.server_error'],
      creates: [503, 200],
    },
    refresh: { answer: 'langwatch.server_error', session: 'signed_in' },
    signIn: { answer: 'langwatch.server_error', session: 'signed_out' },
  },
  '429 with Retry-After': {
    routes: { refresh: 'ingestionSources.*', signIn: '/api/auth/sign-in' },
    submit: {
      states: ['submitting', 'retrying', 'submitted'],
      resumes: 'by itself',
      errors: ['langwatch.rate_limited'],
      creates: [429, 429, 200],
    },
    refresh: { answer: 'langwatch.rate_limited', session: 'signed_in' },
    signIn: { answer: 'auth.rate_limited', session: 'signed_out' },
  },
  'connection reset': {
    routes: { refresh: 'ingestionSources.*', signIn: '/api/auth/sign-in' },
    submit: {
      states: ['submitting', 'retrying', 'submitted'],
      resumes: 'by itself',
      errors: ['network.offline'],
      creates: [0, 0, 200],
    },
    refresh: { answer: 'network.offline', session: 'signed_in' },
    signIn: { answer: 'network.offline', session: 'signed_out' },
  },
  'malformed JSON': {
    routes: { refresh: 'ingestionSources.*', signIn: '/api/auth/sign-in' },
    submit: {
      states: ['submitting', 'retrying', 'submitted'],
      resumes: 'by itself',
      errors: ['network.unexpected_answer'],
      creates: [200, 200, 200],
    },
    refresh: { answer: 'network.unexpected_answer', session: 'signed_in' },
    signIn: { answer: 'network.unexpected_answer', session: 'signed_out' },
  },
  'offline for 30 s': {
    routes: { refresh: '*', signIn: '*' },
    submit: {
      states: ['submitting', 'retrying', 'submitted'],
      resumes: 'by itself',
      errors: ['network.offline'],
      creates: [200],
    },
    refresh: { answer: 'network.offline', session: 'signed_in' },
    signIn: { answer: 'network.offline', session: 'signed_out' },
  },
  'session expiry': {
    routes: { refresh: '*', signIn: '*' },
    submit: {
      states: ['submitting', 'needs_sign_in', 'submitted'],
      resumes: 'after sign-in',
      errors: ['auth.session_expired'],
      creates: [401, 200],
    },
    refresh: { answer: 'auth.session_expired', session: 'expired' },
    signIn: { answer: 'ok', session: 'signed_in' },
  },
};
const FAULTS = Object.keys(EXPECTED) as FaultName[];

/** Fault probabilities draw from this fixed sequence: three of every ten (the 1st, 4th and 7th) fall under 0.3. */
const DRAWS = [0.05, 0.5, 0.9, 0.1, 0.6, 0.8, 0.2, 0.7, 0.95, 0.4];
function fixedDraws(): () => number {
  let i = 0;
  return () => DRAWS[i++ % DRAWS.length]!;
}

/** Injects the fault on `route`; resolves once it is active. Session expiry ends every session the server has. */
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
  const emu = await startEmulator({ pullerSchedule: false, faultRandom: fixedDraws() });
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
    // No tick of its own within a cell (an hour of the services' clock): every refresh here is an
    // explicit refreshNow, so what meets a fault is only the flow under test, in a known order.
    monitorIntervals: { focusedMs: 3_600_000, backgroundMs: 3_600_000 },
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
/** Ends the fault (faults removed, LangWatch back online) and signs in again, which must work after every fault. */
async function clear(): Promise<void> {
  rig.emu.control.faults.clear();
  await rig.emu.control.setOffline(false);
  expect(await signIn(), 'sign-in once the fault is over').toMatchObject({ ok: true });
}
/** Every file of the user-data folder, logs included, as text (the password must be in none). */
function userDataText(): string {
  return filesText(dir, 'latin1');
}
/** What an IPC answer says: `ok`, the error code, or the `lastError` code of an ok refresh. */
function answerOf(r: IpcResult<unknown>): string {
  if (!r.ok) return r.error.code;
  return (r.value as { lastError?: { code: string } | null } | null)?.lastError?.code ?? 'ok';
}

/** One step of an entry, recorded from the outbox's change events, with what the keychain held then. */
interface Step {
  id: string;
  state: OutboxState;
  code: string | null;
  keyHeld: boolean;
  key: Promise<string | null>;
}
/** Records every change of every entry until the test ends. */
function recordSteps(): Step[] {
  const steps: Step[] = [];
  rig.services.outbox.onChange((entries) => {
    for (const e of entries)
      steps.push({
        id: e.id,
        state: e.state,
        code: e.lastError?.code ?? null,
        keyHeld: e.keyHeld,
        key: rig.secrets.get(`staged:${e.id}`),
      });
  });
  return steps;
}
/**
 * What the person does so a blocked entry can go on (an action only: the entry being submitted
 * is the check). A person signs in again once the console says the session expired and the
 * outbox has settled, so the sign-in waits for those facts: signing in while the 401 is still
 * being processed is another case (a race the outbox may lose), not this row's.
 */
const RESUME: Record<Expectation['submit']['resumes'], () => Promise<void>> = {
  'by itself': async () => {},
  'after sign-in': async () => {
    await waitFor('the session marked expired', () => rig.services.auth.state().session.kind === 'expired');
    await rig.services.outbox.idle();
    await signIn();
  },
};
const distinct = <T>(list: T[]): T[] => [...new Set(list)];
/** The emulator's statuses for every create it received (each cell stages one entry), in order. */
const createStatuses = (): number[] =>
  rig.emu.control
    .requestLog()
    .filter((r) => r.method === 'POST' && r.path.includes('ingestionSources.create'))
    .map((r) => r.status);

describe.each(FAULTS)('fault: %s', (fault) => {
  const expected = EXPECTED[fault];

  it(
    'stage and submit: staged at once, kept with its key while failing, submitted exactly once after',
    { timeout: 40_000 },
    async () => {
      await signedInToAcme();
      // Choosing the organisation starts a refresh: let it finish before the fault, so the
      // entry's create is the first request to meet it.
      await rig.call('sources.refreshNow');
      const steps = recordSteps();
      rig.emu.control.clearRequestLog();
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
      const mine = () => steps.filter((s) => s.id === id && s.state !== 'staged');

      // While the fault lasts the entry reaches the state the row names before it is submitted.
      const waitsIn = expected.submit.states[expected.submit.states.length - 2]!;
      await waitFor(`the entry ${waitsIn}`, () => mine().some((s) => s.state === waitsIn));
      await RESUME[expected.submit.resumes]();
      await waitFor('submitted', () => entry()?.state === 'submitted');
      await clear();

      expect(distinct(mine().map((s) => s.state)), 'the states it went through').toEqual(expected.submit.states);
      expect(distinct(mine().flatMap((s) => (s.code ? [s.code] : []))), 'the errors it recorded').toEqual(
        expected.submit.errors,
      );
      expect(createStatuses(), 'what the server answered its creates').toEqual(expected.submit.creates);
      const open = mine().filter((s) => s.state !== 'submitted');
      expect(
        open.map((s) => s.keyHeld),
        'the key held while open',
      ).toEqual(open.map(() => true));
      expect(await Promise.all(open.map((s) => s.key)), 'the keychain kept the key while open').toEqual(
        open.map(() => JSON.stringify({ token: SEED.anthropicKeys.compliance })), // the secret unit
      );
      expect(entry()!.keyHeld).toBe(false);
      // The wipe may trail the `submitted` record by a moment; it must happen.
      await waitFor('key wiped', async () => (await rig.secrets.get(`staged:${id}`)) === null, 2000);
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

    await inject(rig.emu, fault, expected.routes.refresh);
    const during = await rig.call<{ lastError: { code: string } | null }>('sources.refreshNow');
    expect(answerOf(during), 'what the refresh answered').toBe(expected.refresh.answer);
    await waitFor(
      `the session ${expected.refresh.session}`,
      () => rig.services.auth.state().session.kind === expected.refresh.session,
    );
    // Rows are kept while the server misbehaves, and while the session is expired.
    expect(rig.services.sourcesMonitor.rows().length, 'rows kept while failing').toBe(rows);

    await clear();
    await waitFor('a clean refresh', async () => {
      const r = await rig.call<{ lastError: unknown; updatedAt: string | null }>('sources.refreshNow');
      return r.ok && r.value.lastError === null && r.value.updatedAt !== null;
    });
    expect(rig.services.sourcesMonitor.rows().length).toBe(rows);
  });

  it('sign-in: a clear error code or success, the profile kept, success after', { timeout: 40_000 }, async () => {
    const profilesBefore = rig.services.auth.state().profiles.length;
    await inject(rig.emu, fault, expected.routes.signIn);
    const during = await signIn();
    expect(answerOf(during), 'what the sign-in answered').toBe(expected.signIn.answer);
    expect(during.ok || during.error.message.length > 10, 'a failure says what happened').toBe(true);
    await waitFor(
      `the session ${expected.signIn.session}`,
      () => rig.services.auth.state().session.kind === expected.signIn.session,
    );
    expect(rig.services.auth.state().profiles).toHaveLength(profilesBefore);

    await clear();
    // One sign-in after the fault clears must hold: a late 401 to a request sent with the old
    // cookie may not expire the new session (the session manager compares the cookie used).
    // Deliberate: gives a late 401 (sent with the old cookie) time to arrive and be ignored.
    await sleep(600);
    await waitFor('organisations loaded', () => rig.services.auth.state().organizations.length > 0);
    expect(rig.services.auth.state().session.kind).toBe('signed_in');
    await rig.services.log.flush();
    expect(userDataText(), 'the password is nowhere in the user-data folder').not.toContain(ADMIN.password);
  });
});
