/**
 * The identity of a user-data folder, kept inside it (`keychain-identity.json`: a random id and
 * the path it was created at), so the keychain namespace (`lwc-<id>`) moves with the folder.
 * Before this file existed, the namespace was a hash of the folder's path: a moved folder lost
 * every key and sign-in, and a copy could take the original's accounts.
 *
 * The rule, at every start (no secret is involved, so this is plain file work):
 * - no identity file: a new random id is written, with this path;
 * - the file names this path: it is this folder's identity;
 * - it names another path, and that path no longer holds a folder with the same id: the folder
 *   was **moved** (or the original is gone): the id is kept, the path updated;
 * - it names another path that still holds a folder with the same id: this is a **copy**. It
 *   gets a new id of its own, so it never reads, sweeps or deletes the original's accounts
 *   (its copied entries then show their keys missing, and it starts signed out).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** The file, next to outbox.json. */
export const IDENTITY_FILE = 'keychain-identity.json';

const IdentityFile = z
  .object({ version: z.literal(1), id: z.string().regex(/^[0-9a-f]{16}$/), path: z.string().min(1) })
  .strict();
type IdentityFile = z.infer<typeof IdentityFile>;

/** What the folder is, and how that was decided. */
export interface InstanceIdentity {
  /** The keychain namespace of this folder: `lwc-<id>`. */
  namespace: string;
  /** `unwritable`: the file could not be written; the path-derived namespace is used instead. */
  how: 'created' | 'same_path' | 'moved' | 'copied' | 'unwritable';
}

/** The folder's resolved path (symlinks resolved; as it will be when not created yet). */
export function folderPath(userDataDir: string): string {
  const dir = resolve(userDataDir);
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

function read(dir: string): IdentityFile | null {
  try {
    return IdentityFile.parse(JSON.parse(readFileSync(join(dir, IDENTITY_FILE), 'utf8')));
  } catch {
    return null; // missing or damaged: a damaged file cannot prove whose accounts it names
  }
}

function write(dir: string, identity: IdentityFile): void {
  const path = join(dir, IDENTITY_FILE);
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(identity)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

const fresh = (path: string): IdentityFile => ({ version: 1, id: randomBytes(8).toString('hex'), path });

/**
 * The namespace older versions derived from the folder's path. Still read at start (its
 * accounts this folder vouches for move over), and used when the identity cannot be written.
 */
export function pathNamespace(userDataDir: string): string {
  return `lwc-${createHash('sha256').update(folderPath(userDataDir)).digest('hex').slice(0, 16)}`;
}

/** Reads (and when needed writes) the identity of the folder `userDataDir`; see the rule above. */
export function resolveInstanceIdentity(userDataDir: string): InstanceIdentity {
  const path = folderPath(userDataDir);
  const found = read(path);
  let identity: IdentityFile;
  let how: InstanceIdentity['how'];
  if (!found) {
    identity = fresh(path);
    how = 'created';
  } else if (found.path === path) {
    identity = found;
    how = 'same_path';
  } else if (read(found.path)?.id === found.id) {
    identity = fresh(path); // the original is still there, with this id: we are its copy
    how = 'copied';
  } else {
    identity = { ...found, path };
    how = 'moved';
  }
  if (how !== 'same_path') {
    try {
      write(path, identity);
    } catch {
      // A new id that is not on disk would be a new namespace at every start: keep the old rule.
      return { namespace: pathNamespace(path), how: 'unwritable' };
    }
  }
  return { namespace: `lwc-${identity.id}`, how };
}
