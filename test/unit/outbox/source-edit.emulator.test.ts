/**
 * Changing what exists, for any type: a change of an existing source (name, description, values,
 * re-key as a whole new unit) through the outbox, the edit of a waiting entry of any type, the
 * form refused with field errors that never carry a secret, and a server echoing a unit's secret.
 */
import { describe, expect, it } from 'vitest';
import { knownSecrets } from '../../../src-main/services/logging/known-secrets';
import { stagedAccount } from '../../../src-main/services/outbox/entry';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import { rememberingSecretStore } from '../../../src-main/services/secrets/remembering-store';
import { caught } from '../../support/caught';
import { ACME, useOutboxRigs, type Rig } from './emulator-rig';
import { COPILOT_SECRET, GENIE, genieDraft } from './source-fixtures';

const { emu, rig, one, named, expectNoLeak } = useOutboxRigs();
const NEW_SECRET = 'cop.Studio~Rekeyed_2d4f6a8c0e1b3d5f';

async function copilotSource(r: Rig, name: string): Promise<string> {
  const { stagedId } = await r.outbox.stageSource({
    organizationId: ACME,
    sourceType: 'copilot_studio',
    name,
    values: { tenantId: 'tenant-old', clientId: 'app-client-0003' },
    secrets: { clientSecret: COPILOT_SECRET },
    pollEverySec: 300,
  });
  await r.outbox.idle();
  return one(r, stagedId).sourceId!;
}

const stagedItems = async (r: Rig) => (await r.secrets.listAccounts()).filter((a) => a.startsWith('staged:'));

describe('a change of an existing source of any type', () => {
  it('re-key, description and a value: sent once as an update, the old secret replaced, the schedule kept', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    const sourceId = await copilotSource(r, 'Copilot to change');
    const { stagedId, fingerprint } = await r.outbox.stageSourceChange({
      organizationId: ACME,
      sourceId,
      sourceType: 'copilot_studio',
      name: 'Copilot changed',
      description: 'Now described',
      values: { tenantId: 'tenant-new' },
      secrets: { clientSecret: NEW_SECRET },
    });
    expect(fingerprint).toBe('clientSecret …3d5f');
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({ kind: 'update', state: 'submitted', keyHeld: false });
    const [src] = named(ACME, 'Copilot changed');
    expect(src).toMatchObject({ id: sourceId, description: 'Now described', pullSchedule: '*/5 * * * *' });
    expect(src!.parserConfig).toMatchObject({ tenantId: 'tenant-new', clientId: 'app-client-0003' });
    expect(emu().control.credentialMatches(sourceId, NEW_SECRET, 'clientSecret')).toBe(true);
    expect(await stagedItems(r)).toEqual([]);
    expect((await r.outbox.history(sourceId)).map((h) => h.action)).toEqual(['rekeyed', 'created']);
    expectNoLeak(r, COPILOT_SECRET, NEW_SECRET);
  });

  it('a change without secrets keeps the stored credentials and stages no keychain item', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    const sourceId = await copilotSource(r, 'Copilot renamed');
    await r.outbox.stageSourceChange({
      organizationId: ACME,
      sourceId,
      sourceType: 'copilot_studio',
      name: 'Copilot renamed twice',
      pullSchedule: '0 * * * *',
    });
    expect(await stagedItems(r)).toEqual([]);
    await r.outbox.idle();
    expect(named(ACME, 'Copilot renamed twice')[0]).toMatchObject({ id: sourceId, pullSchedule: '0 * * * *' });
    expect(emu().control.credentialMatches(sourceId, COPILOT_SECRET, 'clientSecret')).toBe(true);
  });

  it('a bad form is refused with field errors that never carry the secret; nothing is staged', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    const asPlain = await caught(
      r.outbox.stageSource({
        ...genieDraft('Genie plain'),
        values: { workspaceUrl: 'x', clientSecret: GENIE.clientSecret },
      }),
    );
    expect(asPlain).toMatchObject({
      code: 'invalid_argument',
      details: { fieldErrors: { 'values.clientSecret': expect.any(String) } },
    });
    const pushed = await caught(
      r.outbox.stageSourceChange({
        organizationId: ACME,
        sourceId: 'src_x',
        sourceType: 'otel_generic',
        name: 'OTel',
        pollEverySec: 300,
      }),
    );
    expect(pushed).toMatchObject({ details: { fieldErrors: { pullSchedule: expect.stringMatching(/no schedule/) } } });
    const unknown = await caught(
      r.outbox.stageSourceChange({
        organizationId: ACME,
        sourceId: 'src_x',
        sourceType: 'copilot_studio',
        name: 'C',
        secrets: { password: GENIE.clientSecret },
      }),
    );
    expect(unknown).toMatchObject({ details: { fieldErrors: { 'secrets.password': expect.any(String) } } });
    const badKey = 'sk-ant-api01-wrapped\nline-4f2a9c'; // a wrapped line inside the key
    const compliance = await caught(
      r.outbox.stageSource({
        organizationId: ACME,
        sourceType: 'claude_compliance',
        name: 'CC',
        secrets: { token: badKey },
        pollEverySec: 300,
      }),
    );
    expect(compliance).toMatchObject({ details: { fieldErrors: { 'secrets.token': expect.any(String) } } });
    expect(JSON.stringify(compliance)).not.toContain('line-4f2a9c');
    expect(JSON.stringify([asPlain, pushed, unknown])).not.toContain(GENIE.clientSecret);
    expect(r.outbox.list()).toEqual([]);
    expect(await stagedItems(r)).toEqual([]);
  });
});

