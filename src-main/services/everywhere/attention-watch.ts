/**
 * Which sources anywhere started needing attention since the last tick, judged by the same
 * rules as the list (`signalsOf`, each place on its own deployment's clock), for one summary
 * notification per tick at most. Only places whose list is a current answer count: a place
 * that cannot be read is shown as such, never guessed about. The first look is not news.
 */
import { attentionNoticeOf, type AttentionNotice, type NoticeMemory } from './attention-notices';
import type { FleetStore } from './fleet-store';

/** One tick's news: how many sources started needing attention, in how many places, a few names. */
export type AttentionNews = AttentionNotice;

export interface AttentionWatch {
  observe(store: FleetStore, localNowMs: number): AttentionNews | null;
}

/**
 * Creates the watch: it remembers, per place, which rows needed attention at that place's last
 * current answer (attention-notices.ts). Each place's own first answer is its baseline, so a
 * place that answers for the first time after the first tick (slow, down, signed in later)
 * does not announce what was already stuck before the console looked.
 */
export function createAttentionWatch(): AttentionWatch {
  let memory: NoticeMemory = new Map();
  return {
    observe(store, localNowMs) {
      const decided = attentionNoticeOf(store.snapshot(), memory, localNowMs);
      memory = decided.memory;
      return decided.notice;
    },
  };
}
