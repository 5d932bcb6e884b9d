/**
 * `<userData>/source-history.json`: what this console did to each source (created, re-keyed,
 * cadence changed), when, with which key fingerprint and cadence. Never a secret. The status
 * detail view reads it through `services.outbox.history(sourceId)`. Read once, then kept in
 * memory; writes are atomic and grouped (many submissions at once cost one write).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { SourceHistoryItem } from '../../../src-shared/domain/outbox';
import { AppError } from '../../../src-shared/errors';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import { writeFileAtomic } from '../storage/atomic-write';
import { createJsonFile } from '../storage/json-file';
import type { OutboxEntry } from './entry';

const HistoryFile = z
  .object({ version: z.literal(1), sources: z.record(z.string(), z.array(SourceHistoryItem)) })
  .strict();
type HistoryFile = z.infer<typeof HistoryFile>;

/** The history lines of one submitted entry (created, cadence changed, re-keyed); `now` when it has no time. */
export function historyItemsOf(
  entry: Pick<
    OutboxEntry,
    'kind' | 'submittedAt' | 'fingerprint' | 'pollEverySec' | 'pullSchedule' | 'id' | 'sendsKey'
  >,
  now: string,
): SourceHistoryItem[] {
  const items: SourceHistoryItem[] = [];
  const base = {
    at: entry.submittedAt ?? now,
    fingerprint: entry.fingerprint,
    pollEverySec: entry.pollEverySec,
    pullSchedule: entry.pullSchedule,
    stagedId: entry.id,
  };
  if (entry.kind === 'create') items.push({ action: 'created', ...base });
  else {
    if (entry.pullSchedule !== null) items.push({ action: 'cadence_changed', ...base });
    if (entry.sendsKey) items.push({ action: 'rekeyed', ...base });
  }
  return items;
}

/** Per-source local history. */
export interface SourceHistory {
  record(sourceId: string, items: SourceHistoryItem[]): Promise<void>;
  /** Newest first. */
  list(sourceId: string): Promise<SourceHistoryItem[]>;
  /** The latest item of every source this console acted on (the sources list reads it). */
  latestBySource(): Promise<Record<string, SourceHistoryItem>>;
}

/** Longest history kept per source. */
const MAX_ITEMS_PER_SOURCE = 100;

/** Creates the history store for `<userDataDir>/source-history.json`. */
export function createSourceHistory(options: { userDataDir: string; log: Logger; clock: Clock }): SourceHistory {
  const path = join(options.userDataDir, 'source-history.json');
  const file = createJsonFile<HistoryFile>({
    path,
    schema: HistoryFile,
    defaults: (): HistoryFile => ({ version: 1, sources: {} }),
    onCorrupt: 'reset',
    log: options.log,
    clock: options.clock,
  });
  let loaded: Promise<HistoryFile> | null = null;
  const doc = () => (loaded ??= file.read());
  let writing: Promise<void> | null = null;
  let again = false;

  async function flush(): Promise<void> {
    if (writing) {
      again = true;
      return writing;
    }
    writing = (async () => {
      do {
        again = false;
        try {
          await writeFileAtomic(path, `${JSON.stringify(await doc())}\n`);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
          throw new AppError('storage.io', `Could not save the source history (${code}).`, { errno: code });
        }
      } while (again);
    })().finally(() => {
      writing = null;
    });
    return writing;
  }

  return {
    async record(sourceId, items) {
      if (items.length === 0) return;
      const current = await doc();
      const checked = items.map((i) => SourceHistoryItem.parse(i));
      current.sources[sourceId] = [...(current.sources[sourceId] ?? []), ...checked].slice(-MAX_ITEMS_PER_SOURCE);
      await flush();
    },
    async list(sourceId) {
      return [...((await doc()).sources[sourceId] ?? [])].reverse();
    },
    async latestBySource() {
      const out: Record<string, SourceHistoryItem> = {};
      for (const [id, items] of Object.entries((await doc()).sources)) {
        const last = items.at(-1);
        if (last) out[id] = last;
      }
      return out;
    },
  };
}
