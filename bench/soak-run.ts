/**
 * The soak: the main-process services live for a simulated day on a compressed clock, over
 * an organisation of thousands of sources, with keys staged (new sources and re-keys) every
 * simulated 20 minutes and a fault window every simulated 2 hours (30 % 5xx, resets, 429s,
 * offline). Memory (RSS and heap, after a full GC) and open handles are sampled every
 * simulated hour; the figure is the end of the day against the start, after a warm-up.
 * At the end, with the faults gone, every staged key must have become a source and no staged
 * key may be left in the keychain: a soak that loses something fails whatever its memory.
 *
 * Shared by bench/soak.bench.mts (24 h, emulator in its own process) and the short version
 * in test/reliability/soak.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createDispatcher } from '../src-main/ipc/dispatcher';
import { createHandlerTable } from '../src-main/ipc/handlers';
import type { Clock } from '../src-main/services/clock';
import { createServices } from '../src-main/services/create-services';
import { createMemorySecretStore } from '../src-main/services/secrets/memory-store';
import type { IpcResult } from '../src-shared/ipc/define';

const HOUR = 3600_000;
const SENDER = { frameUrl: 'http://renderer.test/index.html', isMainFrame: true, windowId: 'soak' };

/** What the soak needs of the emulator (in process or over its HTTP control surface). */
export interface SoakEmulator {
  langwatchUrl: string;
  anthropicUrl: string;
  addFault(spec: Record<string, unknown>): Promise<unknown>;
  clearFaults(): Promise<unknown>;
  /** Takes the LangWatch side offline for `forMs` real ms (it comes back by itself). */
  goOffline(forMs: number): Promise<unknown>;
}

/** Options of {@link runSoak}. */
export interface SoakOptions {
  emulator: SoakEmulator;
  organizationId: string;
  email: string;
  password: string;
  key: string;
  /** Simulated hours in all, warm-up included. */
  hours: number;
  /** Simulated hours before the baseline sample. */
  warmupHours: number;
  /** Simulated ms per real ms. A monitor tick over 5,000 sources takes ~0.2 s of real time
   *  and ticks every simulated minute: above ~300 the ticks run back to back. */
  speed: number;
  /** Simulated hours between samples; default 1. */
  sampleEveryHours?: number;
  /** Prints progress (the bench); silent when absent (the test). */
  progress?: (line: string) => void;
}

/** One sample of the services' footprint. */
export interface SoakSample {
  hour: number;
  rss: number;
  heapUsed: number;
  handles: number;
}

/** What the soak measured. */
export interface SoakResult {
  samples: SoakSample[];
  baseline: SoakSample;
  end: SoakSample;
  staged: number;
  submitted: number;
  faultWindows: number;
  monitorTicks: number;
  stagedKeysLeft: number;
  realSeconds: number;
}

/** A clock `speed`× faster than the wall clock, with unref'd timers like the system clock. */
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

/** A full garbage collection, so memory samples compare live data, not GC timing. */
function fullGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sample(hour: number, gc: () => void): SoakSample {
  gc();
  gc();
  const usage = process.memoryUsage();
  // Timers of the soak loop itself are the same at every sample; sockets, files and the
  // services' own timers are what could pile up.
  return { hour, rss: usage.rss, heapUsed: usage.heapUsed, handles: process.getActiveResourcesInfo().length };
}

// `/api/` (tRPC, auth, REST), not `*`: the emulator's own control surface must keep answering.
const FAULTS: Array<Record<string, unknown>> = [
  { route: '/api/', side: 'langwatch', kind: 'error5xx', status: 503, probability: 0.3 },
  { route: '/api/', side: 'langwatch', kind: 'resetBefore', probability: 0.3 },
  { route: '/api/', side: 'langwatch', kind: 'rateLimit', retryAfterSec: 30, probability: 0.5 },
];
const OFFLINE_HOURS = 1 / 6;

/** Calls the emulator until it answers (its control surface is down too while it is offline). */
async function untilAnswered(what: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await what();
      return;
    } catch (error) {
      if (attempt >= 100) throw error;
      await sleep(100);
    }
  }
}

