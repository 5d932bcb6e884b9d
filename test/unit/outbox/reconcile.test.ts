import { describe, expect, it } from 'vitest';
import { createSharedLister, matchLostCreate } from '../../../src-main/services/outbox/reconcile';
import type { Source } from '../../../src-shared/domain/langwatch';
import { makeEntry, T0 } from './helpers';

const iso = (ms: number) => new Date(ms).toISOString();
const source = (name: string, createdAt: number, extra: Partial<Source> = {}): Source => ({
  id: `src_${name}_${createdAt}`,
  organizationId: 'org_acme',
  teamId: null,
  sourceType: 'claude_compliance',
  name,
  description: null,
  parserConfig: {},
  status: 'awaiting_first_event',
  lastEventAt: null,
  archivedAt: null,
  createdAt: iso(createdAt),
  updatedAt: iso(createdAt),
  createdById: null,
  ...extra,
});

describe('lost-create reconciliation', () => {
  const entry = makeEntry({ name: 'Renamed', sentNames: ['Compliance'], marker: 'mk_ours' });
  const marked = {
    parserConfig: { adapter: 'claude_compliance', consoleStagingId: 'mk_ours' },
    createdById: 'user_admin',
  };
  const ME = 'user_admin';

  it("adopts only the source that carries the entry's marker, under any name and whatever its createdAt says", () => {
    expect(matchLostCreate(entry, [source('Compliance', T0 + 1000, marked)], ME)).toMatchObject({ kind: 'adopt' });
    // server clock hours behind or ahead: times are never compared
    expect(matchLostCreate(entry, [source('Renamed', T0 - 3 * 3600_000, marked)], ME)).toMatchObject({ kind: 'adopt' });
    expect(matchLostCreate(entry, [source('Renamed', T0 + 3 * 3600_000, marked)], ME)).toMatchObject({ kind: 'adopt' });
  });
  it("a same-name source without the marker (e.g. the web composer's, created seconds after the staging) is never adopted", () => {
    const composer = source('Renamed', T0 + 2000, { parserConfig: { adapter: 'claude_compliance' } });
    expect(matchLostCreate(entry, [composer], ME)).toMatchObject({ kind: 'unproven', source: { id: composer.id } });
    const otherMarker = source('Renamed', T0 + 2000, { parserConfig: { consoleStagingId: 'mk_someone_else' } });
    expect(matchLostCreate(entry, [otherMarker], ME)).toMatchObject({ kind: 'unproven' });
  });
  it('an old sent name held by an unmarked source is not ours and not in the way; a record that sent without a marker stops at it', () => {
    expect(matchLostCreate(entry, [source('Compliance', T0 + 5)], ME)).toEqual({ kind: 'none' });
    expect(matchLostCreate({ ...entry, unmarkedSends: true }, [source('Compliance', T0 + 5)], ME)).toMatchObject({
      kind: 'unproven',
    });
  });
  it('nothing matching: none; an archived source is never adopted', () => {
    expect(
      matchLostCreate(
        entry,
        [source('Other', T0 + 5), source('Compliance', T0 + 5, { ...marked, archivedAt: iso(T0 + 9) })],
        ME,
      ),
    ).toEqual({ kind: 'none' });
    expect(
      matchLostCreate(
        { ...entry, marker: '' },
        [source('Other', T0 + 5, { parserConfig: { consoleStagingId: '' } })],
        ME,
      ),
    ).toEqual({ kind: 'none' });
  });
  it('a copied marker is never enough: one marked source, created by the signed-in person, of the expected type', () => {
    // The real source, renamed by another manager, and a copy of another type carrying the same marker.
    const real = source('Renamed by someone', T0 + 1000, marked);
    const copy = source('Copy', T0 + 9000, { ...marked, sourceType: 'otel_generic', createdById: 'user_other' });
    expect(matchLostCreate(entry, [real, copy], ME)).toMatchObject({ kind: 'refused', reason: 'marker_ambiguous' });
    expect(matchLostCreate(entry, [copy], ME)).toMatchObject({ kind: 'refused', reason: 'marker_other_creator' });
    const byNobody = source('Copy', T0, { ...marked, createdById: null });
    expect(matchLostCreate(entry, [byNobody], ME)).toMatchObject({ kind: 'refused', reason: 'marker_other_creator' });
    const otherType = source('Copy', T0, { ...marked, sourceType: 'otel_generic' });
    expect(matchLostCreate(entry, [otherType], ME)).toMatchObject({ kind: 'refused', reason: 'marker_wrong_type' });
  });
  it('not knowing who is signed in adopts nothing, nor does a signed-in person other than the owner', () => {
    const real = source('Compliance', T0 + 1000, marked);
    expect(matchLostCreate(entry, [real], null)).toMatchObject({ kind: 'refused', reason: 'signed_in_unknown' });
    const theirs = source('Compliance', T0 + 1000, { ...marked, createdById: 'user_other' });
    expect(matchLostCreate(entry, [theirs], 'user_other')).toMatchObject({
      kind: 'refused',
      reason: 'signed_in_unknown',
    });
  });
  it('shares one list among entries whose lost create happened before it started, never with later ones', async () => {
    let now = 100;
    let calls = 0;
    const listFor = createSharedLister(
      async () => (calls++, []),
      () => now,
    );
    await Promise.all([listFor('p', 'o', 50), listFor('p', 'o', 90), listFor('p', 'o', 100)]);
    expect(calls).toBe(1);
    await listFor('p', 'o', 99); // the finished list (started at 100) still serves it
    expect(calls).toBe(1);
    now = 200;
    await listFor('p', 'o', 150); // failed after that list started: needs a fresh one
    expect(calls).toBe(2);
    await listFor('p', 'other-org', 0);
    expect(calls).toBe(3);
  });
});

describe('lost-create reconciliation of every source type', () => {
  const ME = 'user_admin';
  const marked = (sourceType: Source['sourceType']) =>
    source('Genie', T0 + 1000, { sourceType, parserConfig: { consoleStagingId: 'mk_g' }, createdById: ME });
  it("adopts a marked source of the entry's own type, refuses one of any other type (compliance included)", () => {
    const genie = makeEntry({ name: 'Genie', marker: 'mk_g', sourceType: 'databricks_genie' });
    expect(matchLostCreate(genie, [marked('databricks_genie')], ME)).toMatchObject({ kind: 'adopt' });
    expect(matchLostCreate(genie, [marked('claude_compliance')], ME)).toMatchObject({
      kind: 'refused',
      reason: 'marker_wrong_type',
    });
  });
});
