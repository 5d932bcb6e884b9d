import { describe, expect, it } from 'vitest';
import type { EverywhereRow, Place } from '../../../src-shared/domain/everywhere';
import {
  attentionNoticeOf,
  createAttentionNotices,
  type NoticeMemory,
} from '../../../src-main/services/everywhere/attention-notices';
import { knownSecrets } from '../../../src-main/services/logging/known-secrets';

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
    ...{ errorCount: 0, eventsLast24h: 3 },
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
    expect(second).toMatchObject({ count: 2, title: '2 sources need attention' });
    expect(second!.body).toContain('"Source s1" (Deployment a / Org acme)');
    expect(second!.body).toContain('"Source s2" (Deployment b / Org acme)');
    expect(second!.body).toContain('in 2 places');
    expect(second!.body).not.toContain('Source old');
  });

  it('names three and counts the rest', () => {
    const rows = (stuck: boolean) => Array.from({ length: 5 }, (_, i) => row(a.key, `s${i}`, stuck));
    const [, notice] = ticks({ places: [a], rows: rows(false) }, { places: [a], rows: rows(true) });
    expect(notice).toMatchObject({ count: 5 });
    expect(notice!.body).toContain('and 2 more');
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

  it('the stateful side remembers between ticks and redacts known secrets from the names', () => {
    const secret = 'Zt7wq3RkVb9LmPx2HsYc-notice';
    knownSecrets.remember(secret);
    try {
      const notices = createAttentionNotices();
      expect(notices.observe({ places: [a], rows: [row(a.key, 's1')] }, NOW)).toBeNull();
      const leaky = { ...row(a.key, 's1', true), name: `echo ${secret}` };
      const notice = notices.observe({ places: [a], rows: [leaky, row(a.key, 's2', true)] }, NOW);
      expect(notice).toMatchObject({ count: 2, places: 1, title: '2 sources need attention' });
      expect(JSON.stringify(notice)).not.toContain(secret);
      expect(notices.observe({ places: [a], rows: [leaky, row(a.key, 's2', true)] }, NOW)).toBeNull();
    } finally {
      knownSecrets.forget(secret);
    }
  });
});
