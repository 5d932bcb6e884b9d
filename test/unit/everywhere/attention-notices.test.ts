import { describe, expect, it } from 'vitest';
import type { EverywhereRow, Place } from '../../../src-shared/domain/everywhere';
import {
  attentionNoticeOf,
  REJUDGE_MS,
  type NoticeMemory,
} from '../../../src-main/services/everywhere/attention-notices';
import { createAttentionWatch } from '../../../src-main/services/everywhere/attention-watch';
import { createFleetStore } from '../../../src-main/services/everywhere/fleet-store';

const NOW = Date.parse('2026-12-01T12:00:00Z');

function place(key: string, patch: Partial<Place> = {}): Place {
  const [profileId, organizationId] = key.split('|');
  return {
    key,
    ...{ profileId: profileId!, profileName: `Deployment ${profileId}`, baseUrl: 'http://127.0.0.1:1' },
    ...{ organizationId: organizationId || null, organizationName: organizationId ? `Org ${organizationId}` : null },
    ...{ state: 'fresh', health: 'ok', healthError: null, user: 'ada@acme.test', readOnly: false, sourceCount: 0 },
    ...{ updatedAt: new Date(NOW).toISOString(), serverNow: new Date(NOW).toISOString() },
    ...{ lastError: null, retryAt: null },
    ...patch,
  };
}

function row(placeKey: string, id: string, stuck = false): EverywhereRow {
  return {
    ...{ id, placeKey, organizationId: placeKey.split('|')[1]!, teamId: null, name: `Source ${id}`, description: null },
    ...{ sourceType: stuck ? 'claude_compliance' : 'otel_generic', pullSchedule: null, createdById: null },
    status: stuck ? 'awaiting_first_event' : 'active',
    lastEventAt: stuck ? null : new Date(NOW - 60_000).toISOString(),
    ...{
      archivedAt: null,
      createdAt: new Date(NOW - 86_400_000).toISOString(),
      updatedAt: new Date(NOW).toISOString(),
    },
    ...{ errorCount: 0, eventsLast24h: 3, cadenceSec: null },
  };
}

/** Runs the decision over a sequence of ticks; returns each tick's notice. */
function ticks(...snapshots: Array<{ places: Place[]; rows: EverywhereRow[] }>) {
  let memory: NoticeMemory = new Map();
  return snapshots.map((s) => {
    const decided = attentionNoticeOf(s, memory, NOW);
    memory = decided.memory;
    return decided.notice;
  });
}

describe('Everywhere attention notices: at most one per tick, honest about unknown places', () => {
  const a = place('a|acme');
  const b = place('b|acme');

  it('a place’s first current answer is the baseline; sources that start needing attention make one summary', () => {
    const [first, second] = ticks(
      { places: [a, b], rows: [row(a.key, 'old', true), row(a.key, 's1'), row(b.key, 's2')] },
      { places: [a, b], rows: [row(a.key, 'old', true), row(a.key, 's1', true), row(b.key, 's2', true)] },
    );
    expect(first).toBeNull();
    expect(second).toEqual({ count: 2, places: 2, names: ['Source s1', 'Source s2'] });
  });

  it('names three and counts the rest', () => {
    const rows = (stuck: boolean) => Array.from({ length: 5 }, (_, i) => row(a.key, `s${i}`, stuck));
    const [, notice] = ticks({ places: [a], rows: rows(false) }, { places: [a], rows: rows(true) });
    expect(notice).toMatchObject({ count: 5, places: 1 });
    expect(notice!.names).toHaveLength(3);
  });

  it('an unreachable or slow place says nothing, and is not new attention once it answers again', () => {
    const down = place('a|acme', { state: 'unreachable' });
    const notices = ticks(
      { places: [a, b], rows: [row(a.key, 's1'), row(b.key, 's2')] },
      // Unreachable: its old rows are not judged anew, whatever they say; no all-clear either.
      { places: [down, b], rows: [row(a.key, 's1', true), row(b.key, 's2')] },
      { places: [place('a|acme', { state: 'slow' }), b], rows: [row(a.key, 's1', true), row(b.key, 's2')] },
      // Back: s1 needs attention and did not at the last current answer: new, once.
      { places: [a, b], rows: [row(a.key, 's1', true), row(b.key, 's2')] },
      { places: [a, b], rows: [row(a.key, 's1', true), row(b.key, 's2')] },
    );
    expect(notices).toEqual([null, null, null, expect.objectContaining({ count: 1 }), null]);
  });

  it('a place never answered, signed out or without permission is no baseline and no notice', () => {
    const notices = ticks(
      { places: [place('a|acme', { state: 'no_permission' }), place('c|', { state: 'signed_out' })], rows: [] },
      { places: [place('a|acme', { state: 'loading', updatedAt: null })], rows: [row(a.key, 's1', true)] },
      // The first current answer: already needing attention, but that was so before the console looked.
      { places: [a], rows: [row(a.key, 's1', true)] },
    );
    expect(notices).toEqual([null, null, null]);
  });

  it('unchanged rows are judged again once a minute has passed: a source that went silent meanwhile is news', () => {
    const rows = [row(a.key, 's1'), row(a.key, 's2')];
    const snapshot = { places: [a], rows };
    let memory: NoticeMemory = attentionNoticeOf(snapshot, new Map(), NOW).memory;
    // The same row objects, the deployment's clock two days on: "Source s1" is silent now.
    const later = NOW + 2 * 86_400_000;
    const within = attentionNoticeOf(snapshot, memory, NOW + REJUDGE_MS - 1);
    expect(within.notice).toBeNull();
    memory = within.memory;
    const decided = attentionNoticeOf(snapshot, memory, later);
    expect(decided.notice).toEqual({ count: 2, places: 1, names: ['Source s1', 'Source s2'] });
    expect(attentionNoticeOf(snapshot, decided.memory, later + REJUDGE_MS).notice).toBeNull();
  });

  it('within the minute only changed rows are judged; unchanged ones keep their verdict', () => {
    const old = row(a.key, 'old', true);
    let memory: NoticeMemory = attentionNoticeOf({ places: [a], rows: [old, row(a.key, 's1')] }, new Map(), NOW).memory;
    const changed = attentionNoticeOf({ places: [a], rows: [old, row(a.key, 's1', true)] }, memory, NOW + 1_000);
    expect(changed.notice).toEqual({ count: 1, places: 1, names: ['Source s1'] });
    memory = changed.memory;
    // The full judgement a minute on finds the same two: nothing is news.
    expect(
      attentionNoticeOf({ places: [a], rows: [old, row(a.key, 's1', true)] }, memory, NOW + REJUDGE_MS).notice,
    ).toBeNull();
  });

  it('the refresher’s watch: a place that first answers after the first tick is its own baseline', () => {
    const store = createFleetStore();
    const watch = createAttentionWatch();
    store.setPlace(a);
    store.setRows(a.key, [row(a.key, 's1')]);
    store.setPlace(place('b|acme', { state: 'slow', updatedAt: null }));
    expect(watch.observe(store, NOW)).toBeNull();
    // b answers for the first time: its source was stuck before the console ever saw it.
    store.setPlace(b);
    store.setRows(b.key, [row(b.key, 'old', true)]);
    expect(watch.observe(store, NOW)).toBeNull();
    store.setRows(a.key, [row(a.key, 's1', true)]);
    store.setRows(b.key, [row(b.key, 'old', true), row(b.key, 'new', true)]);
    expect(watch.observe(store, NOW)).toEqual({ count: 2, places: 2, names: ['Source s1', 'Source new'] });
  });
});
