/**
 * What this console knows about sources that LangWatch does not tell it: the pull schedule
 * it last sent (the server's DTO omits `pullSchedule` at the referenced version) and which
 * sources it archived (the server never lists archived sources, contract §4 and §8, so the
 * console remembers their ids to find them again under "Archived"). No secret in either.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { cadenceToCron } from '../../../src-shared/domain/cadence';
import type { SourceHistoryItem } from '../../../src-shared/domain/outbox';
import type { LocalSourceFacts } from '../../../src-shared/ipc/channels/sources';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import { createJsonFile } from '../storage/json-file';

/** File name of the archived-here list inside the user-data folder. */
export const ARCHIVED_HERE_FILE_NAME = 'archived-sources.json';
/** Most ids remembered; the oldest go first. */
const MAX_ARCHIVED = 1000;

const ArchivedFile = z.object({ version: z.literal(1), ids: z.array(z.string().max(200)).max(MAX_ARCHIVED) }).strict();

/** The ids of sources archived from this console, kept across restarts. */
export interface ArchivedHere {
  add(id: string): Promise<void>;
  ids(): Promise<string[]>;
}

/** Creates the archived-here list in `<userDataDir>/archived-sources.json`. */
export function createArchivedHere(options: { userDataDir: string; log: Logger; clock: Clock }): ArchivedHere {
  const file = createJsonFile({
    path: join(options.userDataDir, ARCHIVED_HERE_FILE_NAME),
    schema: ArchivedFile,
    defaults: () => ({ version: 1 as const, ids: [] }),
    // Losing the list only hides archived sources from the filter; never worth refusing to start.
    onCorrupt: 'reset',
    log: options.log,
    clock: options.clock,
  });
  return {
    async add(id) {
      await file.update((doc) => ({ version: 1, ids: [...doc.ids.filter((x) => x !== id), id].slice(-MAX_ARCHIVED) }));
    },
    async ids() {
      return (await file.read()).ids;
    },
  };
}

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
