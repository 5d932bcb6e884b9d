/**
 * Which sources anywhere started needing attention since the last tick, judged by the same
 * rules as the list (`signalsOf`, each place on its own deployment's clock), for one summary
 * notification per tick at most. Only places whose list is a current answer count: a place
 * that cannot be read is shown as such, never guessed about. The first look is not news.
 */
import type { Place } from '../../../src-shared/domain/everywhere';
import { signalsOf } from '../../../src-shared/domain/everywhere-attention';
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

/** Creates the watch (it remembers which row keys needed attention at the last tick). */
export function createAttentionWatch(): AttentionWatch {
  let before: Set<string> | null = null;
  return {
    observe(store, localNowMs) {
      const fresh = new Map<string, Place>();
      for (const p of store.places()) if (p.state === 'fresh') fresh.set(p.key, p);
      const rows = store.snapshot().rows.filter((r) => fresh.has(r.placeKey));
      const now = new Set<string>();
      const started: Array<{ name: string; placeKey: string }> = [];
      for (const [key, signal] of signalsOf(rows, fresh, localNowMs)) if (signal.attention) now.add(key);
      for (const r of rows) {
        const key = `${r.placeKey}|${r.id}`;
        if (now.has(key) && before !== null && !before.has(key)) started.push({ name: r.name, placeKey: r.placeKey });
      }
      // Rows of places not read this time keep what was known of them.
      for (const key of before ?? []) if (!fresh.has(key.slice(0, key.lastIndexOf('|')))) now.add(key);
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
