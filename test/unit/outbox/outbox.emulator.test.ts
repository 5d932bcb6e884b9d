import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../../emulator/index';
import { stagedAccount } from '../../../src-main/services/outbox/entry';
import { KEYCHAIN_CANARY_ACCOUNT } from '../../../src-main/services/secrets/accounts';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import { AppError } from '../../../src-shared/errors';
import { ACME, ADMIN_KEY, KEY, SMALL, useOutboxRigs, waitFor as vitestWait } from './emulator-rig';

const { emu, rig, stopRig, one, named, expectNoLeak, stageCreate } = useOutboxRigs();

describe('outbox against the emulator (fake clock, memory keychain)', () => {
  it('online submit: created with the key and cron, keychain wiped, history recorded, nothing leaked', async () => {
    const r = await rig();
    const { stagedId, fingerprint } = await stageCreate(r, 'Compliance online', {
      description: 'desc',
      teamId: 'team_platform',
    });
    expect(fingerprint).toBe('sk-ant-api01-…AAAA');
    expect(await r.secrets.get(stagedAccount(stagedId))).toBe(JSON.stringify({ token: KEY })); // the secret unit: one item
    await r.outbox.idle();
    const entry = one(r, stagedId);
    expect(entry).toMatchObject({
      state: 'submitted',
      keyHeld: false,
      attempts: 1,
      adopted: false,
      preflight: { verdict: 'valid' },
    });
    const [src] = named(ACME, 'Compliance online');
    expect(src).toMatchObject({
      id: entry.sourceId,
      status: 'awaiting_first_event',
      pullSchedule: '*/5 * * * *',
      hasCredentials: true,
      teamId: 'team_platform',
    });
    expect(emu().control.credentialMatches(src!.id, KEY)).toBe(true);
    expect(r.secrets.size()).toBe(0);
    expect(await r.outbox.history(src!.id)).toEqual([
      expect.objectContaining({ action: 'created', fingerprint, pollEverySec: 300, stagedId }),
    ]);
    expect(r.submitted).toEqual([]); // staged online: no notification
    expectNoLeak(r, KEY);
  });

  it('429 with Retry-After: retried after exactly the server wait, then created once', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    emu().control.faults.add({ route: 'ingestionSources.create', kind: 'rateLimit', retryAfterSec: 7, times: 1 });
    const start = r.clock.now();
    const { stagedId } = await stageCreate(r, 'Compliance 429');
    await r.outbox.idle();
    const e = one(r, stagedId);
    expect(e).toMatchObject({ state: 'retrying', lastError: { code: 'langwatch.rate_limited' } });
    expect(Date.parse(e.nextAttemptAt!) - start).toBe(7700); // Retry-After plus at most 10% jitter (random = 1)
    await r.clock.advance(7000);
    expect(one(r, stagedId).state).toBe('retrying');
    await r.clock.advance(800);
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({ state: 'submitted', attempts: 2 });
    expect(named(ACME, 'Compliance 429')).toHaveLength(1);
    expectNoLeak(r, KEY);
  });

  it('5xx: retried with backoff after reconciling, created exactly once', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    emu().control.faults.add({ route: 'ingestionSources.create', kind: 'error5xx', times: 1 });
    const { stagedId } = await stageCreate(r, 'Compliance 5xx');
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({ state: 'retrying', lastError: { code: 'langwatch.server_error' } });
    await r.clock.advance(2000);
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({ state: 'submitted', adopted: false });
    expect(named(ACME, 'Compliance 5xx')).toHaveLength(1);
  });

  it('a create that keeps failing with 500 and is not in the list (archived name) is rejected after 3 tries, not retried forever', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    const { stagedId } = await stageCreate(r, 'Claude Compliance — Old workspace');
    for (let i = 0; i < 3; i++) {
      await r.outbox.idle();
      await r.clock.advance(60_000);
    }
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({
      state: 'rejected',
      attempts: 3,
      lastError: { details: { reason: 'repeated_server_error' } },
      keyHeld: true,
    });
    await r.outbox.edit({ stagedId, name: 'Claude Compliance — New workspace', pollEverySec: 300 });
    await r.outbox.idle();
    expect(one(r, stagedId).state).toBe('submitted');
  });

  it('a burst of 503s (a restart, an overload) only delays an entry: never rejected, created once when it ends', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    emu().control.faults.add({ route: 'ingestionSources.create', kind: 'error5xx', status: 503, times: 5 });
    const { stagedId } = await stageCreate(r, 'Compliance 503 burst');
    for (let i = 0; i < 5; i++) {
      await r.outbox.idle();
      expect(one(r, stagedId)).toMatchObject({ state: 'retrying', lastError: { code: 'langwatch.server_error' } });
      await r.clock.advance(120_000);
    }
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({ state: 'submitted', attempts: 6 });
    expect(named(ACME, 'Compliance 503 burst')).toHaveLength(1);
  });

  it('auth dropped after the server committed the create: reconciled, one source, adopted', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    emu().control.faults.add({ route: 'ingestionSources.create', kind: 'resetAfter', times: 1 });
    const { stagedId } = await stageCreate(r, 'Compliance reset');
    await r.outbox.idle();
    expect(one(r, stagedId).state).toBe('retrying');
    expect(named(ACME, 'Compliance reset')).toHaveLength(1); // the server did commit it
    await r.outbox.retryNow(stagedId);
    await r.outbox.idle();
    const e = one(r, stagedId);
    expect(e).toMatchObject({ state: 'submitted', adopted: true, keyHeld: false });
    expect(named(ACME, 'Compliance reset')).toEqual([expect.objectContaining({ id: e.sourceId })]);
    expect(r.secrets.size()).toBe(0);
    expect((await r.outbox.history(e.sourceId!))[0]?.action).toBe('created');
  });

  it('duplicate name (server 500): reconciled as an older source -> rejected; edited and resubmitted', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    const { stagedId } = await stageCreate(r, 'Claude Compliance — Production');
    await r.outbox.idle();
    await r.clock.advance(5000);
    await r.outbox.idle();
    const e = one(r, stagedId);
    expect(e).toMatchObject({
      state: 'rejected',
      lastError: { code: 'langwatch.conflict', details: { reason: 'duplicate_name', existingSourceId: 'src_cc_prod' } },
    });
    expect(named(ACME, 'Claude Compliance — Production')).toHaveLength(1);
    await r.outbox.edit({ stagedId, name: 'Claude Compliance — Production 2', pollEverySec: 900 });
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({
      state: 'submitted',
      name: 'Claude Compliance — Production 2',
      pullSchedule: '*/15 * * * *',
    });
    expect(named(ACME, 'Claude Compliance — Production 2')).toHaveLength(1);
    expect(r.secrets.size()).toBe(0);
  });

  it('cap reached: rejected with the reason; after archiving one, resubmitted with a new key', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    const first = await r.outbox.stage({
      kind: 'create',
      organizationId: SMALL,
      name: 'Third',
      key: KEY,
      pollEverySec: 300,
    });
    await r.outbox.idle();
    expect(one(r, first.stagedId).state).toBe('submitted');
    const second = await r.outbox.stage({
      kind: 'create',
      organizationId: SMALL,
      name: 'Fourth',
      key: KEY,
      pollEverySec: 300,
    });
    await r.outbox.idle();
    expect(one(r, second.stagedId)).toMatchObject({
      state: 'rejected',
      keyHeld: true,
      lastError: { code: 'langwatch.cap_reached' },
    });
    expect(r.secrets.size()).toBe(1);
    await (await r.conn.apiFor('p1')).archiveSource(SMALL, 'src_small_otel');
    const edited = await r.outbox.edit({
      stagedId: second.stagedId,
      name: 'Fourth',
      key: ADMIN_KEY,
      pollEverySec: 3600,
    });
    expect(edited.fingerprint).toBe('sk-ant-admin01-…AAAA');
    await r.outbox.idle();
    const e = one(r, second.stagedId);
    expect(e).toMatchObject({ state: 'submitted', fingerprint: 'sk-ant-admin01-…AAAA' });
    expect(emu().control.credentialMatches(e.sourceId!, ADMIN_KEY)).toBe(true);
    expect(r.secrets.size()).toBe(0);
    expectNoLeak(r, KEY, ADMIN_KEY);
  });

  it('401: needs sign-in, resumes by itself after sign-in', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    await emu().control.setOffline(true);
    const { stagedId } = await stageCreate(r, 'Compliance after sign-in');
    await r.outbox.idle();
    r.conn.signOut();
    await emu().control.setOffline(false);
    await r.outbox.retryNow(stagedId).catch(() => undefined); // signed out: nobody may retry it now
    await r.clock.advance(60_000);
    await r.outbox.idle();
    // Signed out, it is still listed as its owner's (the person last signed in here); acting on it needs the sign-in.
    expect(one(r, stagedId)).toMatchObject({ state: 'needs_sign_in', access: 'mine', fingerprint: null });
    await expect(r.outbox.retryNow(stagedId)).rejects.toThrow();
    await r.conn.signIn();
    await new Promise((res) => setImmediate(res));
    await r.outbox.idle();
    await vitestWait(() => one(r, stagedId).state === 'submitted');
    expect(named(ACME, 'Compliance after sign-in')).toHaveLength(1);
    // an expired session (server 401) goes the same way
    emu().control.expireSessions();
    const second = await stageCreate(r, 'Compliance expired session');
    await r.outbox.idle();
    // signed out by the 401: the entry waits for its owner, filed under them, showing nothing of the key meanwhile
    expect(one(r, second.stagedId)).toMatchObject({
      state: 'needs_sign_in',
      access: 'mine',
      fingerprint: null,
      lastError: null,
    });
    await r.conn.signIn();
    await vitestWait(() => one(r, second.stagedId).state === 'submitted');
  });

  it('a sign-in that lands while the failing attempt is still finishing wakes the entry (no stuck needs_sign_in)', async () => {
    // The first create answers 401 while the person is already signed in again (a sign-in that
    // finished while the 401 was being handled): the wait for a sign-in resolves at once, while
    // the attempt has not finished yet. The entry must still go on and be created once.
    let unauthorizedOnce = true;
    const r = await rig({
      settings: { autoPreflight: false },
      wrap: (conn) => ({
        ...conn,
        apiFor: async (profileId) => {
          const api = await conn.apiFor(profileId);
          return {
            ...api,
            createSource: async (input, opts) => {
              if (!unauthorizedOnce) return api.createSource(input, opts);
              unauthorizedOnce = false;
              throw new AppError('auth.session_expired', 'Your LangWatch session has expired.', { httpStatus: 401 });
            },
          };
        },
      }),
    });
    const { stagedId } = await stageCreate(r, 'Compliance signed in meanwhile');
    await vitestWait(() => one(r, stagedId).state === 'submitted');
    expect(unauthorizedOnce).toBe(false);
    expect(named(ACME, 'Compliance signed in meanwhile')).toHaveLength(1);
  });

  it('key check: a revoked key is rejected before LangWatch sees it; an inconclusive check only adds a note', async () => {
    const r = await rig();
    const bad = await r.outbox.stage({
      kind: 'create',
      organizationId: ACME,
      name: 'Revoked',
      key: SEED.anthropicKeys.revoked,
      pollEverySec: 300,
    });
    await r.outbox.idle();
    expect(one(r, bad.stagedId)).toMatchObject({
      state: 'rejected',
      preflight: { verdict: 'invalid_key' },
      keyHeld: true,
    });
    expect(named(ACME, 'Revoked')).toHaveLength(0);
    await emu().control.setOffline(true, { which: 'anthropic' });
    const ok = await stageCreate(r, 'Preflight offline');
    await r.outbox.idle();
    expect(one(r, ok.stagedId)).toMatchObject({ state: 'submitted', preflight: { verdict: 'inconclusive' } });
    await r.outbox.discard(bad.stagedId);
    expect(r.secrets.size()).toBe(0);
    expectNoLeak(r, KEY, SEED.anthropicKeys.revoked);
  });

  it('offline: retried with backoff, at once on reconnect, notifies; TTL expiry wipes the key', async () => {
    const r = await rig({ settings: { autoPreflight: false }, network: true });
    await emu().control.setOffline(true);
    await r.outbox.idle();
    // first failure marks the console offline; the staging after it is "staged offline"
    const a = await stageCreate(r, 'Offline A');
    await r.outbox.idle();
    expect(one(r, a.stagedId)).toMatchObject({
      state: 'retrying',
      lastError: { code: expect.stringMatching(/^network\./) },
    });
    const b = await stageCreate(r, 'Offline B');
    await r.outbox.idle();
    expect(one(r, b.stagedId).state).toBe('retrying');
    await emu().control.setOffline(false);
    await r.clock.advance(1000); // first network probe succeeds -> reconnect wakes both at once
    await r.outbox.idle();
    // the notification comes after the wipe and the history write, so wait for it
    await vitestWait(
      () =>
        r.submitted.length > 1 && one(r, a.stagedId).state === 'submitted' && one(r, b.stagedId).state === 'submitted',
    );
    await r.outbox.idle();
    expect(named(ACME, 'Offline A')).toHaveLength(1);
    expect(named(ACME, 'Offline B')).toHaveLength(1);
    expect(r.submitted.map((e) => e.id).sort()).toEqual([a.stagedId, b.stagedId].sort());

    await emu().control.setOffline(true);
    const c = await stageCreate(r, 'Offline C');
    await r.outbox.idle();
    await r.clock.advance(24 * 3600_000);
    await r.outbox.idle();
    expect(one(r, c.stagedId)).toMatchObject({ state: 'expired', keyHeld: false });
    expect(r.secrets.size()).toBe(0);
    expectNoLeak(r, KEY);
  });

  it('discard wipes the key; nothing is sent', async () => {
    const r = await rig();
    await emu().control.setOffline(true);
    const { stagedId } = await stageCreate(r, 'To discard');
    await r.outbox.idle();
    expect((await r.outbox.discard(stagedId)).state).toBe('discarded');
    expect(r.secrets.size()).toBe(0);
    await expect(r.outbox.discard(stagedId)).rejects.toMatchObject({ code: 'outbox.invalid_state' });
    expect(named(ACME, 'To discard')).toHaveLength(0);
  });

  it('re-key and cadence change of an existing source use update with the full non-secret parserConfig', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    const before = emu()
      .control.sources(ACME)
      .find((s) => s.id === 'src_cc_prod')!;
    const rekey = await r.outbox.stage({
      kind: 'update',
      organizationId: ACME,
      sourceId: 'src_cc_prod',
      name: before.name,
      key: ADMIN_KEY,
      pollEverySec: 3600,
    });
    await r.outbox.idle();
    expect(one(r, rekey.stagedId)).toMatchObject({ state: 'submitted', sourceId: 'src_cc_prod' });
    let after = emu()
      .control.sources(ACME)
      .find((s) => s.id === 'src_cc_prod')!;
    expect(after.pullSchedule).toBe('0 * * * *');
    expect(emu().control.credentialMatches('src_cc_prod', ADMIN_KEY)).toBe(true);
    const cadence = await r.outbox.stage({
      kind: 'update',
      organizationId: ACME,
      sourceId: 'src_cc_prod',
      name: before.name,
      pollEverySec: 86_400,
    });
    expect(cadence.fingerprint).toBeNull();
    await r.outbox.idle();
    after = emu()
      .control.sources(ACME)
      .find((s) => s.id === 'src_cc_prod')!;
    expect(after.pullSchedule).toBe('0 0 * * *');
    expect(emu().control.credentialMatches('src_cc_prod', ADMIN_KEY)).toBe(true); // key kept
    const src = await (await r.conn.apiFor('p1')).getSource(ACME, 'src_cc_prod');
    expect(src.parserConfig).toMatchObject({ adapter: 'claude_compliance', pollEverySec: 86_400 });
    expect(JSON.stringify(src.parserConfig)).not.toContain('credentials');
    const hist = await r.outbox.history('src_cc_prod');
    expect(hist.map((h) => h.action)).toEqual(['cadence_changed', 'rekeyed', 'cadence_changed']);
    expect(hist[1]).toMatchObject({ fingerprint: 'sk-ant-admin01-…AAAA', pollEverySec: 3600 });
    expect(r.secrets.size()).toBe(0);
  });

  it('a re-key without a schedule sends no pullSchedule: a cron set elsewhere and the stored interval stay as written', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    const api = await r.conn.apiFor('p1');
    await api.updateSource({ organizationId: ACME, id: 'src_cc_revoked', pullSchedule: '7,37 9-17 * * 1-5' });
    const rekey = await r.outbox.stage({
      kind: 'update',
      organizationId: ACME,
      sourceId: 'src_cc_revoked',
      name: 'Claude Compliance — Research',
      key: KEY,
    });
    expect(one(r, rekey.stagedId)).toMatchObject({ pullSchedule: null, pollEverySec: null });
    await r.outbox.idle();
    expect(one(r, rekey.stagedId).state).toBe('submitted');
    expect(
      emu()
        .control.sources(ACME)
        .find((s) => s.id === 'src_cc_revoked')!.pullSchedule,
    ).toBe('7,37 9-17 * * 1-5');
    expect(emu().control.credentialMatches('src_cc_revoked', KEY)).toBe(true);
    expect((await api.getSource(ACME, 'src_cc_revoked')).parserConfig).toMatchObject({
      adapter: 'claude_compliance',
      pollEverySec: 3600,
    });
    // Only the re-key is in the history: the schedule did not change.
    expect((await r.outbox.history('src_cc_revoked')).map((h) => h.action)).toEqual(['rekeyed']);
    // An update with neither a key nor a schedule changes nothing, so it is refused.
    await expect(
      r.outbox.stage({
        kind: 'update',
        organizationId: ACME,
        sourceId: 'src_cc_revoked',
        name: 'Claude Compliance — Research',
      }),
    ).rejects.toThrow(/Nothing to change/);
    expectNoLeak(r, KEY);
  });

  it('a custom cron is checked in main like LangWatch does and sent as written; no interval is invented for it', async () => {
    const r = await rig({ settings: { autoPreflight: false } });
    await expect(
      stageCreate(r, 'Impossible date', { pollEverySec: undefined, pullSchedule: '0 0 31 2 *' }),
    ).rejects.toThrow(/never runs/);
    await expect(stageCreate(r, 'Both', { pullSchedule: '*/5 * * * *' })).rejects.toThrow(
      /either a fixed interval or a custom schedule/,
    );
    const { stagedId } = await stageCreate(r, 'Weekdays', { pollEverySec: undefined, pullSchedule: ' 0  9 * * 1-5 ' });
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({ state: 'submitted', pullSchedule: '0 9 * * 1-5', pollEverySec: null });
    const created = named(ACME, 'Weekdays')[0]!;
    expect(created.pullSchedule).toBe('0 9 * * 1-5');
    expect(created.parserConfig).not.toHaveProperty('pollEverySec');
    expect(r.secrets.size()).toBe(0);
  });

  it('main refuses the name of an archived source it knows before anything is staged (LangWatch would answer 500)', async () => {
    const r = await rig({ archivedNames: [{ id: 'src_cc_old', name: 'Claude Compliance — Old workspace' }] });
    await expect(stageCreate(r, 'Claude Compliance — Old workspace')).rejects.toThrow(/archived source is named/);
    expect(r.outbox.list()).toHaveLength(0);
    expect(r.secrets.size()).toBe(0);
    const { stagedId } = await stageCreate(r, 'Claude Compliance — New workspace');
    await expect(
      r.outbox.edit({ stagedId, name: 'Claude Compliance — Old workspace', pollEverySec: 300 }),
    ).rejects.toThrow(/archived source is named/);
  });

  it('crash safety: staged offline, restarted, back online -> created exactly once; orphan sweep', async () => {
    const secrets = createMemorySecretStore();
    const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    const r1 = await rig({ dir, secrets, settings: { autoPreflight: false } });
    emu().control.faults.add({ route: 'ingestionSources.create', kind: 'resetAfter', times: 1 });
    const lost = await stageCreate(r1, 'Crash lost answer');
    await r1.outbox.idle();
    await emu().control.setOffline(true);
    const offline = await stageCreate(r1, 'Crash offline');
    await r1.outbox.idle();
    await stopRig(r1);
    // a leftover key without a record (crash between wipe and write) and a record without its key
    await secrets.set(stagedAccount('stg_orphan'), 'sk-ant-api01-orphanorphanorphan');
    await emu().control.setOffline(false);
    const r2 = await rig({ dir, secrets, settings: { autoPreflight: false } });
    await r2.clock.advance(60_000); // past the backoff both entries were waiting for
    await r2.outbox.idle();
    expect(one(r2, lost.stagedId)).toMatchObject({ state: 'submitted', adopted: true });
    expect(one(r2, offline.stagedId)).toMatchObject({ state: 'submitted' });
    expect(named(ACME, 'Crash lost answer')).toHaveLength(1);
    expect(named(ACME, 'Crash offline')).toHaveLength(1);
    // Only the canary (no secret) the sweep wrote to prove the keychain usable is left.
    expect(await secrets.listAccounts()).toEqual([KEYCHAIN_CANARY_ACCOUNT]);
  });

  it('sweep flags a record whose key vanished; stage validates again in main', async () => {
    const secrets = createMemorySecretStore();
    const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    const r1 = await rig({ dir, secrets });
    await emu().control.setOffline(true);
    const { stagedId } = await stageCreate(r1, 'Key vanishes');
    await stopRig(r1);
    await secrets.delete(stagedAccount(stagedId));
    await emu().control.setOffline(false);
    const r2 = await rig({ dir, secrets });
    expect(one(r2, stagedId)).toMatchObject({ state: 'key_missing', keyHeld: false });
    const refused = await r2.outbox
      .stage({
        kind: 'create',
        organizationId: ACME,
        name: 'x',
        key: 'sk-ant-api03-abcdefghijklmnop',
        pollEverySec: 300,
      })
      .catch((e: AppError) => e);
    expect(refused).toMatchObject({
      code: 'invalid_argument',
      details: { fieldErrors: { key: expect.stringMatching(/Claude API key/) } },
    });
    const badCadence = await r2.outbox
      .stage({ kind: 'create', organizationId: ACME, name: 'x', key: KEY, pollEverySec: 420 })
      .catch((e: AppError) => e);
    expect(badCadence).toMatchObject({
      code: 'invalid_argument',
      details: { fieldErrors: { pollEverySec: expect.stringMatching(/Nearest valid: 360 s .* or 600 s/) } },
    });
    const dup = await r2.outbox
      .stage({ kind: 'create', organizationId: ACME, name: 'Key vanishes', key: KEY, pollEverySec: 300 })
      .catch((e: AppError) => e);
    expect(dup).toMatchObject({ code: 'invalid_argument' });
    r2.conn.setState({ permissions: { canView: true, canManage: false, canViewHealth: true, raw: [] } });
    await expect(stageCreate(r2, 'no perm')).rejects.toMatchObject({ code: 'langwatch.forbidden' });
    expect(r2.secrets.size()).toBe(0);
    expectNoLeak(r2, KEY, 'sk-ant-api03-abcdefghijklmnop');
  });
});
