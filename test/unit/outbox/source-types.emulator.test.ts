/**
 * Secrets out, through the keychain, for source types with several secrets: the unit is staged
 * offline as ONE keychain item, submitted exactly once, wiped when LangWatch has it, bound to its
 * owner, paused (never lost) by a locked keychain, and never in part; no secret value of it in a
 * file, a log line, an event or a listed entry.
 */
import { describe, expect, it } from 'vitest';
import { stagedAccount } from '../../../src-main/services/outbox/entry';
import { createKeytarSecretStore } from '../../../src-main/services/secrets/keytar-store';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import { namespacedSecretStore } from '../../../src-main/services/secrets/namespaced-store';
import type { SecretStore } from '../../../src-main/services/secrets/secret-store';
import { AppError } from '../../../src-shared/errors';
import { createFakeKeytar } from '../secrets/fake-keytar';
import { ACME, useOutboxRigs, waitFor, type Rig } from './emulator-rig';
import { COPILOT_SECRET, formsOf, GENIE, genieDraft, WORKSPACE } from './source-fixtures';

const { emu, rig, one, named, expectNoLeak } = useOutboxRigs();

const stagedItems = async (r: Rig) => (await r.secrets.listAccounts()).filter((a) => a.startsWith('staged:'));

describe('a source with several secrets, staged offline', () => {
  it('one keychain item holds the unit; submitted once when online, the item wiped, nothing leaked', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    await emu().control.setOffline(true);
    const { stagedId, fingerprint } = await r.outbox.stageSource(genieDraft('Genie offline'));
    expect(fingerprint).toBe('clientId …d2c8 · clientSecret …5d7f');
    expect(await stagedItems(r)).toEqual([stagedAccount(stagedId)]);
    expect(JSON.parse((await r.secrets.get(stagedAccount(stagedId)))!)).toEqual(GENIE);
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({ state: 'retrying', keyHeld: true, sourceType: 'databricks_genie' });

    await emu().control.setOffline(false);
    await r.clock.advance(120_000);
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({ state: 'submitted', keyHeld: false });
    const created = named(ACME, 'Genie offline');
    expect(created).toHaveLength(1);
    const src = created[0]!;
    expect(src).toMatchObject({ sourceType: 'databricks_genie', pullSchedule: '*/5 * * * *' });
    expect(src.parserConfig).toMatchObject({ workspaceUrl: WORKSPACE, consoleStagingId: expect.any(String) });
    expect(emu().control.credentialMatches(src.id, GENIE.clientId, 'clientId')).toBe(true);
    expect(emu().control.credentialMatches(src.id, GENIE.clientSecret, 'clientSecret')).toBe(true);
    expect(await stagedItems(r)).toEqual([]);
    expect(r.log.text()).toMatch(/staged key wiped.*"reason":"submitted"/);
    expect(r.submitted.map((e) => e.id)).toEqual([stagedId]); // staged offline: the owner is told
    expectNoLeak(r, ...formsOf(GENIE.clientId, GENIE.clientSecret));
  });

  it('a lost create answer is reconciled by the marker and adopted: one source, not two', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    emu().control.faults.add({ route: 'ingestionSources.create', kind: 'resetAfter', times: 1 });
    const { stagedId } = await r.outbox.stageSource({
      organizationId: ACME,
      sourceType: 'copilot_studio',
      name: 'Copilot once',
      values: { tenantId: 'tenant-0001', clientId: 'app-client-0001' },
      secrets: { clientSecret: COPILOT_SECRET },
      pollEverySec: 300,
    });
    await r.outbox.idle();
    expect(one(r, stagedId).state).toBe('retrying');
    await r.outbox.retryNow(stagedId);
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({ state: 'submitted', adopted: true, keyHeld: false });
    const created = named(ACME, 'Copilot once');
    expect(created).toHaveLength(1);
    expect(created[0]!.parserConfig).toMatchObject({ tenantId: 'tenant-0001', clientId: 'app-client-0001' });
    expect(emu().control.credentialMatches(created[0]!.id, COPILOT_SECRET, 'clientSecret')).toBe(true);
    expectNoLeak(r, COPILOT_SECRET, encodeURIComponent(COPILOT_SECRET));
  });

  it('a type with no secret field stages no keychain item and is sent without credentials', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    const { stagedId, fingerprint } = await r.outbox.stageSource({
      organizationId: ACME,
      sourceType: 'otel_generic',
      name: 'OTel push',
      values: {},
      secrets: {},
    });
    expect(fingerprint).toBeNull();
    expect(await stagedItems(r)).toEqual([]);
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({ state: 'submitted', keyHeld: false });
    expect(named(ACME, 'OTel push')[0]).toMatchObject({ sourceType: 'otel_generic', hasCredentials: false });
  });
});

