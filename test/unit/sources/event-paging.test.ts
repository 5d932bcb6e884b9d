import { describe, expect, it } from 'vitest';
import { readEventsPage, type FetchEvents } from '../../../src-main/services/sources/event-paging';
import type { SourceEvent } from '../../../src-shared/domain/langwatch';

function event(id: string, iso: string): SourceEvent {
  return {
    eventId: id,
    eventType: 'claude_compliance',
    actor: '',
    action: 'x',
    target: '',
    costUsd: 0,
    tokensInput: 0,
    tokensOutput: 0,
    eventTimestampIso: iso,
    ingestedAtIso: iso,
    rawPayload: '',
  };
}

/** A server as LangWatch's: newest first, `beforeIso` strictly-less-than, at most `limit` rows. */
function strictServer(all: SourceEvent[]): { fetch: FetchEvents; calls: Array<{ limit: number; beforeIso?: string }> } {
  const sorted = [...all].sort((a, b) => Date.parse(b.eventTimestampIso) - Date.parse(a.eventTimestampIso));
  const calls: Array<{ limit: number; beforeIso?: string }> = [];
  return {
    calls,
    fetch: async (q) => {
      calls.push(q);
      const before = q.beforeIso ? Date.parse(q.beforeIso) : Infinity;
      return sorted.filter((e) => Date.parse(e.eventTimestampIso) < before).slice(0, q.limit);
    },
  };
}

async function readAll(fetch: FetchEvents, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: { beforeIso: string; skipIds: string[] } | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await readEventsPage(fetch, { limit, ...(cursor ?? {}) });
    ids.push(...page.events.map((e) => e.eventId));
    if (!page.nextBeforeIso) return ids;
    cursor = { beforeIso: page.nextBeforeIso, skipIds: page.boundaryIds };
  }
  throw new Error('paging did not end');
}

describe('event paging at a boundary of events sharing a timestamp', () => {
  const T = (ms: number) => new Date(Date.UTC(2026, 7, 1, 9) + ms).toISOString();
  // Page size 3; rows 3..5 share one millisecond, so the first page ends inside that group.
  const events = [
    event('e1', T(900)),
    event('e2', T(800)),
    event('e3', T(500)),
    event('e4', T(500)),
    event('e5', T(500)),
    event('e6', T(100)),
  ];

  it('loses no event and shows none twice (paging by the last timestamp alone loses e4 and e5)', async () => {
    const server = strictServer(events);
    expect(await readAll(server.fetch, 3)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
    // The re-read asks one millisecond past the boundary, with room for the rows shown there.
    expect(server.calls[1]).toEqual({ limit: 4, beforeIso: T(501) });
  });

  it('the first page hands back the boundary and the ids shown at it', async () => {
    const page = await readEventsPage(strictServer(events).fetch, { limit: 3 });
    expect(page.events.map((e) => e.eventId)).toEqual(['e1', 'e2', 'e3']);
    expect(page).toMatchObject({ nextBeforeIso: T(500), boundaryIds: ['e3'] });
  });

  it('a group larger than a page is walked through, carrying the ids shown at the same boundary', async () => {
    const many = [event('a', T(900)), ...Array.from({ length: 7 }, (_, i) => event(`s${i}`, T(500))), event('z', T(1))];
    expect(await readAll(strictServer(many).fetch, 3)).toEqual(['a', 's0', 's1', 's2', 's3', 's4', 's5', 's6', 'z']);
  });

  it('more rows in one millisecond than the server returns at most: steps past it instead of looping', async () => {
    const huge = [...Array.from({ length: 250 }, (_, i) => event(`h${i}`, T(500))), event('older', T(1))];
    const ids = await readAll(strictServer(huge).fetch, 50);
    expect(ids.at(-1)).toBe('older');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('the last page says so', async () => {
    const page = await readEventsPage(strictServer(events.slice(0, 2)).fetch, { limit: 3 });
    expect(page).toMatchObject({ nextBeforeIso: null, boundaryIds: [] });
  });
});
