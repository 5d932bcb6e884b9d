import type { Clock } from '../clock';
import { redactSecrets, redactValue } from './redact';

/** Severity, lowest first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Structured facts attached to a line. An `err` (or `error`) field holding an Error is serialised. */
export type LogFields = Record<string, unknown>;

/** One line as written (already redacted): what sinks and the log file receive. */
export interface LogEntry {
  time: string;
  level: LogLevel;
  scope?: string;
  msg: string;
  data?: Record<string, unknown>;
  err?: SerialisedError;
}

/** An Error reduced to what is safe and useful to log. */
export interface SerialisedError {
  name: string;
  code?: unknown;
  message: string;
  details?: unknown;
  stack?: string;
  cause?: SerialisedError | string;
}

/** The logging seam every service takes (`log?: Logger`). Calls never throw and never block. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose lines carry `scope` (nested as `parent.scope`). */
  child(scope: string): Logger;
  /** Resolves once every line logged so far has reached its destination. */
  flush(): Promise<void>;
}

// A runaway message (a whole response body) must not make a line unreadable or huge.
const MAX_MESSAGE_CHARS = 8_000;

function truncate(text: string): string {
  return text.length <= MAX_MESSAGE_CHARS ? text : `${text.slice(0, MAX_MESSAGE_CHARS)}…[truncated]`;
}

/**
 * Reduces an Error to name/code/message (+details), all redacted. The stack only at debug:
 * it is long and may quote inputs, so it is kept for the developer who asked for it.
 */
export function serialiseError(error: unknown, withStack: boolean, depth = 0): SerialisedError | string {
  if (!(error instanceof Error)) return truncate(redactSecrets(String(error)));
  const out: SerialisedError = { name: error.name, message: truncate(redactSecrets(error.message)) };
  const { code, details } = error as { code?: unknown; details?: unknown };
  if (code !== undefined) out.code = redactValue(code);
  if (details !== undefined) out.details = redactValue(details);
  if (withStack && error.stack) out.stack = redactSecrets(error.stack);
  if (error.cause !== undefined && depth < 3) out.cause = serialiseError(error.cause, withStack, depth + 1);
  return out;
}

/**
 * Builds a redacted entry. Redaction happens here, before any sink or file sees the line,
 * so no destination can forget it.
 */
export function buildEntry(
  level: LogLevel,
  scope: string | undefined,
  message: string,
  fields: LogFields | undefined,
  clock: Clock,
  withStack: boolean,
): LogEntry {
  const entry: LogEntry = { time: new Date(clock.now()).toISOString(), level, msg: truncate(redactSecrets(message)) };
  if (scope) entry.scope = scope;
  if (fields) {
    const { err, error, ...rest } = fields;
    const thrown = err ?? error;
    if (thrown !== undefined) {
      const serialised = serialiseError(thrown, withStack);
      entry.err = typeof serialised === 'string' ? { name: 'NonError', message: serialised } : serialised;
    }
    if (Object.keys(rest).length > 0) entry.data = redactValue(rest) as Record<string, unknown>;
  }
  return entry;
}

/** Shared front end of every logger: level filter, scope nesting, redaction, then `emit`. */
export function createLoggerCore(options: {
  level: LogLevel;
  clock: Clock;
  emit: (entry: LogEntry) => void;
  flush: () => Promise<void>;
  scope?: string;
}): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level);
  const withStack = options.level === 'debug';
  const at =
    (level: LogLevel) =>
    (message: string, fields?: LogFields): void => {
      if (LOG_LEVELS.indexOf(level) < threshold) return;
      try {
        options.emit(buildEntry(level, options.scope, message, fields, options.clock, withStack));
      } catch {
        // Logging must never take the app down (e.g. a getter that throws inside fields).
      }
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (scope) => createLoggerCore({ ...options, scope: options.scope ? `${options.scope}.${scope}` : scope }),
    flush: options.flush,
  };
}
