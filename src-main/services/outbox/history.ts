/**
 * `<userData>/source-history.json`: what this console did to each source (created, re-keyed,
 * cadence changed), when, with which key fingerprint and cadence. Never a secret. The status
 * detail view reads it through `services.outbox.history(sourceId)`.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { SourceHistoryItem } from '../../../src-shared/domain/outbox';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import { createJsonFile } from '../storage/json-file';

const HistoryFile = z.object({ version: z.literal(1), sources: z.record(z.string(), z.array(SourceHistoryItem)) }).strict();
type HistoryFile = z.infer<typeof HistoryFile>;

/** Per-source local history. */
export interface SourceHistory {
  record(sourceId: string, items: SourceHistoryItem[]): Promise<void>;
  /** Newest first. */
  list(sourceId: string): Promise<SourceHistoryItem[]>;
}

/** Longest history kept per source. */
const MAX_ITEMS_PER_SOURCE = 100;

/** Creates the history store for `<userDataDir>/source-history.json`. */
export function createSourceHistory(options: { userDataDir: string; log: Logger; clock: Clock }): SourceHistory {
  const file = createJsonFile<HistoryFile>({
    path: join(options.userDataDir, 'source-history.json'),
    schema: HistoryFile,
    defaults: (): HistoryFile => ({ version: 1, sources: {} }),
    onCorrupt: 'reset',
    log: options.log,
    clock: options.clock,
  });
  return {
    async record(sourceId, items) {
      if (items.length === 0) return;
      await file.update((doc) => {
        const list = [...(doc.sources[sourceId] ?? []), ...items].slice(-MAX_ITEMS_PER_SOURCE);
        return { ...doc, sources: { ...doc.sources, [sourceId]: list } };
      });
    },
    async list(sourceId) {
      const doc = await file.read();
      return [...(doc.sources[sourceId] ?? [])].reverse();
    },
  };
}
