/**
 * The outbox records in `<userData>/outbox.json`: kept in memory, written durably (temp
 * file + fsync + rename + directory fsync) with group commit, so many entries changing at
 * once cost one write, and a caller's `put` resolves only once its change is on disk.
 */
import { join } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import { createJsonFile, type JsonFile } from '../storage/json-file';
import { writeFileAtomic } from '../storage/atomic-write';
import { OutboxFile, type OutboxEntry } from './entry';

/** File name of the outbox inside the user-data folder. */
export const OUTBOX_FILE_NAME = 'outbox.json';

/** In-memory view of the outbox file with durable writes. */
export interface OutboxStore {
  readonly path: string;
  /** Loads the file (a damaged one is moved aside and the outbox starts empty, logged). */
  load(): Promise<void>;
  /** True when the last load found the file damaged (its records, and whose keys are whose, are unknown). */
  damaged(): boolean;
  get(id: string): OutboxEntry | undefined;
  all(): OutboxEntry[];
  /** Inserts or replaces entries; resolves once they are durably written. */
  put(...entries: OutboxEntry[]): Promise<void>;
  /** Replaces an entry in memory; it reaches the disk with the next write. */
  putLater(entry: OutboxEntry): void;
  /** Takes back an entry whose first write failed (disk full): it was never staged. */
  drop(id: string): void;
}

/** Creates the store for `<userDataDir>/outbox.json`. */
export function createOutboxStore(options: {
  userDataDir: string;
  log: Logger;
  clock: Clock;
  onDamaged?: (error: AppError) => void;
}): OutboxStore {
  let damaged = false;
  const path = join(options.userDataDir, OUTBOX_FILE_NAME);
  const file: JsonFile<OutboxFile> = createJsonFile({
    path,
    schema: OutboxFile,
    defaults: () => ({ version: 1 as const, entries: [] }),
    onCorrupt: 'reset',
    onDamaged: (error) => {
      damaged = true;
      options.onDamaged?.(error);
    },
    log: options.log,
    clock: options.clock,
  });
  const entries = new Map<string, OutboxEntry>();
  // Each record's JSON, kept in step with `entries` (same keys, same order): a flush of 200
  // keys writes the file hundreds of times, and re-serialising only the changed record keeps
  // each write proportional to what changed, not to the whole outbox.
  const serialized = new Map<string, string>();
  function remember(entry: OutboxEntry): void {
    entries.set(entry.id, entry);
    serialized.set(entry.id, JSON.stringify(entry));
  }
  // Group commit: one write in flight; changes made meanwhile ride on the next write.
  let writing: Promise<void> | null = null;
  let pending: { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | null = null;

  /** The file's text: the same bytes as `JSON.stringify({ version: 1, entries })`. */
  function snapshot(): string {
    return `{"version":1,"entries":[${[...serialized.values()].join(',')}]}\n`;
  }

  async function writeNow(): Promise<void> {
    try {
      await writeFileAtomic(path, snapshot());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
      throw new AppError(
        'storage.io',
        `Could not save the outbox (${code}). Check the free disk space of ${options.userDataDir}.`,
        { errno: code },
      );
    }
  }

  function flush(): Promise<void> {
    if (!writing) {
      writing = writeNow().finally(() => {
        writing = null;
        if (pending) {
          const waiting = pending;
          pending = null;
          flush().then(waiting.resolve, waiting.reject);
        }
      });
      return writing;
    }
    if (!pending) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      pending = { promise, resolve, reject };
    }
    return pending.promise;
  }

  return {
    path,
    async load() {
      const doc = await file.read();
      entries.clear();
      serialized.clear();
      for (const entry of doc.entries) remember(entry);
    },
    damaged: () => damaged,
    get: (id) => entries.get(id),
    all: () => [...entries.values()],
    drop(id) {
      entries.delete(id);
      serialized.delete(id);
    },
    putLater(entry) {
      remember(OutboxFileEntryCheck(entry));
    },
    put(...changed) {
      for (const entry of changed) remember(OutboxFileEntryCheck(entry));
      return flush();
    },
  };
}

// Every record is validated before it can reach the disk: a bug must never persist junk
// (or anything that is not in the schema, such as a key).
function OutboxFileEntryCheck(entry: OutboxEntry): OutboxEntry {
  const parsed = OutboxFile.shape.entries.element.safeParse(entry);
  if (!parsed.success) {
    throw new AppError('internal', 'Refusing to save an outbox record that does not match its schema.', {
      issues: parsed.error.issues.slice(0, 5).map((i) => i.path.join('.')),
    });
  }
  return parsed.data;
}
