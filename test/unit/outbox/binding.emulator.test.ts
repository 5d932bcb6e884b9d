/**
 * A staged key stays bound to what it was staged for (issue 11): editing the profile's
 * deployment or Anthropic URL does not retarget it, and records written before owners were
 * recorded are never sent (policy: unowned entries wait for an admin's discard or their TTL).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACME, useOutboxRigs } from './emulator-rig';

const { emu, rig, stopRig, one, named, stageCreate } = useOutboxRigs();
const createRequests = () =>
  emu()
    .control.requestLog()
    .filter((r) => r.path.includes('ingestionSources.create')).length;

describe('entries stay bound to their deployment and owner', () => {
  it('a profile moved to another deployment URL does not take staged keys with it; moved back, they go', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    await emu().control.setOffline(true);
    const { stagedId } = await stageCreate(r, 'Bound to its deployment');
    await r.outbox.idle();
    const [profile] = r.conn.state().profiles;
    r.conn.setState({ profiles: [{ ...profile!, baseUrl: 'https://elsewhere.example.com' }] });
    await emu().control.setOffline(false);
    await r.outbox.retryNow(stagedId).catch(() => undefined); // other deployment now: not the viewer's to retry
    await r.clock.advance(60_000);
    await r.outbox.idle();
    const e = r.outbox.list().find((x) => x.id === stagedId)!;
    expect(e).toMatchObject({
      state: 'rejected',
      keyHeld: true,
      access: 'other_deployment',
      owner: { deploymentUrl: emu().langwatchUrl },
    });
    expect(createRequests()).toBe(0);
    r.conn.setState({ profiles: [profile!] });
    await r.outbox.retryNow(stagedId);
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({ state: 'submitted' });
    expect(named(ACME, 'Bound to its deployment')).toHaveLength(1);
  });

  it('the key check uses the Anthropic URL the key was staged for, not the one the profile says now', async () => {
    const r = await rig();
    await emu().control.setOffline(true, { which: 'langwatch' });
    const { stagedId } = await stageCreate(r, 'Bound to its Anthropic URL');
    await r.outbox.idle();
    const [profile] = r.conn.state().profiles;
    r.conn.setState({ profiles: [{ ...profile!, anthropicBaseUrl: 'http://127.0.0.1:9' }] });
    await emu().control.setOffline(false, { which: 'langwatch' });
    await r.outbox.retryNow(stagedId);
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({ state: 'submitted', preflight: { verdict: 'valid' } });
  });

  it('a record from before owners were recorded is never sent; it gets a marker; an admin may discard it', async () => {
    const r1 = await rig({ settings: { autoPreflight: false } });
    await emu().control.setOffline(true);
    const { stagedId } = await stageCreate(r1, 'Legacy entry');
    await r1.outbox.idle();
    await stopRig(r1);
    // Rewrite it as an older console wrote it: no owner, no marker, a create possibly sent.
    const file = join(r1.dir, 'outbox.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    for (const entry of doc.entries) {
      delete entry.owner;
      delete entry.marker;
      delete entry.unmarkedSends;
    }
    writeFileSync(file, JSON.stringify(doc));
    await emu().control.setOffline(false);
    const r2 = await rig({ settings: { autoPreflight: false }, dir: r1.dir, secrets: r1.secrets });
    await r2.clock.advance(60_000);
    await r2.outbox.idle();
    expect(r2.outbox.list().find((e) => e.id === stagedId)).toMatchObject({
      state: 'rejected',
      access: 'unowned',
      owner: null,
      keyHeld: true,
    });
    const stored = JSON.parse(readFileSync(file, 'utf8')).entries[0];
    expect(stored).toMatchObject({ owner: null, marker: expect.stringMatching(/^cs_/), unmarkedSends: true });
    expect(createRequests()).toBe(0);
    await expect(r2.outbox.retryNow(stagedId)).rejects.toMatchObject({ code: 'outbox.not_yours' });
    expect((await r2.outbox.discard(stagedId)).state).toBe('discarded'); // the admin of that deployment
    expect(await r2.secrets.get(`staged:${stagedId}`)).toBeNull();
  });
});
