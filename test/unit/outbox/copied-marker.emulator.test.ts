/**
 * Nothing sent to the wrong place (issue 19): every member who can list sources reads
 * `parserConfig.consoleStagingId`, so after a lost create another manager can copy it into a
 * source of their own. The console adopts only the one marked source that the signed-in person
 * created, of the type it creates; anything else stops the entry, and the key goes nowhere.
 */
import { describe, expect, it } from 'vitest';
import { SEED } from '../../../emulator/index';
import { createLangwatchApi, type LangwatchApi } from '../../../src-main/services/langwatch/api';
import { signInWithEmail } from '../../../src-main/services/langwatch/auth';
import { ADMIN_PERMISSIONS } from '../../../emulator/seed';
import { ACME, KEY, useOutboxRigs, type Rig } from './emulator-rig';

const { emu, rig, one, named, expectNoLeak, stageCreate } = useOutboxRigs();
const quiet = { settings: { autoPreflight: false } };

/** Another manager of the organisation (the seeded member, given the admin's permissions). */
async function otherManager(): Promise<LangwatchApi> {
  emu().control.setMemberPermissions(ACME, 'member', [...ADMIN_PERMISSIONS]);
  const { email, password } = SEED.users.member;
  const { cookie } = await signInWithEmail({ baseUrl: emu().langwatchUrl, email, password });
  return createLangwatchApi({ baseUrl: emu().langwatchUrl, getCookie: async () => cookie, http: { timeoutMs: 5000 } });
}

/** Stages a create whose answer is lost after it landed; resolves with the landed source and its marker. */
async function lostCreate(r: Rig, name: string) {
  emu().control.faults.add({ route: 'ingestionSources.create', kind: 'resetAfter', times: 1 });
  const { stagedId } = await stageCreate(r, name);
  await r.outbox.idle();
  expect(one(r, stagedId).state).toBe('retrying');
  const [real] = named(ACME, name);
  return { stagedId, real: real!, marker: real!.parserConfig.consoleStagingId as string };
}

const keyWentTo = (ids: string[]) => ids.filter((id) => emu().control.credentialMatches(id, KEY));

describe('a copied ownership marker is never adopted', () => {
  it('the real source renamed, a copy of another type carrying the marker: the entry stops, no key is sent', async () => {
    const r = await rig(quiet);
    const { stagedId, real, marker } = await lostCreate(r, 'Lost create, then copied');
    const other = await otherManager();
    await other.updateSource({ organizationId: ACME, id: real.id, name: 'Zz renamed by someone else' });
    const { source: copy } = await other.createSource({
      organizationId: ACME,
      sourceType: 'otel_generic',
      name: 'Aa copy with the marker', // listed first (the list is ordered by name)
      parserConfig: { consoleStagingId: marker },
    });
    await r.outbox.retryNow(stagedId);
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({
      state: 'rejected',
      adopted: false,
      sourceId: null,
      keyHeld: true,
      lastError: { code: 'langwatch.conflict', details: { reason: 'marker_ambiguous', candidates: 2 } },
    });
    expect(one(r, stagedId).lastError!.message).toContain('More than one source');
    expect(keyWentTo([copy.id])).toEqual([]); // (the real one holds it from the lost create)
    expectNoLeak(r, KEY);
  });

  it('the real source archived, a same-type copy by another manager: one marked source, not created by us, is refused', async () => {
    const r = await rig(quiet);
    const { stagedId, real, marker } = await lostCreate(r, 'Lost create, then replaced');
    const other = await otherManager();
    await other.archiveSource(ACME, real.id);
    const { source: copy } = await other.createSource({
      organizationId: ACME,
      sourceType: 'claude_compliance',
      name: 'Lost create, then replaced (copy)',
      parserConfig: { adapter: 'claude_compliance', consoleStagingId: marker },
    });
    expect(copy.createdById).toBe(SEED.users.member.id); // LangWatch's list names the creator
    await r.outbox.retryNow(stagedId);
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({
      state: 'rejected',
      adopted: false,
      keyHeld: true,
      lastError: { code: 'langwatch.conflict', details: { reason: 'marker_other_creator' } },
    });
    expect(keyWentTo([copy.id])).toEqual([]); // (the real one holds it from the lost create)
  });

  it('the one marked source created by the signed-in owner is still adopted', async () => {
    const r = await rig(quiet);
    const { stagedId, real } = await lostCreate(r, 'Lost create, untouched');
    expect(real.createdById).toBe(SEED.users.admin.id);
    await r.outbox.retryNow(stagedId);
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({ state: 'submitted', adopted: true, sourceId: real.id });
    expect(keyWentTo([real.id])).toEqual([real.id]);
  });
});
