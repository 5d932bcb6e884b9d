import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { knownSecrets } from '../logging/known-secrets';

/** Options of {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** Mode of the file (default 0600: these files are the user's own business). */
  fileMode?: number;
  /** Mode of directories created on the way (default 0700). */
  dirMode?: number;
  /** The data holds no server text (hashes the console made): skip the scan for known secrets. */
  noServerText?: boolean;
}

/**
 * Replaces `path` with `data` so that a crash at any point leaves either the old or the new
 * content, never a mix: temp file in the same directory (same filesystem, so rename is atomic),
 * fsync it, rename over the target, fsync the directory so the rename itself is durable.
 * Every record goes through here, so a live secret a server echoed into a record (an error
 * message, a field error) is replaced by value on its way to the disk.
 */
export async function writeFileAtomic(path: string, data: string, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: options.dirMode ?? 0o700 });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', options.fileMode ?? 0o600);
    try {
      await handle.writeFile(options.noServerText ? data : knownSecrets.redactText(data), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await fsyncDirectory(dir);
}

// Windows reports EPERM/EBUSY while a scanner or indexer briefly holds the target open.
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 4 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
    }
  }
}

/** fsync a directory; a no-op where directories cannot be opened (Windows). */
export async function fsyncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EACCES' && code !== 'EINVAL') throw error;
  } finally {
    await handle?.close();
  }
}
