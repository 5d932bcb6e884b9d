/**
 * Copying a revealed secret (or a snippet carrying it) to the system clipboard, and clearing
 * it again after a stated time (CLIPBOARD_CLEAR_MS), from main: the renderer need not keep
 * the value to clear it later. Only what this console wrote is cleared: if the person copied
 * something else meanwhile, it is left alone. Main keeps a hash of what it wrote, not the text.
 */
import { createHash } from 'node:crypto';
import { CLIPBOARD_CLEAR_MS } from '../../../src-shared/domain/ingest-secret';
import { AppError } from '../../../src-shared/errors';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';

/** The system clipboard (Electron's in the app, a fake in the harness and unit tests). */
export interface ClipboardPort {
  writeText(text: string): void | Promise<void>;
  readText(): string | Promise<string>;
  clear(): void | Promise<void>;
}

/** Where no clipboard exists (plain Node without a port): copying says so. */
export const NO_CLIPBOARD: ClipboardPort = {
  writeText() {
    throw new AppError('internal', 'This console has no clipboard to copy to; select the text and copy it by hand.');
  },
  readText: () => '',
  clear() {},
};

/** Copies with a clear after {@link CLIPBOARD_CLEAR_MS}. */
export interface SecretClipboard {
  /** Writes `text`; resolves with when it will be cleared. */
  copy(text: string): Promise<{ clearsAt: string; clearAfterMs: number }>;
  /** Clears now what this console wrote and is still there (quitting), and stops the timer. */
  close(): Promise<void>;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** Creates the clipboard writer over `port`. */
export function createSecretClipboard(options: { port: ClipboardPort; clock: Clock; log: Logger }): SecretClipboard {
  const { port, clock, log } = options;
  let written: string | null = null; // hash of what we wrote
  let timer: unknown = null;

  async function clearIfOurs(): Promise<void> {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    const ours = written;
    written = null;
    if (ours === null) return;
    try {
      if (digest(await port.readText()) === ours) await port.clear();
    } catch (error) {
      log.warn('clipboard not cleared', { error: error as Error });
    }
  }

  return {
    async copy(text) {
      await port.writeText(text);
      written = digest(text);
      if (timer !== null) clock.clearTimeout(timer);
      timer = clock.setTimeout(() => void clearIfOurs(), CLIPBOARD_CLEAR_MS);
      return {
        clearsAt: new Date(clock.now() + CLIPBOARD_CLEAR_MS).toISOString(),
        clearAfterMs: CLIPBOARD_CLEAR_MS,
      };
    },
    close: clearIfOurs,
  };
}
