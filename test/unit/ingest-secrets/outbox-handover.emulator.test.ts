/**
 * A create staged offline and sent later still brings its ingest secret to its owner, exactly
 * once: the outbox's step hands the verified create's answer to the keeper, which keeps it in
 * the keychain under the entry's owner until one reveal. The source is a push type
 * (`otel_generic`), staged through `outbox.stageSource` as the composer does.
 */
import { describe, expect, it, vi } from 'vitest';
import { createIngestSecrets, type IngestSecrets } from '../../../src-main/services/ingest-secrets/ingest-secrets';
import type { KeepIngestSecret } from '../../../src-main/services/outbox/ingest-secret-hook';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import { caught } from '../../support/caught';
import { useOutboxRigs, type Rig } from '../outbox/emulator-rig';
import { ACME } from '../outbox/emulator-rig';

const { emu, rig, one, expectNoLeak } = useOutboxRigs();

describe('the outbox hands a create’s ingest secret to its owner', () => {
  it('staged offline, sent later: kept once under the entry owner, revealed once, then gone', async () => {
    const secrets = createMemorySecretStore();
    let r: Rig | null = null;
    let keeper: IngestSecrets | null = null;
    const keeps = vi.fn<KeepIngestSecret>(async (received) => keeper!.keep(received));
    // The keeper is built over the rig's folder and auth, once the rig exists; the outbox calls it later.
    r = await rig({
      secrets,
      network: true,
      settings: { autoPreflight: false },
      keepIngestSecret: keeps,
    });
    keeper = createIngestSecrets({
      userDataDir: r.dir,
      secrets,
      clock: r.clock,
      log: r.log,
      auth: { state: () => r!.conn.state(), requireActive: () => ({}) as never },
    });
    await emu().control.setOffline(true);
    await r.outbox.idle();
    const { stagedId } = await r!.outbox.stageSource({
      organizationId: ACME,
      sourceType: 'otel_generic',
      name: 'OTel staged offline',
    });
    await r.outbox.idle();
    expect(one(r, stagedId).state).toBe('retrying');
    expect(keeps).not.toHaveBeenCalled();
    await emu().control.setOffline(false);
    await r.clock.advance(1000); // the network probe succeeds: the entry goes at once
    await vi.waitFor(() => expect(one(r!, stagedId).state).toBe('submitted'));
    const minted = emu().control.mintedIngestSecrets();
    expect(minted).toHaveLength(1);
    expect(keeps).toHaveBeenCalledTimes(1);
    expect(keeps.mock.calls[0]![0]).toMatchObject({
      owner: { profileId: 'p1', userId: expect.any(String) },
      origin: 'created',
    });
    expect((await secrets.listAccounts()).filter((a) => a.startsWith('ingest:'))).toHaveLength(1);
    expect(await keeper.list()).toEqual([expect.objectContaining({ sourceId: one(r, stagedId).sourceId })]);

    const revealed = await keeper.reveal(one(r, stagedId).sourceId!);
    expect(revealed.secret).toBe(minted[0]);
    expect((await caught(keeper.reveal(revealed.sourceId))).code).toBe('ingestSecret.already_revealed');
    expect(secrets.size()).toBe(0); // no staged item (a push type has no secret field), the ingest secret wiped by the reveal
    expectNoLeak(r, minted[0]!);
  });
});
