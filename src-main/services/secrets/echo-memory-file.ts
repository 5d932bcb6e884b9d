/**
 * The echo memory of one console, kept across restarts: `<user-data>/echo-hashes.json` holds
 * only keyed hashes of the probes of recently held secrets (echo-memory.ts), at most
 * {@link ECHO_MAX_ENTRIES} of them, none older than {@link ECHO_MAX_AGE_MS}; the hash key is
 * 32 random bytes in the OS keychain (account `echo-hash-key`), never in a file. Without the
 * key the file says nothing about any secret.
 *
 * Without a keychain (or when the key cannot be stored and read back) the memory lasts for
 * this run only and the file is left as it is: it may belong to a key the keychain holds but
 * could not give right now.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import { writeFileAtomic } from '../storage/atomic-write';
import { enqueueForFile } from '../storage/file-queue';
import { ECHO_KEY_ACCOUNT } from './accounts';
import { createEchoMemory, ECHO_MAX_ENTRIES, echoEntrySchema, type EchoMemory } from '../logging/echo-memory';
import type { SecretStore } from './secret-store';

/** File name of the persisted echo memory, in the user-data folder. */
export const ECHO_FILE = 'echo-hashes.json';
/** How long changes gather before the file is written. */
const WRITE_DELAY_MS = 500;

const echoFileSchema = z.object({
  version: z.literal(1),
  /** Which hash key wrote the entries (a hash of it): entries of another key are dropped. */
  keyId: z.string().max(64),
  entries: z.array(echoEntrySchema).max(ECHO_MAX_ENTRIES),
});
type EchoFile = z.infer<typeof echoFileSchema>;

/** A persisted echo memory; `flush` waits for the file to hold every change made so far. */
export interface PersistedEchoMemory extends EchoMemory {
  readonly persistent: boolean;
  flush(): Promise<void>;
}

const HEX_KEY = /^[0-9a-f]{64}$/;

/** The hash key from the keychain, created there on first use; null when it cannot be kept there. */
async function keychainKey(secrets: SecretStore, log: Logger): Promise<Buffer | null> {
  try {
    const stored = await secrets.get(ECHO_KEY_ACCOUNT);
    if (stored !== null && HEX_KEY.test(stored)) return Buffer.from(stored, 'hex');
    const fresh = randomBytes(32).toString('hex');
    await secrets.set(ECHO_KEY_ACCOUNT, fresh);
    if ((await secrets.get(ECHO_KEY_ACCOUNT)) === fresh) return Buffer.from(fresh, 'hex');
  } catch (error) {
    log.warn('echo memory key not in the keychain: wiped keys are recognised in this run only', {
      err: error as Error,
    });
  }
  return null;
}

/** The stored document; null when there is none or it is damaged (then it is rewritten whole). */
async function readEchoFile(path: string, log: Logger): Promise<EchoFile | null> {
  try {
    const parsed = echoFileSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    if (parsed.success) return parsed.data;
    log.warn('echo memory file damaged: starting empty');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      log.warn('echo memory file unreadable: starting empty', { err: error as Error });
  }
  return null;
}

/** Opens the echo memory of the console whose user-data folder is `userDataDir`. */
export async function openEchoMemory(options: {
  secrets: SecretStore;
  userDataDir: string;
  clock: Clock;
  log: Logger;
}): Promise<PersistedEchoMemory> {
  const { clock, log } = options;
  const now = () => clock.now();
  const key = await keychainKey(options.secrets, log);
  if (key === null) {
    const memory = createEchoMemory({ key: randomBytes(32), now });
    return { ...memory, persistent: false, flush: async () => undefined };
  }
  const keyId = createHmac('sha256', key).update('lwc-echo-key-id').digest('base64url').slice(0, 22);
  const path = join(options.userDataDir, ECHO_FILE);
  const stored = await readEchoFile(path, log);
  let timer: unknown = null;
  let writing: Promise<void> = Promise.resolve();
  const writeNow = () => {
    timer = null;
    const doc: EchoFile = { version: 1, keyId, entries: memory.entries() };
    // Hashes the console made, nothing a server sent: no scan for secrets needed (it would cost
    // a full pass over up to ~200 kB per write).
    writing = enqueueForFile(path, () =>
      writeFileAtomic(path, `${JSON.stringify(doc)}\n`, { noServerText: true }),
    ).catch((error: unknown) => log.warn('echo memory file not written', { err: error as Error }));
  };
  const memory: EchoMemory = createEchoMemory({
    key,
    now,
    entries: stored?.keyId === keyId ? stored.entries : [],
    // One write for a burst of changes (a flush wipes many keys); live secrets were written
    // when they were stored, so a crash inside the delay loses no secret that was never written.
    onChange: () => {
      if (timer === null) timer = clock.setTimeout(writeNow, WRITE_DELAY_MS);
    },
  });
  const flush = async () => {
    if (timer !== null) {
      clock.clearTimeout(timer);
      writeNow();
    }
    await writing;
  };
  return { ...memory, persistent: true, flush };
}
