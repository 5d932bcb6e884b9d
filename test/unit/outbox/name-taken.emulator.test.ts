/**
 * A create or rename onto a taken name: LangWatch answers its unique (organizationId, name)
 * index, archived sources included, with a bare 500 (langwatch.md §8). The outbox must turn
 * that into a rejection the admin fixes by renaming, never a retry.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SEED, startEmulator, type RunningEmulator } from '../../../emulator/index';
import { checkKey } from '../../../src-main/services/anthropic';
import { createMemoryLogger } from '../../../src-main/services/logging/logger';
import { createOutbox, type Outbox } from '../../../src-main/services/outbox/outbox';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import { DEFAULT_SETTINGS } from '../../../src-shared/domain/settings';
import { createFakeClock, type FakeClock } from '../../support/fake-clock';
import { fakeAuth } from './fake-auth';

const ACME = SEED.orgs.enterprise.id;
const KEY = SEED.anthropicKeys.compliance;

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ langwatchPort: 0, anthropicPort: 0, pullerSchedule: false });
});
afterAll(async () => {
  await emu?.close();
});

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
  await emu.control.reset();
});

async function rig(): Promise<{ outbox: Outbox; clock: FakeClock }> {
  const clock = createFakeClock({ start: Date.now() });
  const dir = mkdtempSync(join(tmpdir(), 'outbox-name-'));
  const outbox = createOutbox({
    userDataDir: dir,
    secrets: createMemorySecretStore(),
    clock,
    log: createMemoryLogger(),
    auth: await fakeAuth(emu),
    settings: { get: () => ({ ...DEFAULT_SETTINGS, autoPreflight: false }) },
    checkKey: (o) => checkKey({ ...o, retryDelayMs: 1 }),
    random: () => 1,
  });
  await outbox.start();
  cleanup.push(async () => {
    await outbox.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return { outbox, clock };
}
const one = (outbox: Outbox, id: string) => outbox.list().find((e) => e.id === id)!;
const stageCreate = (outbox: Outbox, name: string) =>
  outbox.stage({ kind: 'create', organizationId: ACME, name, key: KEY, pollEverySec: 300 });

describe('a taken name is a rejection, not a retry', () => {
  it('create onto the name of an archived source this console created: rejected at the first 500, then renamed and submitted', async () => {
    const { outbox } = await rig();
    const first = await stageCreate(outbox, 'Compliance — EU');
    await outbox.idle();
    const sourceId = one(outbox, first.stagedId).sourceId!;
    const admin = await (await fakeAuth(emu)).apiFor('p1');
    await admin.archiveSource(ACME, sourceId);

    const again = await stageCreate(outbox, 'Compliance — EU');
    await outbox.idle();
    expect(one(outbox, again.stagedId)).toMatchObject({
      state: 'rejected',
      attempts: 1,
      lastError: { code: 'langwatch.name_taken', details: { reason: 'name_taken', sourceId, archived: true } },
    });
    expect(one(outbox, again.stagedId).lastError!.message).toMatch(/archived/);
    await outbox.edit({ stagedId: again.stagedId, name: 'Compliance — EU (2)', pollEverySec: 300 });
    await outbox.idle();
    expect(one(outbox, again.stagedId).state).toBe('submitted');
  });

  it("a rename onto a live source's name: rejected at once with the holder named", async () => {
    const { outbox } = await rig();
    const created = await stageCreate(outbox, 'Compliance — US');
    await outbox.idle();
    const sourceId = one(outbox, created.stagedId).sourceId!;
    const rename = await outbox.stage({
      kind: 'update',
      organizationId: ACME,
      sourceId,
      name: 'OTel Collector',
      pollEverySec: 600,
    });
    await outbox.idle();
    expect(one(outbox, rename.stagedId)).toMatchObject({
      state: 'rejected',
      attempts: 1,
      lastError: { code: 'langwatch.name_taken', details: { sourceId: 'src_otel', archived: false } },
    });
  });

  it('a 500 that is not about the name stays a retry (and the create still lands once)', async () => {
    const { outbox, clock } = await rig();
    emu.control.faults.add({ route: 'ingestionSources.create', kind: 'error5xx', times: 1 });
    const { stagedId } = await stageCreate(outbox, 'Compliance — APAC');
    await outbox.idle();
    expect(one(outbox, stagedId)).toMatchObject({ state: 'retrying', lastError: { code: 'langwatch.server_error' } });
    await clock.advance(2_000);
    await outbox.idle();
    expect(one(outbox, stagedId).state).toBe('submitted');
    emu.control.faults.clear();
  });
});