/** Runs the soak; throws when something was lost. */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const { emulator: emu, speed } = options;
  const gc = fullGc();
  const dir = mkdtempSync(join(tmpdir(), 'lw-soak-'));
  const clock = compressedClock(speed);
  const startedReal = Date.now();
  const services = await createServices({
    config: {
      mode: 'test',
      userDataDir: dir,
      secretBackend: 'memory',
      defaultLangwatchUrl: emu.langwatchUrl,
      defaultAnthropicUrl: emu.anthropicUrl,
    },
    version: '0.0.0-soak',
    secrets: createMemorySecretStore(),
    clock,
  });
  const dispatcher = createDispatcher({
    handlers: createHandlerTable(services),
    senderPolicy: { trustedUrls: [SENDER.frameUrl], isOurWindow: (id) => id === SENDER.windowId },
    log: services.log.child('ipc'),
  });
  const call = <T>(channel: string, input: unknown = {}) =>
    dispatcher.dispatch(channel, input, SENDER) as Promise<IpcResult<T>>;
  let monitorTicks = 0;
  services.events.on('sources.monitor', () => monitorTicks++);
  try {
    const profileId = services.auth.state().activeProfileId!;
    const signedIn = await call('auth.signInWithEmail', {
      profileId,
      email: options.email,
      password: options.password,
    });
    if (!signedIn.ok) throw new Error(`sign-in: ${signedIn.error.code}`);
    const selected = await call('auth.selectOrganization', { organizationId: options.organizationId });
    if (!selected.ok) throw new Error(`selectOrganization: ${selected.error.code}`);
    const refreshed = await call('sources.refreshNow');
    if (!refreshed.ok) throw new Error(`first monitor tick: ${refreshed.error.code}`);
    // The compliance composer re-keys compliance sources only (another type's change is refused).
    const seeded = services.sourcesMonitor
      .rows()
      .filter((r) => r.sourceType === 'claude_compliance')
      .map((r) => r.id);

    const t0 = clock.now();
    const hourNow = () => (clock.now() - t0) / HOUR;
    const samples: SoakSample[] = [];
    let staged = 0;
    let faultWindows = 0;
    let nextStage = 0;
    let nextFault = 1;
    let nextSample = options.warmupHours;
    let faultUntil: number | null = null;
    while (hourNow() < options.hours) {
      const hour = hourNow();
      // Catches up when a monitor tick held the loop past more than one staging time.
      while (hour >= nextStage) {
        nextStage += 1 / 3;
        const name = `Soak ${staged}`;
        const create = await call('outbox.stage', {
          kind: 'create',
          organizationId: options.organizationId,
          name,
          key: options.key,
          pollEverySec: 900,
        });
        const target = seeded[staged % seeded.length]!;
        const update = await call('outbox.stage', {
          kind: 'update',
          organizationId: options.organizationId,
          sourceId: target,
          name: `Rekeyed ${target}`,
          key: options.key,
          pollEverySec: 3600,
        });
        if (!create.ok || !update.ok)
          throw new Error(
            `staging refused: ${!create.ok ? create.error.code : ''} ${!update.ok ? update.error.code : ''}`,
          );
        staged += 2;
      }
      if (faultUntil === null && hour >= nextFault) {
        nextFault += 2;
        const kind = faultWindows % (FAULTS.length + 1);
        // Going offline may cut the very connection that asked for it: that answer is not needed.
        if (kind === FAULTS.length) await emu.goOffline((OFFLINE_HOURS * HOUR) / speed).catch(() => undefined);
        else await untilAnswered(() => emu.addFault(FAULTS[kind]!));
        faultUntil = hour + OFFLINE_HOURS;
        faultWindows++;
      }
      if (faultUntil !== null && hour >= faultUntil) {
        await untilAnswered(() => emu.clearFaults());
        faultUntil = null;
      }
      if (hour >= nextSample) {
        // The list's health is read beside each tick in its own request (at most one in flight):
        // counted between reads, as the list's own request is, not as a pile-up of handles.
        await services.sourcesMonitor.healthSettled();
        samples.push(sample(Math.round(hour * 10) / 10, gc));
        options.progress?.(
          `  hour ${hour.toFixed(1)}: rss ${(samples.at(-1)!.rss / 2 ** 20).toFixed(1)} MB, heap ${(samples.at(-1)!.heapUsed / 2 ** 20).toFixed(1)} MB, handles ${samples.at(-1)!.handles}, staged ${staged}`,
        );
        nextSample += options.sampleEveryHours ?? 1;
      }
      await sleep(20);
    }

    // The day is over: the faults go, the outbox drains, every key must have become a source.
    await untilAnswered(() => emu.clearFaults());
    const settled = Date.now() + 60_000;
    const open = () => services.outbox.list().filter((e) => e.state !== 'submitted');
    while (open().length > 0 && Date.now() < settled) {
      // What an admin does after the fault windows: "Retry now", also on an entry that three
      // injected 500s in a row stopped (repeated_server_error is a visible stop, not a loss).
      for (const e of open())
        if (e.state === 'retrying' || e.state === 'needs_sign_in' || e.state === 'rejected')
          await call('outbox.retryNow', { stagedId: e.id });
      options.progress?.(
        `  draining: ${open()
          .map((e) => `${e.state}:${e.lastError?.code ?? ''}`)
          .join(' ')}`,
      );
      await sleep(250);
    }
    await services.outbox.idle();
    const left = open();
    if (left.length > 0)
      throw new Error(
        `soak lost track of ${left.length} entries: ${left
          .slice(0, 5)
          .map((e) => `${e.name}=${e.state}:${e.lastError?.code ?? ''}`)
          .join(', ')}`,
      );
    const stagedKeysLeft = (await services.secrets.listAccounts()).filter((a) => a.startsWith('staged:')).length;
    if (stagedKeysLeft > 0) throw new Error(`${stagedKeysLeft} staged keys left in the keychain after the day`);
    await services.sourcesMonitor.healthSettled();
    samples.push(sample(Math.round(hourNow() * 10) / 10, gc));
    return {
      samples,
      baseline: samples[0]!,
      end: samples.at(-1)!,
      staged,
      submitted: services.outbox.list().length,
      faultWindows,
      monitorTicks,
      stagedKeysLeft,
      realSeconds: Math.round((Date.now() - startedReal) / 100) / 10,
    };
  } finally {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
