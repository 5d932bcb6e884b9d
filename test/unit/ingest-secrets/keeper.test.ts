import { afterEach, describe, expect, it, vi } from 'vitest';
import { INGEST_SECRET_KEEP_MS } from '../../../src-shared/domain/ingest-secret';
import { knownSecrets } from '../../../src-main/services/logging/known-secrets';
import { handOverIngestSecret } from '../../../src-main/services/outbox/ingest-secret-hook';
import { ingestSecretAccount } from '../../../src-main/services/secrets/accounts';
import { caught } from '../../support/caught';
import { ADMIN, authAs, rig, SECRET, source, type Rig } from './helpers';

const ACCOUNT = ingestSecretAccount(ADMIN, 'src_push');
const received = (sourceType = 'otel_generic', secret: string | null = SECRET) => ({
  answer: { source: source('src_push', sourceType), ingestSecret: secret },
  owner: ADMIN,
  origin: 'created' as const,
});

/** The secret is nowhere but the keychain: not in the records file, the log or the list. */
function expectOnlyInKeychain(r: Rig): void {
  expect(r.recordsText()).not.toContain(SECRET);
  expect(r.log.text()).not.toContain(SECRET);
}

let opened: Rig[] = [];
afterEach(() => {
  for (const r of opened) r.keeper.close();
  opened = [];
});
const open = (...args: Parameters<typeof rig>) => {
  const r = rig(...args);
  opened.push(r);
  return r;
};

describe('ingest secrets: capture', () => {
  it("keeps a push source's secret in the keychain under its owner, with a 7-day expiry and no value anywhere else", async () => {
    const r = open();
    expect(await r.keeper.keep(received())).toBe('kept');
    expect(await r.secrets.get(ACCOUNT)).toBe(SECRET);
    const list = await r.keeper.list();
    expect(list).toEqual([
      expect.objectContaining({ sourceId: 'src_push', sourceType: 'otel_generic', origin: 'created' }),
    ]);
    expect(Date.parse(list[0]!.expiresAt) - r.clock.now()).toBe(INGEST_SECRET_KEEP_MS);
    expect(JSON.stringify(list)).not.toContain(SECRET);
    expectOnlyInKeychain(r);
    expect(r.changes).toBe(1);
  });

  it('lets a pull source’s secret go (its puller never presents one) and keeps nothing', async () => {
    const r = open();
    expect(await r.keeper.keep(received('claude_compliance'))).toBe('not_needed');
    expect(r.secrets.size()).toBe(0);
    expect(await r.keeper.list()).toEqual([]);
  });

  it('a keychain that refuses the secret: not kept, recorded as such, and a reveal says so with the way out', async () => {
    const r = open();
    r.secrets.failNext('set');
    expect(await r.keeper.keep(received())).toBe('not_kept');
    expect(r.secrets.size()).toBe(0);
    const error = await caught(r.keeper.reveal('src_push'));
    expect(error).toMatchObject({ code: 'ingestSecret.not_waiting', details: { reason: 'not_kept' } });
    expect(error.message).toMatch(/Rotate/);
    expectOnlyInKeychain(r);
  });

  it('the outbox step hands a verified create to the keeper under the entry owner; no owner, no keeping', async () => {
    const r = open();
    const entry = { profileId: 'p1', owner: { userId: 'u_admin', deploymentUrl: ADMIN.deploymentUrl } };
    await handOverIngestSecret(r.keeper.keep, received().answer, entry as never);
    expect(await r.secrets.get(ACCOUNT)).toBe(SECRET);
    const other = open();
    await handOverIngestSecret(other.keeper.keep, received().answer, { profileId: 'p1', owner: null });
    expect(other.secrets.size()).toBe(0);
    // Without a keeper the client's registration is dropped: the value is no longer held live.
    knownSecrets.remember('lw_is_lonelySecretNoKeeper0001');
    await handOverIngestSecret(
      undefined,
      { source: source('x'), ingestSecret: 'lw_is_lonelySecretNoKeeper0001' },
      entry as never,
    );
    expect(knownSecrets.redactText('lw_is_lonelySecretNoKeeper0001')).toBe('[REDACTED]'); // by hash now
  });
});

