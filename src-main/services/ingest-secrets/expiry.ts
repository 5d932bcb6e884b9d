/**
 * The end of a kept ingest secret nobody revealed: at its `expiresAt` (7 days after it
 * arrived) the keychain item is deleted and its record dropped; a revealed one's record (kept
 * so a second reveal is refused by name) goes at the same time. A delete the keychain refuses
 * (locked) keeps the record, to try again later: a locked keychain is never taken as "gone".
 * At start, items no record names (a crash between the keychain write and the record) are
 * deleted too, but only once the keychain is proven usable (listing a locked one crashes).
 */
import { ingestSecretAccount, isIngestSecretAccount } from '../secrets/accounts';
import type { KeeperState } from './keeper-state';
import { sameSlot, type IngestSecretRecord } from './record-file';

/** Longest single wait of the expiry timer (a far expiry is planned again on waking). */
const MAX_TIMER_MS = 60 * 60_000;
/** A refused delete is tried again after this long. */
const RETRY_MS = 5 * 60_000;

/** Wipes what has expired; resolves with how many records went. Never throws. */
export async function sweepExpired(state: KeeperState): Promise<number> {
  const { clock, log, secrets } = state.options;
  return state
    .serial(async () => {
      const now = clock.now();
      const due = (await state.records.read()).secrets.filter((r) => Date.parse(r.expiresAt) <= now);
      const gone: IngestSecretRecord[] = [];
      for (const record of due) {
        try {
          if (record.state === 'waiting') await secrets.delete(ingestSecretAccount(record.owner, record.sourceId));
          gone.push(record);
        } catch (error) {
          log.warn('expired ingest secret not wiped yet: the keychain refused; kept for a later try', {
            sourceId: record.sourceId,
            error: error as Error,
          });
        }
      }
      if (gone.length === 0) return 0;
      await state.records.update((doc) => ({
        ...doc,
        secrets: doc.secrets.filter((r) => !gone.some((g) => sameSlot(g, r) && g.receivedAt === r.receivedAt)),
      }));
      log.info('expired ingest secrets wiped', { count: gone.filter((r) => r.state === 'waiting').length });
      state.options.onChange?.();
      return gone.length;
    })
    .catch((error: unknown) => {
      log.error('expiry of ingest secrets failed', { error: error as Error });
      return 0;
    });
}

/** Deletes `ingest:` items no waiting record names, once the keychain is proven to answer. Never throws. */
export async function sweepUnrecorded(state: KeeperState): Promise<number> {
  const { secrets, log } = state.options;
  return state
    .serial(async () => {
      if (!(await state.keychainAnswers())) return 0;
      const waiting = new Set(
        (await state.records.read()).secrets
          .filter((r) => r.state === 'waiting')
          .map((r) => ingestSecretAccount(r.owner, r.sourceId)),
      );
      let deleted = 0;
      for (const account of await secrets.listAccounts())
        if (isIngestSecretAccount(account) && !waiting.has(account) && (await secrets.delete(account))) deleted++;
      if (deleted > 0) log.info('unrecorded ingest secrets wiped', { count: deleted });
      return deleted;
    })
    .catch((error: unknown) => {
      log.warn('unrecorded ingest secrets not swept', { error: error as Error });
      return 0;
    });
}

/** A timer that sweeps at the earliest expiry (at most an hour ahead, then planned again). */
export function createExpiryTimer(state: Omit<KeeperState, 'plan'>, sweep: () => Promise<number>) {
  const { clock } = state.options;
  let handle: unknown = null;
  let closed = false;
  const arm = (ms: number) => {
    if (handle !== null) clock.clearTimeout(handle);
    handle = clock.setTimeout(() => {
      handle = null;
      void sweep().then(plan);
    }, ms);
  };
  function plan(): void {
    if (closed) return;
    void state.records
      .read()
      .then((doc) => {
        if (closed || doc.secrets.length === 0) return;
        const wait = Math.min(...doc.secrets.map((r) => Date.parse(r.expiresAt))) - clock.now();
        // Overdue after a sweep: its delete was refused (locked keychain), so try again later, not at once.
        arm(wait <= 0 ? RETRY_MS : Math.min(MAX_TIMER_MS, wait));
      })
      .catch(() => arm(RETRY_MS));
  }
  return {
    plan,
    close(): void {
      closed = true;
      if (handle !== null) clock.clearTimeout(handle);
      handle = null;
    },
  };
}
