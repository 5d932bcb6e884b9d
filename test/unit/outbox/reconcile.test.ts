import { describe, expect, it } from 'vitest';
import { createSharedLister, matchLostCreate, RECONCILE_SKEW_MS } from '../../../src-main/services/outbox/reconcile';
import type { Source } from '../../../src-shared/domain/langwatch';
import { makeEntry, T0 } from './helpers';

const iso = (ms: number) => new Date(ms).toISOString();
const source = (name: string, createdAt: number, extra: Partial<Source> = {}): Source => ({
  id: `src_${name}_${createdAt}`, organizationId: 'org_acme', teamId: null, sourceType: 'claude_compliance', name, description: null,
  parserConfig: {}, status: 'awaiting_first_event', lastEventAt: null, archivedAt: null, createdAt: iso(createdAt), updatedAt: iso(createdAt), createdById: null, ...extra,
});

describe('lost-create reconciliation', () => {
  const entry = makeEntry({ name: 'Renamed', sentNames: ['Compliance'] });

  it('adopts a same-name source created at/after the staging (within the clock skew), under any name it was sent with', () => {
    expect(matchLostCreate(entry, [source('Compliance', T0 + 1000)])).toMatchObject({ kind: 'adopt' });
    expect(matchLostCreate(entry, [source('Renamed', T0 - RECONCILE_SKEW_MS + 1)])).toMatchObject({ kind: 'adopt' });
  });
  it('a same-name source older than the staging is a duplicate name, not ours', () => {
    expect(matchLostCreate(entry, [source('Renamed', T0 - RECONCILE_SKEW_MS - 1)])).toMatchObject({ kind: 'duplicate' });
  });
  it('nothing matching: none (archived ones never adopted)', () => {
    expect(matchLostCreate(entry, [source('Other', T0 + 5), source('Compliance', T0 + 5, { archivedAt: iso(T0 + 9) })])).toEqual({ kind: 'none' });
  });
  it('shares one list among entries whose lost create happened before it started, never with later ones', async () => {
    let now = 100;
    let calls = 0;
    const listFor = createSharedLister(async () => (calls++, []), () => now);
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
