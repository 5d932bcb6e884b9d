/**
 * The outbox against a real emulator: fake clock, memory keychain, a switchable fake
 * auth. `useOutboxRigs()` registers the emulator and the clean-up hooks of a test file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import { SEED, startEmulator, type RunningEmulator } from '../../../emulator/index';
import { checkKey } from '../../../src-main/services/anthropic';
import { createEventBus } from '../../../src-main/services/events/event-bus';
import { createNetwork, type Network } from '../../../src-main/services/network/network';
import { createMemoryLogger, type MemoryLogger } from '../../../src-main/services/logging/logger';
import { createOutbox, type Outbox } from '../../../src-main/services/outbox/outbox';
import type { KeepIngestSecret } from '../../../src-main/services/outbox/ingest-secret-hook';
import { createMemorySecretStore, type MemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import type { SecretStore } from '../../../src-main/services/secrets/secret-store';
import type { OutboxEntryView } from '../../../src-shared/domain/outbox';
import { DEFAULT_SETTINGS, type Settings } from '../../../src-shared/domain/settings';
import { createFakeClock, type FakeClock } from '../../support/fake-clock';
import { filesText } from '../../support/files';
import { fakeAuth, type FakeAuth } from './fake-auth';

export const ACME = SEED.orgs.enterprise.id;
export const SMALL = SEED.orgs.free.id;
export const KEY = SEED.anthropicKeys.compliance;
export const ADMIN_KEY = SEED.anthropicKeys.admin;

export interface Rig {
  outbox: Outbox;
  clock: FakeClock;
  secrets: MemorySecretStore;
  conn: FakeAuth;
  log: MemoryLogger;
  dir: string;
  settings: Settings;
  events: unknown[];
  submitted: OutboxEntryView[];
}

export interface RigOptions {
  dir?: string;
  secrets?: MemorySecretStore;
  /** Another keychain under the outbox (e.g. keytar over a fake that locks like libsecret). */
  backend?: SecretStore;
  signedIn?: boolean;
  settings?: Partial<Settings>;
  network?: boolean;
  /** A network stand-in instead of the real one (a dependency that misbehaves). */
  networkStub?: Network;
  /** Where this computer's clock starts (default: now); the emulator keeps real time. */
  clockStart?: number;
  /** Swaps the auth before the outbox starts (e.g. a hostile API). */
  wrap?: (conn: FakeAuth) => FakeAuth;
  /** Archived sources whose names stay taken (what main remembers it has seen). */
  archivedNames?: Array<{ id: string; name: string }>;
  /** Where a create's one-time ingest secret goes (the keeper of ingest-secrets/). */
  keepIngestSecret?: KeepIngestSecret;
}

/** Registers the emulator and clean-up hooks; returns the helpers bound to them. */
export function useOutboxRigs() {
  let emu!: RunningEmulator;
  const rigs: Rig[] = [];
  beforeAll(async () => {
    emu = await startEmulator({ langwatchPort: 0, anthropicPort: 0, pullerSchedule: false });
  });
  afterAll(async () => {
    await emu?.close();
  });
  afterEach(async () => {
    for (const r of rigs.splice(0)) {
      await r.outbox.stop();
      rmSync(r.dir, { recursive: true, force: true });
    }
    emu.control.faults.clear();
    await emu.control.setOffline(false);
    await emu.control.reset();
  });

  async function rig(opts: RigOptions = {}): Promise<Rig> {
    const clock = createFakeClock({ start: opts.clockStart ?? Date.now() });
    const secrets = opts.secrets ?? createMemorySecretStore();
    const base = await fakeAuth(emu, { signedIn: opts.signedIn });
    const conn = opts.wrap ? opts.wrap(base) : base;
    const log = createMemoryLogger();
    const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'outbox-'));
    const settings = { ...DEFAULT_SETTINGS, ...opts.settings };
    const network =
      opts.networkStub ??
      (opts.network
        ? createNetwork({
            clock,
            log,
            random: () => 1,
            probe: async (signal) => void (await (await conn.apiFor('p1')).publicEnv({ signal })),
          })
        : undefined);
    // The outbox says itself which submissions are news (keys staged while offline).
    const bus = createEventBus(log);
    const submitted: OutboxEntryView[] = [];
    bus.on('outbox.submitted', (entry) => submitted.push(entry));
    const outbox = createOutbox({
      userDataDir: dir,
      secrets: opts.backend ?? secrets,
      clock,
      log,
      auth: conn,
      network,
      settings: { get: () => settings },
      checkKey: (o) => checkKey({ ...o, retryDelayMs: 1 }),
      random: () => 1,
      events: bus,
      ...(opts.archivedNames ? { archivedNames: () => opts.archivedNames! } : {}),
      keepIngestSecret: opts.keepIngestSecret,
    });
    const r: Rig = { outbox, clock, secrets, conn, log, dir, settings, events: [], submitted };
    outbox.onChange((e) => r.events.push(e));
    await outbox.start();
    rigs.push(r);
    return r;
  }

  /** Stops a rig early (a restart test), leaving its folder for the next one. */
  async function stopRig(r: Rig): Promise<void> {
    await r.outbox.stop();
    rigs.splice(rigs.indexOf(r), 1);
  }

  const one = (r: Rig, id: string): OutboxEntryView => r.outbox.list().find((e) => e.id === id)!;
  const named = (org: string, name: string) => emu.control.sources(org).filter((s) => s.name === name);

  function expectNoLeak(r: Rig, ...keys: string[]) {
    const files = filesText(r.dir);
    const logs = r.log.text();
    const events = JSON.stringify([r.events, r.submitted, r.outbox.list()]);
    for (const key of keys) {
      expect(files.includes(key)).toBe(false);
      expect(logs.includes(key)).toBe(false);
      expect(events.includes(key)).toBe(false);
    }
  }

  async function stageCreate(r: Rig, name: string, extra: Record<string, unknown> = {}) {
    return r.outbox.stage({
      kind: 'create',
      organizationId: ACME,
      name,
      key: `  ${KEY}\n`,
      pollEverySec: 300,
      ...extra,
    } as never);
  }

  return { emu: () => emu, rig, stopRig, one, named, expectNoLeak, stageCreate };
}

/** Waits for a fact (real time, bounded). */
export async function waitFor(fact: () => boolean, ms = 5000): Promise<void> {
  await vi.waitFor(
    () => {
      if (!fact()) throw new Error('condition not reached');
    },
    { timeout: ms, interval: 10 },
  );
}
