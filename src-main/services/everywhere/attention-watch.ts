/**
 * Which sources anywhere started needing attention since the last tick, judged by the same
 * rules as the list (`signalOf`, each place on its own deployment's clock), for one summary
 * notification per tick at most. Only places whose list is a current answer count: a place
 * that cannot be read is shown as such, never guessed about. The first look is not news.
 * A row's judgement is kept for the minute of its deployment's clock it was made in (ages
 * count in hours and days), so a tick judges again only what changed or a minute on.
 */
import { placeServerNow, signalOf } from '../../../src-shared/domain/everywhere-attention';
import { rowKeyOf, type EverywhereRow } from '../../../src-shared/domain/everywhere';
import type { FleetStore } from './fleet-store';

/** One tick's news: how many sources started needing attention, in how many places, a few names. */
export interface AttentionNews {
  count: number;
  places: number;
  names: string[];
}

export interface AttentionWatch {
  observe(store: FleetStore, localNowMs: number): AttentionNews | null;
}

const MINUTE = 60_000;

/** Creates the watch (it remembers which row keys needed attention at the last tick). */
export function createAttentionWatch(): AttentionWatch {
  let before: Set<string> | null = null;
  const judged = new WeakMap<EverywhereRow, { minute: number | null; attention: boolean }>();
  const needsAttention = (row: EverywhereRow, minute: number | null): boolean => {
    let known = judged.get(row);
    if (!known || known.minute !== minute) {
      known = { minute, attention: signalOf(row, minute === null ? null : minute * MINUTE).attention };
      judged.set(row, known);
    }
    return known.attention;
  };
  return {
    observe(store, localNowMs) {
      const now = new Set<string>();
      const read = new Set<string>();
      const started: Array<{ name: string; placeKey: string }> = [];
      for (const place of store.places()) {
        if (place.state !== 'fresh') continue;
        read.add(place.key);
        const serverNow = placeServerNow(place, localNowMs);
        const minute = serverNow === null ? null : Math.floor(serverNow / MINUTE);
        for (const row of store.rowsOf(place.key)) {
          if (!needsAttention(row, minute)) continue;
          const key = rowKeyOf(row);
          now.add(key);
          if (before !== null && !before.has(key)) started.push({ name: row.name, placeKey: place.key });
        }
      }
      // Rows of places not read this time keep what was known of them.
      for (const key of before ?? []) if (!read.has(key.slice(0, key.lastIndexOf('|')))) now.add(key);
      before = now;
      if (started.length === 0) return null;
      return {
        count: started.length,
        places: new Set(started.map((s) => s.placeKey)).size,
        names: started.slice(0, 3).map((s) => s.name),
      };
    },
  };
}
