import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SEED, startEmulator, type RunningEmulator } from '../../emulator/index';
import { systemClock } from '../../src-main/services/clock';
import { checkKey } from '../../src-main/services/anthropic';
import { createMemoryLogger } from '../../src-main/services/logging/logger';
import { stagedAccount } from '../../src-main/services/outbox/entry';
import { createOutbox, type Outbox } from '../../src-main/services/outbox/outbox';
import { createKeytarSecretStore } from '../../src-main/services/secrets/keytar-store';
import { namespacedSecretStore } from '../../src-main/services/secrets/namespaced-store';
import { DEFAULT_SETTINGS } from '../../src-shared/domain/settings';
import { fakeAuth } from '../unit/outbox/fake-auth';
import { filesText } from '../support/files';

const ACME = SEED.orgs.enterprise.id;
const KEY = SEED.anthropicKeys.compliance;
// A namespace of this run: the sweeps and clean-ups below can only reach accounts this test made.
const secrets = namespacedSecretStore(createKeytarSecretStore(), `test-outbox-keyring-${process.pid}`);
const otherConsole = namespacedSecretStore(createKeytarSecretStore(), `test-outbox-keyring-other-${process.pid}`);
let emu: RunningEmulator;
const dirs: string[] = [];
const outboxes: Outbox[] = [];

beforeAll(async () => {
  emu = await startEmulator({ langwatchPort: 0, anthropicPort: 0, pullerSchedule: false });
});
afterAll(async () => {
  await emu?.close();
});
afterEach(async () => {
  for (const o of outboxes.splice(0)) await o.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  for (const a of await secrets.listAccounts()) if (a.startsWith('staged:')) await secrets.delete(a);
});

async function openOutbox(dir: string, signedIn = true) {
  const log = createMemoryLogger();
  const conn = await fakeAuth(emu, { signedIn });
  const outbox = createOutbox({
    userDataDir: dir,
    secrets,
    clock: systemClock,
    log,
    auth: conn,
    settings: { get: () => DEFAULT_SETTINGS },
    checkKey: (o) => checkKey(o),
  });
  outboxes.push(outbox);
  return { outbox, log, conn };
}

describe('outbox with the real keyring and the emulator', () => {
  it('stages into the keychain, submits, wipes; the key is nowhere on disk or in the logs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbox-keyring-'));
    dirs.push(dir);
    const { outbox, log } = await openOutbox(dir);
    await outbox.start();
    const { stagedId } = await outbox.stage({
      kind: 'create',
      organizationId: ACME,
      name: 'Keyring journey',
      key: KEY,
      pollEverySec: 600,
    });
    await outbox.idle();
    const entry = outbox.list().find((e) => e.id === stagedId)!;
    expect(entry).toMatchObject({ state: 'submitted', keyHeld: false, preflight: { verdict: 'valid' } });
    expect(emu.control.credentialMatches(entry.sourceId!, KEY)).toBe(true);
    expect(emu.control.sources(ACME).find((s) => s.id === entry.sourceId)?.pullSchedule).toBe('*/10 * * * *');
    expect(await secrets.get(stagedAccount(stagedId))).toBeNull();
    expect(filesText(dir, 'latin1')).not.toContain(KEY);
    expect(log.text()).not.toContain(KEY);
  });

  it('a source with several secrets: one keychain item, staged offline, submitted once, wiped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbox-keyring-'));
    dirs.push(dir);
    const { outbox, log } = await openOutbox(dir);
    await outbox.start();
    const unit = { clientId: 'genie-client-keyring-7c5a3e1f', clientSecret: 'dose-keyring-secret-2b4d6f8a0c1e' };
    await emu.control.setOffline(true);
    const { stagedId } = await outbox.stageSource({
      organizationId: ACME,
      sourceType: 'databricks_genie',
      name: 'Keyring Genie',
      values: { workspaceUrl: 'https://adb-1234567890123456.7.azuredatabricks.net' },
      secrets: unit,
      pollEverySec: 600,
    });
    expect((await secrets.listAccounts()).filter((a) => a.startsWith('staged:'))).toEqual([stagedAccount(stagedId)]);
    expect(JSON.parse((await secrets.get(stagedAccount(stagedId)))!)).toEqual(unit);
    await outbox.idle();
    await emu.control.setOffline(false);
    await outbox.retryNow(stagedId);
    await outbox.idle();
    const entry = outbox.list().find((e) => e.id === stagedId)!;
    expect(entry).toMatchObject({ state: 'submitted', keyHeld: false, sourceType: 'databricks_genie' });
    expect(emu.control.sources(ACME).filter((s) => s.name === 'Keyring Genie')).toHaveLength(1);
    expect(emu.control.credentialMatches(entry.sourceId!, unit.clientSecret, 'clientSecret')).toBe(true);
    expect(await secrets.get(stagedAccount(stagedId))).toBeNull();
    for (const value of Object.values(unit)) {
      expect(filesText(dir, 'latin1')).not.toContain(value);
      expect(log.text()).not.toContain(value);
    }
  });

  it('orphan sweep at start: removes keychain entries without a record, flags records whose key is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbox-keyring-'));
    dirs.push(dir);
    const first = await openOutbox(dir);
    await first.outbox.start();
    await emu.control.setOffline(true); // staged by a signed-in person, kept waiting
    const kept = await first.outbox.stage({
      kind: 'create',
      organizationId: ACME,
      name: 'Sweep kept',
      key: KEY,
      pollEverySec: 300,
    });
    const lost = await first.outbox.stage({
      kind: 'create',
      organizationId: ACME,
      name: 'Sweep lost',
      key: KEY,
      pollEverySec: 300,
    });
    await first.outbox.idle();
    await first.outbox.stop();
    await emu.control.setOffline(false);
    await secrets.delete(stagedAccount(lost.stagedId));
    await secrets.set('staged:stg_orphan_without_record', KEY);
    await secrets.set('session:unrelated', 'not ours to sweep');
    await otherConsole.set('staged:stg_of_another_console', KEY);

    const second = await openOutbox(dir, false);
    const sweep = await second.outbox.start();
    expect(sweep.removedAccounts).toEqual(['staged:stg_orphan_without_record']);
    expect(sweep.missingKeyIds).toEqual([lost.stagedId]);
    const accounts = await secrets.listAccounts();
    expect(accounts).toContain(stagedAccount(kept.stagedId));
    expect(accounts).toContain('session:unrelated');
    expect(accounts).not.toContain('staged:stg_orphan_without_record');
    expect(second.outbox.list().find((e) => e.id === lost.stagedId)).toMatchObject({
      state: 'key_missing',
      keyHeld: false,
    });
    await secrets.delete('session:unrelated');
    // Another console's staged key is neither listed nor swept.
    expect(await otherConsole.get('staged:stg_of_another_console')).toBe(KEY);
    await otherConsole.delete('staged:stg_of_another_console');

    // Re-entering the key resubmits it; signing in lets both go through; nothing is left.
    // (only its owner, signed in, may re-enter it)
    await second.conn.signIn();
    await second.outbox.edit({ stagedId: lost.stagedId, name: 'Sweep lost', key: KEY, pollEverySec: 300 });
    await second.outbox.retryNow(kept.stagedId).catch(() => undefined);
    await expect
      .poll(() => second.outbox.list().filter((e) => e.state === 'submitted').length, { timeout: 10_000 })
      .toBe(2);
    await second.outbox.idle();
    expect((await secrets.listAccounts()).filter((a) => a.startsWith('staged:'))).toEqual([]);
  });
});
