/**
 * What this console knows about sources that LangWatch does not tell it: the pull schedule
 * it last sent (the server's DTO omits `pullSchedule` at the referenced version). Which
 * sources it archived is archived-sources.ts. No secret.
 */
import { cadenceToCron } from '../../../src-shared/domain/cadence';
import type { SourceHistoryItem } from '../../../src-shared/domain/outbox';
import type { LocalSourceFacts } from '../../../src-shared/ipc/channels/sources';

/** The schedule this console last sent for each source (its canonical cron for the cadence). */
export function schedulesFromHistory(latest: Record<string, SourceHistoryItem>): LocalSourceFacts['schedules'] {
  const out: LocalSourceFacts['schedules'] = {};
  for (const [id, item] of Object.entries(latest)) {
    // A cron sent as written wins; an interval sent is its canonical cron; neither = the
    // schedule was kept as it was (nothing this console sent to report).
    if (item.pullSchedule !== null) {
      out[id] = { cron: item.pullSchedule, at: item.at };
      continue;
    }
    const cron = item.pollEverySec === null ? null : cadenceToCron(item.pollEverySec);
    if (cron?.ok) out[id] = { cron: cron.cron, at: item.at };
  }
  return out;
}
