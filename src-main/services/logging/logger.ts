import { systemClock, type Clock } from '../clock';
import { createLoggerCore, type LogEntry, type Logger, type LogLevel } from './log-entry';
import { createRotatingFile } from './rotating-file';

export type { LogEntry, LogFields, Logger, LogLevel, SerialisedError } from './log-entry';
export { createMemoryLogger, createNullLogger, type MemoryLogger } from './test-loggers';

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  /** Directory of `console.log` (the app passes `<userData>/logs`); created 0700. */
  dir: string;
  /** Lowest level written; default `info`. At `debug`, errors carry their (redacted) stack. */
  level?: LogLevel;
  clock?: Clock;
  /** Also receives every entry, already redacted (dev console, diagnostics view). */
  sink?: (entry: LogEntry, line: string) => void;
  /** Rotation threshold per file; default 5 MB. */
  maxBytes?: number;
  /** Files kept in total, current one included; default 3. */
  maxFiles?: number;
}

/** The app logger: a logger plus the shutdown hooks only the app's owner should call. */
export interface AppLogger extends Logger {
  /** Writes what is still buffered synchronously (crash handlers, `process.on('exit')`). */
  flushSync(): void;
}

/** The log file's name inside `dir`. */
export const LOG_FILE_NAME = 'console.log';

/**
 * Creates the JSON-lines logger writing to `<dir>/console.log`, rotated at `maxBytes`.
 * Every message and field is redacted before it reaches the sink or the file.
 */
export function createLogger(options: CreateLoggerOptions): AppLogger {
  const file = createRotatingFile({
    dir: options.dir,
    fileName: LOG_FILE_NAME,
    maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
    maxFiles: Math.max(1, options.maxFiles ?? 3),
    // A broken disk must not crash the app through its logger; stderr is the last resort.
    onError: (error) => process.stderr.write(`logger: cannot write log file (${(error as Error).message})\n`),
  });
  const sink = options.sink;
  const core = createLoggerCore({
    level: options.level ?? 'info',
    clock: options.clock ?? systemClock,
    emit: (entry) => {
      const line = JSON.stringify(entry);
      file.append(`${line}\n`);
      if (sink) {
        try {
          sink(entry, line);
        } catch {
          // a failing sink must not lose the file line or throw into the caller
        }
      }
    },
    flush: () => file.flush(),
  });
  return { ...core, flushSync: () => file.flushSync() };
}
