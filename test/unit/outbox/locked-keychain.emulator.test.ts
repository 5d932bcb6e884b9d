/**
 * A locked keychain is not a lost key. keytar over a fake that answers as libsecret does on a
 * locked collection (reads null, writes fail, deletes nothing, a listing crashes) or as a
 * dismissed unlock prompt does: the worker pauses entries as `waiting_for_keychain` with their
 * keys kept, the sweep never lists a locked collection and deletes only keys of finished
 * entries, and an entry flagged `key_missing` by an older version gets its key back.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stagedAccount } from '../../../src-main/services/outbox/entry';
import { createKeytarSecretStore } from '../../../src-main/services/secrets/keytar-store';
import { namespacedSecretStore } from '../../../src-main/services/secrets/namespaced-store';
import { KEYCHAIN_SERVICE } from '../../../src-main/services/secrets/secret-store';
import { createFakeKeytar, type FakeKeytar } from '../secrets/fake-keytar';
import { ACME, useOutboxRigs, waitFor } from './emulator-rig';

const { emu, rig, stopRig, one, named, stageCreate } = useOutboxRigs();
const NS = 'lwc-locked-test';

function keychain(): { fake: FakeKeytar; backend: ReturnType<typeof namespacedSecretStore>; held: () => string[] } {
  const fake = createFakeKeytar();
  const backend = namespacedSecretStore(createKeytarSecretStore({ loadKeytar: () => fake }), NS);
  const held = () =>
    [...fake.entries.keys()]
      .map((k) => k.slice(`${KEYCHAIN_SERVICE}\u0000${NS}/`.length))
      .filter((a) => a.startsWith('staged:'))
      .sort();
  return { fake, backend, held };
}

/** Stages `names` while LangWatch is unreachable, so each waits (retrying) with its key held. */
async function stageWhileOffline(r: Awaited<ReturnType<typeof rig>>, names: string[]): Promise<string[]> {
  await emu().control.setOffline(true);
  const ids: string[] = [];
  for (const name of names) ids.push((await stageCreate(r, name)).stagedId);
  await r.outbox.idle();
  for (const id of ids) expect(one(r, id).state).toBe('retrying');
  await emu().control.setOffline(false);
  return ids;
}

describe('the keychain locked during a flush', () => {
  it('null reads from a locked collection pause the flush with every key kept; the next start sends each once', async () => {
    const { fake, backend, held } = keychain();
    const r1 = await rig({ backend, settings: { autoPreflight: false } });
    const names = ['Locked A', 'Locked B', 'Locked C', 'Locked D'];
    const ids = await stageWhileOffline(r1, names);
    fake.locked = true;
    await r1.clock.advance(120_000);
    await waitFor(() => ids.every((id) => one(r1, id).state === 'waiting_for_keychain'));
    for (const id of ids)
      expect(one(r1, id)).toMatchObject({ keyHeld: true, lastError: { code: 'keychain.unavailable' } });
    expect(r1.outbox.list().filter((e) => e.state === 'key_missing')).toEqual([]);
    await stopRig(r1);

    // Restarted with the keyring unlocked: no key swept, every entry resumes and goes through once.
    fake.locked = false;
    expect(held()).toEqual(ids.map(stagedAccount).sort());
    const r2 = await rig({ dir: r1.dir, backend, settings: { autoPreflight: false } });
    await r2.clock.advance(1000);
    await waitFor(() => ids.every((id) => one(r2, id).state === 'submitted'), 10_000);
    for (const name of names) expect(named(ACME, name)).toHaveLength(1);
    await r2.outbox.idle();
    await waitFor(() => held().length === 0);
    expect(fake.crashes).toBe(0);
  });

  it('a dismissed unlock prompt waits for the keychain (not "key gone") and resumes once it answers', async () => {
    const { fake, backend, held } = keychain();
    const r = await rig({ backend, settings: { autoPreflight: false } });
    const [id] = await stageWhileOffline(r, ['Prompt dismissed']);
    fake.dismissed = new Error('Prompt dismissed: the user cancelled the unlock');
    await r.clock.advance(120_000);
    await waitFor(() => one(r, id!).state === 'waiting_for_keychain');
    expect(one(r, id!)).toMatchObject({ keyHeld: true });
    expect(held()).toEqual([stagedAccount(id!)]);
    // Still dismissed at the first check: the entry keeps waiting, nothing is sent or flagged.
    await r.clock.advance(30_000);
    expect(one(r, id!).state).toBe('waiting_for_keychain');
    fake.dismissed = null;
    // The next check (on its backoff, at most 10 min away) finds the keychain answering again.
    for (let minute = 0; minute < 12 && one(r, id!).state === 'waiting_for_keychain'; minute++) {
      await r.clock.advance(60_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await waitFor(() => one(r, id!).state === 'submitted', 10_000);
    expect(named(ACME, 'Prompt dismissed')).toHaveLength(1);
  });

  it('Retry while still locked waits again; Retry after unlocking sends it', async () => {
    const { fake, backend } = keychain();
    const r = await rig({ backend, settings: { autoPreflight: false } });
    const [id] = await stageWhileOffline(r, ['Retry locked']);
    fake.locked = true;
    await r.clock.advance(120_000);
    await waitFor(() => one(r, id!).state === 'waiting_for_keychain');
    await r.outbox.retryNow(id!);
    await waitFor(() => one(r, id!).state === 'waiting_for_keychain');
    fake.locked = false;
    await r.outbox.retryNow(id!);
    await waitFor(() => one(r, id!).state === 'submitted', 10_000);
  });
});

describe('the start-up sweep', () => {
  it('on a locked collection: lists nothing (keytar would crash), deletes nothing, flags nothing', async () => {
    const { fake, backend, held } = keychain();
    const r1 = await rig({ backend });
    const ids = await stageWhileOffline(r1, ['Sweep locked']);
    await stopRig(r1);
    fake.locked = true;
    const r2 = await rig({ dir: r1.dir, backend });
    expect(fake.crashes).toBe(0);
    expect(one(r2, ids[0]!)).toMatchObject({ keyHeld: true });
    expect(one(r2, ids[0]!).state).not.toBe('key_missing');
    fake.locked = false;
    expect(held()).toEqual([stagedAccount(ids[0]!)]);
  });

  it('an entry an older version flagged key_missing keeps its key, gets it back and is sent', async () => {
    const { backend, held } = keychain();
    const r1 = await rig({ backend, settings: { autoPreflight: false } });
    const [id] = await stageWhileOffline(r1, ['Flagged by an older version']);
    await stopRig(r1);
    // What round 2 wrote after a null from a locked keychain: key_missing, keyHeld false.
    const path = join(r1.dir, 'outbox.json');
    const file = JSON.parse(readFileSync(path, 'utf8')) as { entries: Array<Record<string, unknown>> };
    Object.assign(file.entries[0]!, { state: 'key_missing', keyHeld: false, nextAttemptAt: null });
    writeFileSync(path, JSON.stringify(file));
    expect(held()).toEqual([stagedAccount(id!)]);

    const r2 = await rig({ dir: r1.dir, backend, settings: { autoPreflight: false } });
    expect(one(r2, id!)).toMatchObject({ keyHeld: true });
    await r2.clock.advance(1000);
    await waitFor(() => one(r2, id!).state === 'submitted', 10_000);
    expect(named(ACME, 'Flagged by an older version')).toHaveLength(1);
  });
});
