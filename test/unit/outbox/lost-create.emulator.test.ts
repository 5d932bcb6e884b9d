/**
 * Nothing lost (issue 11): a lost create is reconciled only by the entry's marker, never by
 * name or by comparing clocks; a rename or re-key after a possibly-landed create reaches the
 * source; a create answered with another source's id is not trusted; hostile answers are
 * clamped, cut and recorded, and never leave an entry `submitting`.
 */
import { describe, expect, it } from 'vitest';
import type { LangwatchApi } from '../../../src-main/services/langwatch/api';
import { MAX_RECORDED_MESSAGE } from '../../../src-main/services/outbox/classify';
import { AppError } from '../../../src-shared/errors';
import { ACME, ADMIN_KEY, KEY, useOutboxRigs } from './emulator-rig';
import type { FakeAuth } from './fake-auth';

const { emu, rig, stopRig, one, named, expectNoLeak, stageCreate } = useOutboxRigs();
const quiet = { settings: { autoPreflight: false } };

/** The auth with some API calls replaced (a broken or hostile server). */
const withApi =
  (patch: (api: LangwatchApi) => Partial<LangwatchApi>) =>
  (conn: FakeAuth): FakeAuth => ({
    ...conn,
    apiFor: async (profileId) => {
      const api = await conn.apiFor(profileId);
      return { ...api, ...patch(api) };
    },
  });
const createRequests = () =>
  emu()
    .control.requestLog()
    .filter((r) => r.path.includes('ingestionSources.create')).length;

describe('lost creates are adopted only with proof', () => {
  it('a same-name source made seconds earlier in the web composer (no marker) is not adopted: the entry stops and asks', async () => {
    const r = await rig(quiet);
    const api = await r.conn.apiFor('p1');
    const { source: composer } = await api.createSource({
      organizationId: ACME,
      sourceType: 'claude_compliance',
      name: 'Compliance — race',
      parserConfig: { adapter: 'claude_compliance' },
      pullSchedule: '*/15 * * * *',
    });
    const { stagedId } = await stageCreate(r, 'Compliance — race');
    await r.outbox.idle(); // the create fails (duplicate name: 500), maybe created
    await r.clock.advance(60_000);
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({
      state: 'rejected',
      sourceId: null,
      adopted: false,
      keyHeld: true,
      lastError: { code: 'langwatch.conflict', details: { reason: 'duplicate_name', existingSourceId: composer.id } },
    });
    expect(
      emu()
        .control.sources(ACME)
        .find((s) => s.id === composer.id),
    ).toMatchObject({ hasCredentials: false });
    expect(emu().control.credentialMatches(composer.id, KEY)).toBe(false);
    expectNoLeak(r, KEY);
  });

  it('the same after a restart: a "maybe created" entry does not adopt a source someone else made meanwhile', async () => {
    const r1 = await rig(quiet);
    await emu().control.setOffline(true);
    const { stagedId } = await stageCreate(r1, 'Compliance — while away');
    await r1.outbox.idle();
    await stopRig(r1);
    await emu().control.setOffline(false);
    const r2 = await rig({ ...quiet, dir: r1.dir, secrets: r1.secrets });
    const { source: other } = await (
      await r2.conn.apiFor('p1')
    ).createSource({
      organizationId: ACME,
      sourceType: 'claude_compliance',
      name: 'Compliance — while away',
      parserConfig: { adapter: 'claude_compliance' },
    });
    await r2.clock.advance(60_000);
    await r2.outbox.idle();
    expect(one(r2, stagedId)).toMatchObject({
      state: 'rejected',
      adopted: false,
      lastError: { details: { existingSourceId: other.id } },
    });
    expect(emu().control.credentialMatches(other.id, KEY)).toBe(false);
  });

  for (const [label, skewMs] of [
    ['10 minutes ahead', 10 * 60_000],
    ['10 minutes behind', -10 * 60_000],
  ] as const) {
    it(`a clock ${label} of the server: a lost create is adopted (no duplicate, no false "already exists")`, async () => {
      const r = await rig({ ...quiet, clockStart: Date.now() + skewMs });
      emu().control.faults.add({ route: 'ingestionSources.create', kind: 'resetAfter', times: 1 });
      const { stagedId } = await stageCreate(r, `Compliance skew ${skewMs}`);
      await r.outbox.idle();
      expect(one(r, stagedId).state).toBe('retrying');
      await r.outbox.retryNow(stagedId);
      await r.outbox.idle();
      const e = one(r, stagedId);
      expect(e).toMatchObject({ state: 'submitted', adopted: true });
      expect(named(ACME, `Compliance skew ${skewMs}`)).toEqual([expect.objectContaining({ id: e.sourceId })]);
    });
  }

  it('renamed and re-keyed after a possibly-landed create: the adopted source gets the new name, cadence and key', async () => {
    const r = await rig(quiet);
    emu().control.faults.add({ route: 'ingestionSources.create', kind: 'resetAfter', times: 1 });
    const { stagedId } = await stageCreate(r, 'Lost then renamed');
    await r.outbox.idle();
    expect(named(ACME, 'Lost then renamed')).toHaveLength(1); // it did land
    await r.outbox.edit({ stagedId, name: 'Renamed after the loss', key: ADMIN_KEY, pollEverySec: 900 });
    await r.outbox.idle();
    const e = one(r, stagedId);
    expect(e).toMatchObject({
      state: 'submitted',
      adopted: true,
      name: 'Renamed after the loss',
      fingerprint: 'sk-ant-admin01-…AAAA',
    });
    expect(named(ACME, 'Lost then renamed')).toHaveLength(0);
    expect(named(ACME, 'Renamed after the loss')).toEqual([
      expect.objectContaining({ id: e.sourceId, pullSchedule: '*/15 * * * *' }),
    ]);
    expect(emu().control.credentialMatches(e.sourceId!, ADMIN_KEY)).toBe(true);
    expect(r.secrets.size()).toBe(0);
    expectNoLeak(r, KEY, ADMIN_KEY);
  });

  it('a create answered with the id of another source is not trusted: read back, then the marked one is adopted', async () => {
    const r = await rig({
      ...quiet,
      wrap: withApi((api) => ({
        createSource: async (input, opts) => {
          const answered = await api.createSource(input, opts);
          return { ...answered, source: { ...answered.source, id: 'src_cc_prod' } };
        },
      })),
    });
    const prodBefore = emu()
      .control.sources(ACME)
      .find((s) => s.id === 'src_cc_prod');
    const { stagedId } = await stageCreate(r, 'Answered with a wrong id');
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({
      state: 'retrying',
      lastError: { details: { reason: 'unverified_create' } },
    });
    await r.outbox.retryNow(stagedId);
    await r.outbox.idle();
    const [real] = named(ACME, 'Answered with a wrong id');
    expect(one(r, stagedId)).toMatchObject({ state: 'submitted', sourceId: real!.id, adopted: true });
    expect(real!.id).not.toBe('src_cc_prod');
    expect(
      emu()
        .control.sources(ACME)
        .find((s) => s.id === 'src_cc_prod'),
    ).toEqual(prodBefore); // untouched
    expect(emu().control.credentialMatches(real!.id, KEY)).toBe(true);
  });
});