describe('ingest secrets: reveal once, to its owner', () => {
  it('answers the value once and deletes it; a second reveal is refused by name with the way out', async () => {
    const r = open();
    await r.keeper.keep(received());
    const revealed = await r.keeper.reveal('src_push');
    expect(revealed).toMatchObject({ sourceId: 'src_push', secret: SECRET, deploymentUrl: ADMIN.deploymentUrl });
    expect(await r.secrets.get(ACCOUNT)).toBeNull();
    expect(r.secrets.size()).toBe(0);
    expect(await r.keeper.list()).toEqual([]);
    const again = await caught(r.keeper.reveal('src_push'));
    expect(again.code).toBe('ingestSecret.already_revealed');
    expect(again.message).toMatch(/shown once already.*Rotate the secret/);
    expectOnlyInKeychain(r);
  });

  it('two reveals at once: exactly one gets the value', async () => {
    const r = open();
    await r.keeper.keep(received());
    const results = await Promise.allSettled([r.keeper.reveal('src_push'), r.keeper.reveal('src_push')]);
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
  });

  it('refuses another person, another deployment URL, a read-only session and a signed-out one; the secret stays', async () => {
    const r = open();
    await r.keeper.keep(received());
    r.auth.state = authAs('u_member');
    expect((await caught(r.keeper.reveal('src_push'))).code).toBe('ingestSecret.not_yours');
    expect(await r.keeper.list()).toEqual([]);
    const moved = authAs('u_admin');
    moved.profiles[0]!.baseUrl = 'https://elsewhere.example.test';
    r.auth.state = moved;
    expect((await caught(r.keeper.reveal('src_push'))).code).toBe('ingestSecret.not_yours');
    r.auth.state = authAs('u_admin', { readOnly: true });
    expect((await caught(r.keeper.reveal('src_push'))).code).toBe('auth.read_only');
    r.auth.state = authAs(null);
    expect((await caught(r.keeper.reveal('src_push'))).code).toBe('auth.not_signed_in');
    expect(await r.secrets.get(ACCOUNT)).toBe(SECRET);
    r.auth.state = authAs('u_admin');
    expect((await r.keeper.reveal('src_push')).secret).toBe(SECRET);
  });

  it('a locked keychain (null, and the canary does not answer) is not "gone": the secret stays waiting', async () => {
    const r = open();
    await r.keeper.keep(received());
    const realGet = r.secrets.get;
    r.secrets.get = async () => null; // a locked collection answers null on Linux
    r.auth.answers = false;
    expect((await caught(r.keeper.reveal('src_push'))).code).toBe('keychain.unavailable');
    expect(await r.keeper.list()).toHaveLength(1);
    r.secrets.get = realGet;
    r.auth.answers = true;
    expect((await r.keeper.reveal('src_push')).secret).toBe(SECRET);
  });

  it('a null read before an unlock is not "gone": once the canary answers, the item is read again', async () => {
    const r = open();
    await r.keeper.keep(received());
    const realGet = r.secrets.get;
    r.secrets.get = async (account) => {
      r.secrets.get = realGet; // the unlock prompt the canary read raised was accepted
      return account === ACCOUNT ? null : realGet(account);
    };
    expect((await r.keeper.reveal('src_push')).secret).toBe(SECRET);
    expect(await r.secrets.get(ACCOUNT)).toBeNull();
  });

  it('a proven absence (the canary answers) is "gone": refused with the way out, never a silent empty value', async () => {
    const r = open();
    await r.keeper.keep(received());
    await r.secrets.delete(ACCOUNT);
    const error = await caught(r.keeper.reveal('src_push'));
    expect(error).toMatchObject({ code: 'ingestSecret.not_waiting', details: { reason: 'gone' } });
    expect(await r.keeper.list()).toEqual([]);
  });

  it('a delete the keychain refuses reveals nothing and keeps the secret', async () => {
    const r = open();
    await r.keeper.keep(received());
    r.secrets.failNext('delete');
    expect((await caught(r.keeper.reveal('src_push'))).code).toBe('keychain.unavailable');
    expect((await r.keeper.reveal('src_push')).secret).toBe(SECRET);
  });
});

describe('ingest secrets: expiry and the start-up sweep', () => {
  it('wipes an unrevealed secret when it expires (timer), and retries a refused delete later', async () => {
    const r = open();
    await r.keeper.start();
    await r.keeper.keep(received());
    r.secrets.failNext('delete');
    // The timer wakes at most hourly (then plans again), then every 5 minutes while a delete is refused.
    const swept = () => vi.waitFor(() => expect(r.clock.pending() === 1 || r.secrets.size() === 0).toBe(true));
    await r.clock.advance(INGEST_SECRET_KEEP_MS - 1000);
    await swept();
    expect(await r.secrets.get(ACCOUNT)).toBe(SECRET); // not yet due
    for (let i = 0; i < 10 && r.secrets.size() > 0; i++) {
      await r.clock.advance(5 * 60_000);
      await swept();
    }
    expect(r.log.entries.map((e) => e.msg)).toContain(
      'expired ingest secret not wiped yet: the keychain refused; kept for a later try',
    );
    expect(r.secrets.size()).toBe(0);
    expect(await r.keeper.list()).toEqual([]);
    expect((await caught(r.keeper.reveal('src_push'))).code).toBe('ingestSecret.not_waiting');
  });

  it('at start: expired ones are wiped, unrecorded ones deleted once the keychain answers, waiting ones kept', async () => {
    const first = open();
    await first.keeper.keep(received());
    await first.keeper.keep({ ...received(), answer: { source: source('src_old'), ingestSecret: `${SECRET}old` } });
    await first.secrets.set(ingestSecretAccount(ADMIN, 'src_orphan'), `${SECRET}orphan`);
    first.keeper.close();
    await first.clock.advance(1000);
    const locked = open(first);
    locked.auth.answers = false;
    await locked.keeper.start();
    expect(first.secrets.size()).toBe(3); // nothing listed or deleted while the keychain does not answer
    locked.keeper.close();
    const again = open(first);
    await again.keeper.start();
    expect(first.secrets.size()).toBe(2);
    expect(await again.secrets.get(ingestSecretAccount(ADMIN, 'src_orphan'))).toBeNull();
    await first.clock.advance(INGEST_SECRET_KEEP_MS);
    const later = open(first);
    await later.keeper.start();
    expect(first.secrets.size()).toBe(0);
  });
});