describe('the edit of a waiting entry of any type', () => {
  it('new values and a new unit replace the staged ones whole; without secrets the staged unit is kept', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    await emu().control.setOffline(true);
    const rekeyed = (await r.outbox.stageSource(genieDraft('Genie edited'))).stagedId;
    const kept = (await r.outbox.stageSource(genieDraft('Genie kept'))).stagedId;
    await r.outbox.idle();
    const other = { clientId: 'genie-client-new-0f9e8d7c6b5a', clientSecret: 'dose-genie-new-1a2b3c4d5e6f7a8b' };
    const workspaceUrl = 'https://adb-6543210987654321.3.azuredatabricks.net';
    await r.outbox.editSource({ stagedId: rekeyed, name: 'Genie edited', values: { workspaceUrl }, secrets: other });
    expect(one(r, rekeyed)).toMatchObject({ sourceType: 'databricks_genie', values: { workspaceUrl } });
    expect(JSON.parse((await r.secrets.get(stagedAccount(rekeyed)))!)).toEqual(other);
    await r.outbox.editSource({
      stagedId: kept,
      name: 'Genie kept renamed',
      description: null,
      values: { workspaceUrl },
    });
    expect(JSON.parse((await r.secrets.get(stagedAccount(kept)))!)).toEqual(GENIE);
    // The compliance form cannot edit another type's entry.
    await expect(
      r.outbox.edit({ stagedId: kept, name: 'x', key: 'sk-ant-api01-xxxxxxxxxxxxxxxxxxxx' }),
    ).rejects.toMatchObject({
      details: { reason: 'wrong_form' },
    });
    await r.outbox.idle(); // each edit is tried at once, and fails offline
    await emu().control.setOffline(false);
    await r.clock.advance(120_000);
    await r.outbox.idle();
    const [a] = named(ACME, 'Genie edited');
    const [b] = named(ACME, 'Genie kept renamed');
    expect(a!.parserConfig).toMatchObject({ workspaceUrl });
    expect(emu().control.credentialMatches(a!.id, other.clientSecret, 'clientSecret')).toBe(true);
    expect(emu().control.credentialMatches(b!.id, GENIE.clientSecret, 'clientSecret')).toBe(true);
    expect(await stagedItems(r)).toEqual([]);
    expectNoLeak(r, GENIE.clientSecret, GENIE.clientId, other.clientSecret, other.clientId);
  });
});

describe('a server echoing a secret of the unit', () => {
  it('is redacted in the entry, its record, the events and the log, as is and percent-encoded', async () => {
    const memory = createMemorySecretStore();
    const r = await rig({ backend: rememberingSecretStore(memory, knownSecrets), settings: { autoPreflight: false } });
    emu().control.faults.add({
      route: 'ingestionSources.create',
      side: 'langwatch',
      kind: 'echoSecrets',
      status: 400,
      echo: `${COPILOT_SECRET} ${encodeURIComponent(COPILOT_SECRET)}`,
      times: 1,
    });
    const { stagedId } = await r.outbox.stageSource({
      organizationId: ACME,
      sourceType: 'copilot_studio',
      name: 'Copilot echoed',
      values: { tenantId: 'tenant-0004', clientId: 'app-client-0004' },
      secrets: { clientSecret: COPILOT_SECRET },
      pollEverySec: 300,
    });
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({ state: 'rejected', keyHeld: true });
    expect(JSON.stringify(one(r, stagedId).lastError)).toContain('[REDACTED]');
    expectNoLeak(r, COPILOT_SECRET, encodeURIComponent(COPILOT_SECRET));
    await r.outbox.discard(stagedId);
  });
});
