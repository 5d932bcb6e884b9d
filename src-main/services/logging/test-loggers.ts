import { systemClock, type Clock } from '../clock';
import { createLoggerCore, type LogEntry, type Logger, type LogLevel } from './log-entry';

/** A logger that drops everything: the default `log` of services and a filler in tests. */
export function createNullLogger(): Logger {
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    child: () => logger,
    flush: () => Promise.resolve(),
  };
  return logger;
}

/** A logger that keeps its (redacted) entries in memory, for asserting on what was logged. */
export interface MemoryLogger extends Logger {
  readonly entries: LogEntry[];
  /** Every entry as the JSON line the file logger would write, joined by newlines. */
  text(): string;
}

/** Creates a {@link MemoryLogger}; default level `debug` so tests see everything. */
export function createMemoryLogger(options: { level?: LogLevel; clock?: Clock } = {}): MemoryLogger {
  const entries: LogEntry[] = [];
  const core = createLoggerCore({
    level: options.level ?? 'debug',
    clock: options.clock ?? systemClock,
    emit: (entry) => entries.push(entry),
    flush: () => Promise.resolve(),
  });
  return { ...core, entries, text: () => entries.map((e) => JSON.stringify(e)).join('\n') };
}
