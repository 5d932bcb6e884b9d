import { readFile, rename, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { systemClock, type Clock } from '../clock';
import { createNullLogger, type Logger } from '../logging/logger';
import { writeFileAtomic } from './atomic-write';
import { enqueueForFile } from './file-queue';

/** Options of {@link createJsonFile}. */
export interface JsonFileOptions<T> {
  path: string;
  /** Validates on every read and write; its output type is the document type. */
  schema: z.ZodType<T>;
  /** What a missing file reads as (a function to get a fresh object each time). */
  defaults: T | (() => T);
  /**
   * A damaged file is always moved aside to `<name>.corrupt-<timestamp>`; then `throw`
   * (default) raises `storage.corrupt`, `reset` logs it and returns the defaults.
   */
  onCorrupt?: 'throw' | 'reset';
  /** Told about a damaged file (after it was moved aside), so the app can report it. */
  onDamaged?: (error: AppError) => void;
  log?: Logger;
  /** Used for the timestamp of a corrupt copy's name. */
  clock?: Clock;
}

/** A zod-validated JSON document on disk, written atomically, one writer at a time. */
export interface JsonFile<T> {
  readonly path: string;
  /** The document, the defaults when the file does not exist. */
  read(): Promise<T>;
  /** Validates and replaces the document. */
  write(value: T): Promise<void>;
  /** Read-modify-write as one queued step; returns what was written. */
  update(fn: (current: T) => T | Promise<T>): Promise<T>;
}

type IssueSummary = { path: string; message: string };

// Paths and messages only: an issue's input value could be anything, including a secret.
function summariseIssues(error: z.ZodError): IssueSummary[] {
  return error.issues.slice(0, 10).map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
}

function corruptSuffix(now: number): string {
  // ISO without ':' so the name is valid on Windows too.
  return new Date(now).toISOString().replace(/:/g, '-');
}

function ioError(action: string, path: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
  return new AppError(
    'storage.io',
    `Could not ${action} ${path} (${code}). Check the free disk space and that this folder is writable: ${dirname(path)}.`,
    { path, errno: code },
  );
}

/**
 * Creates a JSON document store for one file: validated with `schema` on read and write,
 * written atomically (0600, directory 0700), all operations on the file serialised.
 */
export function createJsonFile<T>(options: JsonFileOptions<T>): JsonFile<T> {
  const { path, schema } = options;
  const name = basename(path);
  const log = options.log ?? createNullLogger();
  const clock = options.clock ?? systemClock;
  const freshDefaults = (): T =>
    typeof options.defaults === 'function' ? (options.defaults as () => T)() : structuredClone(options.defaults);

  async function moveAside(): Promise<string> {
    let target = `${path}.corrupt-${corruptSuffix(clock.now())}`;
    // Two corruptions within a millisecond must not overwrite the first copy.
    for (let n = 1; await exists(target); n++) target = `${path}.corrupt-${corruptSuffix(clock.now())}-${n}`;
    await rename(path, target);
    return target;
  }

  async function handleCorrupt(reason: 'invalid_json' | 'schema', issues?: IssueSummary[]): Promise<T> {
    let movedTo: string;
    try {
      movedTo = await moveAside();
    } catch (error) {
      throw ioError('move aside the damaged file', path, error);
    }
    const what = reason === 'invalid_json' ? 'is not valid JSON' : 'does not have the expected shape';
    const error = new AppError(
      'storage.corrupt',
      `The file ${name} ${what}. It was moved aside to ${movedTo} (restore or inspect it from there); ` +
        'the app starts again from defaults.',
      issues ? { path, movedTo, reason, issues } : { path, movedTo, reason },
    );
    log.warn(`json ${name} corrupt, moved aside`, { err: error });
    options.onDamaged?.(error);
    if ((options.onCorrupt ?? 'throw') === 'throw') throw error;
    return freshDefaults();
  }

  async function readNow(): Promise<T> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return freshDefaults();
      throw ioError('read', path, error);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return handleCorrupt('invalid_json');
    }
    const parsed = schema.safeParse(json);
    return parsed.success ? parsed.data : handleCorrupt('schema', summariseIssues(parsed.error));
  }

  async function writeNow(value: T): Promise<T> {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new AppError('invalid_argument', `Refusing to save ${name}: the new content is not valid.`, {
        path,
        issues: summariseIssues(parsed.error),
      });
    }
    try {
      await writeFileAtomic(path, `${JSON.stringify(parsed.data, null, 2)}\n`);
    } catch (error) {
      throw ioError('save', path, error);
    }
    log.debug(`json ${name} written`);
    return parsed.data;
  }

  return {
    path,
    read: () => enqueueForFile(path, readNow),
    write: (value) => enqueueForFile(path, async () => void (await writeNow(value))),
    update: (fn) => enqueueForFile(path, async () => writeNow(await fn(await readNow()))),
  };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