describe('never a partial unit', () => {
  it('a keychain that fails the write stages nothing: no entry, no record, no item', async () => {
    const store = createMemorySecretStore();
    const failing: SecretStore = {
      get: (a) => store.get(a),
      delete: (a) => store.delete(a),
      listAccounts: () => store.listAccounts(),
      set: async () => {
        throw new AppError('keychain.unavailable', 'The keychain refused the write.');
      },
    };
    const r = await rig({ backend: failing, settings: { autoPreflight: false } });
    await expect(r.outbox.stageSource(genieDraft('Genie refused'))).rejects.toMatchObject({
      code: 'keychain.unavailable',
    });
    expect(r.outbox.list()).toEqual([]);
    expect((await store.listAccounts()).filter((a) => a.startsWith('staged:'))).toEqual([]);
    expectNoLeak(r, ...formsOf(GENIE.clientId, GENIE.clientSecret));
  });

  it('an item that is not the whole unit (one secret of two) is never sent: the entry says its key is missing', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    await emu().control.setOffline(true);
    const { stagedId } = await r.outbox.stageSource({
      organizationId: ACME,
      sourceType: 'copilot_studio',
      name: 'Copilot damaged',
      values: { tenantId: 'tenant-0002', clientId: 'app-client-0002' },
      secrets: { clientSecret: COPILOT_SECRET },
      pollEverySec: 300,
    });
    await r.outbox.idle();
    await r.secrets.set(stagedAccount(stagedId), JSON.stringify({ tenantId: 'not a secret field' }));
    await emu().control.setOffline(false);
    await r.outbox.retryNow(stagedId);
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({ state: 'key_missing', keyHeld: false });
    expect(named(ACME, 'Copilot damaged')).toEqual([]);
  });
});

describe('the unit keeps the compliance key’s guarantees', () => {
  it('a locked keychain pauses the entry with its unit kept (a null is not "gone"); unlocked, it goes through', async () => {
    const fake = createFakeKeytar();
    const backend = namespacedSecretStore(createKeytarSecretStore({ loadKeytar: () => fake }), 'lwc-unit-test');
    const r = await rig({ backend, settings: { autoPreflight: false } });
    await emu().control.setOffline(true);
    const { stagedId } = await r.outbox.stageSource(genieDraft('Genie locked'));
    await r.outbox.idle();
    await emu().control.setOffline(false);
    fake.locked = true;
    await r.outbox.retryNow(stagedId);
    await waitFor(() => one(r, stagedId).state === 'waiting_for_keychain');
    expect(one(r, stagedId)).toMatchObject({ keyHeld: true, lastError: { code: 'keychain.unavailable' } });
    fake.locked = false;
    await r.outbox.retryNow(stagedId);
    await waitFor(() => one(r, stagedId).state === 'submitted');
    await r.outbox.idle(); // the wipe follows the submission, off the request slots
    expect(named(ACME, 'Genie locked')).toHaveLength(1);
    expect([...fake.entries.keys()].filter((k) => k.includes('staged:'))).toEqual([]);
  });

  it('bound to its owner: another person signed in sends nothing; the owner back, it goes once', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    await emu().control.setOffline(true);
    const { stagedId } = await r.outbox.stageSource(genieDraft('Genie owned'));
    await r.outbox.idle();
    await emu().control.setOffline(false);
    await r.conn.signIn('member');
    await expect(r.outbox.retryNow(stagedId)).rejects.toMatchObject({ code: 'outbox.not_yours' });
    await r.clock.advance(120_000); // its retry falls due under the other person's session
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({ state: 'needs_sign_in', keyHeld: true });
    expect(named(ACME, 'Genie owned')).toEqual([]);
    await r.conn.signIn('admin');
    await waitFor(() => one(r, stagedId).state === 'submitted');
    expect(named(ACME, 'Genie owned')).toHaveLength(1);
  });

  it('the staged key lifetime wipes the whole unit; the entry expires, nothing sent', async () => {
    const r = await rig({ settings: { autoPreflight: false, stagedKeyTtlHours: 1 } });
    await emu().control.setOffline(true);
    const { stagedId } = await r.outbox.stageSource(genieDraft('Genie expiring'));
    await r.outbox.idle();
    await r.clock.advance(3600_000 + 1000);
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({ state: 'expired', keyHeld: false });
    expect(await stagedItems(r)).toEqual([]);
    expect(r.log.text()).toMatch(/staged key wiped.*"reason":"expired"/);
  });

  it('discarding wipes the whole unit through wipeStagedKey', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    await emu().control.setOffline(true);
    const { stagedId } = await r.outbox.stageSource(genieDraft('Genie discarded'));
    await r.outbox.idle();
    await r.outbox.discard(stagedId);
    expect(await stagedItems(r)).toEqual([]);
    expect(r.log.text()).toMatch(/staged key wiped.*"reason":"discarded"/);
    expectNoLeak(r, ...formsOf(GENIE.clientId, GENIE.clientSecret));
  });
});
