import { join } from 'node:path';
import { z } from 'zod';
import { LastKeyVerdicts, RecordedKeyVerdict } from '../../../src-shared/domain/key-check';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import { createJsonFile, type JsonFile } from '../storage/json-file';

/** File name of the verdict memory inside the user-data folder. */
export const KEY_VERDICTS_FILE_NAME = 'key-verdicts.json';

/** Entries kept per map; the oldest go first (a verdict weeks old tells a diagnosis little). */
export const DEFAULT_MAX_VERDICTS = 500;

const KeyVerdictsFile = z.object({ version: z.literal(1), ...LastKeyVerdicts.shape });
type KeyVerdictsFile = z.infer<typeof KeyVerdictsFile>;

/** What to remember: a verdict and the staged entry and/or source it was about. */
export type VerdictToRecord = Omit<RecordedKeyVerdict, 'recordedAt'>;

/** The most recent key verdicts, in memory and in `<userData>/key-verdicts.json` (no secret). */
export interface VerdictMemory {
  /** Reads the file (a damaged one is moved aside and the memory starts empty). */
  load(): Promise<void>;
  /** Remembers a verdict under its staged id and its source id (either may be null). */
  record(entry: VerdictToRecord): Promise<RecordedKeyVerdict>;
  /**
   * Files a staged entry's last verdict under the source it became (a create answered with
   * its source id), so the diagnosis of that source finds it. Null when there is none.
   */
  linkSource(stagedId: string, sourceId: string): Promise<RecordedKeyVerdict | null>;
  /** The most recent verdict for the source or the staged entry, whichever is newer. */
  lastFor(query: { sourceId?: string | null; stagedId?: string | null }): RecordedKeyVerdict | null;
  /** Every remembered verdict, by staged id and by source id. */
  all(): LastKeyVerdicts;
}

/** Options of {@link createVerdictMemory}. */
export interface VerdictMemoryOptions {
  userDataDir: string;
  log: Logger;
  clock: Clock;
  maxPerMap?: number;
}

/** Creates the verdict memory; call `load()` before use. */
export function createVerdictMemory(options: VerdictMemoryOptions): VerdictMemory {
  const max = options.maxPerMap ?? DEFAULT_MAX_VERDICTS;
  const file: JsonFile<KeyVerdictsFile> = createJsonFile({
    path: join(options.userDataDir, KEY_VERDICTS_FILE_NAME),
    schema: KeyVerdictsFile,
    defaults: () => ({ version: 1 as const, byStagedId: {}, bySourceId: {} }),
    // Losing remembered verdicts costs one more "Test key"; refusing to start would cost more.
    onCorrupt: 'reset',
    log: options.log,
    clock: options.clock,
  });
  let byStagedId = new Map<string, RecordedKeyVerdict>();
  let bySourceId = new Map<string, RecordedKeyVerdict>();

  function snapshot(): KeyVerdictsFile {
    return { version: 1, byStagedId: Object.fromEntries(byStagedId), bySourceId: Object.fromEntries(bySourceId) };
  }

  async function persist(): Promise<void> {
    try {
      await file.write(snapshot());
    } catch (error) {
      // The verdict is still shown and kept in memory; only its survival across a restart is lost.
      options.log.warn('could not save key verdicts', { error: error as Error });
    }
  }

  function put(map: Map<string, RecordedKeyVerdict>, id: string, entry: RecordedKeyVerdict): void {
    map.delete(id); // re-insert so insertion order stays oldest-first
    map.set(id, entry);
    while (map.size > max) map.delete(map.keys().next().value as string);
  }

  return {
    async load() {
      const doc = await file.read();
      const sorted = (record: Record<string, RecordedKeyVerdict>) =>
        new Map(Object.entries(record).sort(([, a], [, b]) => a.recordedAt.localeCompare(b.recordedAt)));
      byStagedId = sorted(doc.byStagedId);
      bySourceId = sorted(doc.bySourceId);
    },
    async record(entry) {
      const recorded = RecordedKeyVerdict.parse({ ...entry, recordedAt: new Date(options.clock.now()).toISOString() });
      if (recorded.stagedId !== null) put(byStagedId, recorded.stagedId, recorded);
      if (recorded.sourceId !== null) put(bySourceId, recorded.sourceId, recorded);
      if (recorded.stagedId !== null || recorded.sourceId !== null) await persist();
      return recorded;
    },
    async linkSource(stagedId, sourceId) {
      const last = byStagedId.get(stagedId);
      if (!last) return null;
      const linked = { ...last, sourceId };
      put(byStagedId, stagedId, linked);
      const current = bySourceId.get(sourceId);
      if (!current || current.recordedAt <= linked.recordedAt) put(bySourceId, sourceId, linked);
      await persist();
      return linked;
    },
    lastFor({ sourceId, stagedId }) {
      const candidates = [
        sourceId ? bySourceId.get(sourceId) : undefined,
        stagedId ? byStagedId.get(stagedId) : undefined,
      ].filter((v): v is RecordedKeyVerdict => v !== undefined);
      if (candidates.length === 0) return null;
      return candidates.reduce((a, b) => (b.recordedAt > a.recordedAt ? b : a));
    },
    all() {
      return { byStagedId: Object.fromEntries(byStagedId), bySourceId: Object.fromEntries(bySourceId) };
    },
  };
}
