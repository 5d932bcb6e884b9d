/** Atomic JSON persistence for `--data FILE` (temp file, fsync, rename), plus the file's sealing keys. */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Snapshot } from './store';

export interface Keys {
  sealKey: Buffer;
  cookieSecret: Buffer;
}

/** Writes a file atomically: temp file in the same folder, fsync, rename, fsync the folder. */
export async function writeAtomic(file: string, text: string, mode = 0o600): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fh = await open(tmp, 'w', mode);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
  try {
    const dir = await open(dirname(file), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    /* some filesystems refuse fsync on a directory */
  }
}

export function loadSnapshot(file: string): Snapshot | null {
  if (!existsSync(file)) return null;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  if (parsed.version !== 1) throw new Error(`Unsupported emulator data file version in ${file}`);
  return parsed;
}

/** The sealing key and cookie secret live next to the data file (`FILE.key`, mode 0600), never inside it. */
export async function loadOrCreateKeys(file: string | undefined): Promise<Keys> {
  if (!file) return { sealKey: randomBytes(32), cookieSecret: randomBytes(32) };
  const keyFile = `${file}.key`;
  if (existsSync(keyFile)) {
    const k = JSON.parse(readFileSync(keyFile, 'utf8')) as { sealKey: string; cookieSecret: string };
    return { sealKey: Buffer.from(k.sealKey, 'base64'), cookieSecret: Buffer.from(k.cookieSecret, 'base64') };
  }
  const keys = { sealKey: randomBytes(32), cookieSecret: randomBytes(32) };
  await writeAtomic(
    keyFile,
    JSON.stringify({ sealKey: keys.sealKey.toString('base64'), cookieSecret: keys.cookieSecret.toString('base64') }),
  );
  return keys;
}

/** Debounced, serialised saver: at most one write in flight, the latest state always ends up on disk. */
export class Saver {
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  constructor(
    private file: string,
    private snapshot: () => Snapshot,
    private delayMs = 50,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delayMs);
    this.timer.unref();
  }

  /** Writes now (after any write in flight). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const text = JSON.stringify(this.snapshot());
    this.chain = this.chain
      .then(() => writeAtomic(this.file, text))
      .catch((e: unknown) => {
        process.stderr.write(`[emulator] could not save ${this.file}: ${e instanceof Error ? e.message : String(e)}\n`);
      });
    return this.chain;
  }
}