describe('hostile or broken answers are clamped, cut and recorded', () => {
  it('Retry-After 1e20: waits at most an hour, never throws, never spins, key kept until it goes through', async () => {
    const r = await rig(quiet);
    emu().control.faults.add({ route: 'ingestionSources.create', kind: 'rateLimit', retryAfterSec: 1e20, times: 1 });
    const start = r.clock.now();
    const { stagedId } = await stageCreate(r, 'Retry-After forever');
    await r.outbox.idle();
    const e = one(r, stagedId);
    expect(e).toMatchObject({ state: 'retrying', keyHeld: true, lastError: { code: 'langwatch.rate_limited' } });
    expect(Date.parse(e.nextAttemptAt!) - start).toBeLessThanOrEqual(3600_000 * 1.1);
    await r.clock.advance(30 * 60_000);
    await r.outbox.idle();
    expect(createRequests()).toBe(1); // no tight loop
    await r.clock.advance(45 * 60_000);
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({ state: 'submitted', keyHeld: false });
    expect(named(ACME, 'Retry-After forever')).toHaveLength(1);
  });

  it('a 3,000-character error (and junk details) is cut and recorded; the entry stops rejected, not stuck submitting', async () => {
    const huge = `Field invalid: ${'x'.repeat(3000)}`;
    const r = await rig({
      ...quiet,
      wrap: withApi(() => ({
        createSource: async () => {
          throw new AppError('langwatch.validation', huge, {
            field: 'y'.repeat(3000),
            nested: { deep: true },
            big: Number.POSITIVE_INFINITY,
          });
        },
      })),
    });
    const { stagedId } = await stageCreate(r, 'Huge error');
    await r.outbox.idle();
    const e = one(r, stagedId);
    expect(e).toMatchObject({ state: 'rejected', keyHeld: true, lastError: { code: 'langwatch.validation' } });
    expect(e.lastError!.message.length).toBeLessThanOrEqual(MAX_RECORDED_MESSAGE);
    expect((e.lastError!.details!.field as string).length).toBeLessThanOrEqual(200);
    expect(e.lastError!.details).not.toHaveProperty('nested');
    expect(e.lastError!.details!.big).toBeNull();
  });
});

describe('an attempt that fails in an unexpected way', () => {
  it('never leaves the entry submitting with its key held: it goes back to waiting, as possibly created', async () => {
    const boom = () => {
      throw new Error('a dependency broke while the failure was being recorded');
    };
    const r = await rig({
      ...quiet,
      networkStub: {
        isOnline: () => true,
        reportNetworkFailure: boom,
        reportSuccess: boom,
        onChange: () => () => undefined,
        close: () => undefined,
      },
    });
    emu().control.faults.add({ route: 'ingestionSources.create', kind: 'error5xx', times: 1 });
    const { stagedId } = await stageCreate(r, 'Broken bookkeeping');
    await r.outbox.idle();
    expect(one(r, stagedId)).toMatchObject({ state: 'retrying', keyHeld: true, lastError: { code: 'internal' } });
    expect(r.log.text()).toContain('could not record a failed attempt');
  });
});
