import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { appendFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Options of {@link createRotatingFile}. */
export interface RotatingFileOptions {
  dir: string;
  fileName: string;
  /** Rotate before a write would take the current file past this size. */
  maxBytes: number;
  /** Files kept in total: `name`, `name.1` … `name.<maxFiles-1>`. */
  maxFiles: number;
  /** Where a write failure is reported (it must not throw into the caller). */
  onError?: (error: unknown) => void;
}

/** A buffered, size-rotated append-only text file. */
export interface RotatingFile {
  /** Queues text; it is written on the next tick, in order. */
  append(text: string): void;
  /** Resolves when everything appended so far is on disk. */
  flush(): Promise<void>;
  /** Writes the rest synchronously: for a crash handler that cannot await. */
  flushSync(): void;
}

/**
 * Appends are batched into one write per tick (logging stays cheap on the main process),
 * written through a single promise chain so lines never interleave or reorder.
 */
export function createRotatingFile(options: RotatingFileOptions): RotatingFile {
  const path = join(options.dir, options.fileName);
  let buffer: string[] = [];
  let size: number | undefined; // learnt from disk on the first write
  let chain: Promise<void> = Promise.resolve();
  let scheduled = false;

  const report = (error: unknown): void => {
    try {
      options.onError?.(error);
    } catch {
      // nowhere left to report to
    }
  };

  const rotatedPath = (n: number): string => (n === 0 ? path : `${path}.${n}`);

  async function rotate(): Promise<void> {
    await rm(rotatedPath(options.maxFiles - 1), { force: true });
    for (let n = options.maxFiles - 2; n >= 0; n--) {
      await rename(rotatedPath(n), rotatedPath(n + 1)).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
    }
    size = 0;
  }

  async function writeBatch(): Promise<void> {
    scheduled = false;
    if (buffer.length === 0) return;
    const text = buffer.join('');
    buffer = [];
    const bytes = Buffer.byteLength(text);
    try {
      if (size === undefined) {
        await mkdir(options.dir, { recursive: true, mode: 0o700 });
        size = await stat(path).then(
          (s) => s.size,
          () => 0,
        );
      }
      if (size > 0 && size + bytes > options.maxBytes) await rotate();
      await appendFile(path, text, { mode: 0o600 });
      size += bytes;
    } catch (error) {
      size = undefined; // re-learn from disk next time (the dir may have been removed)
      report(error);
    }
  }

  return {
    append(text) {
      buffer.push(text);
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => {
        chain = chain.then(writeBatch);
      });
    },
    flush() {
      chain = chain.then(writeBatch);
      return chain;
    },
    flushSync() {
      if (buffer.length === 0) return;
      const text = buffer.join('');
      buffer = [];
      try {
        mkdirSync(options.dir, { recursive: true, mode: 0o700 });
        let current = size ?? statSafe(path);
        const bytes = Buffer.byteLength(text);
        if (current > 0 && current + bytes > options.maxBytes) {
          rmSync(rotatedPath(options.maxFiles - 1), { force: true });
          for (let n = options.maxFiles - 2; n >= 0; n--) renameSafe(rotatedPath(n), rotatedPath(n + 1));
          current = 0;
        }
        appendFileSync(path, text, { mode: 0o600 });
        size = current + bytes;
      } catch (error) {
        report(error);
      }
    },
  };
}

function statSafe(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function renameSafe(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
