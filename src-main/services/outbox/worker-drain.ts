/**
 * The follow-up of submitted entries, off the worker's slots: records, key wipes, history,
 * then the `onSubmitted` subscribers.
 */
import { type OutboxEntry } from './entry';
import { wipeStagedKey } from './wipe';
import type { WorkerContext, WorkerHistoryHook } from './worker-types';

/** The queue of submitted entries waiting for their follow-up. */
export interface SubmittedDrain {
  /** Marks an entry submitted and queues its follow-up. */
  succeed(id: string, sourceId: string, adopted: boolean): Promise<void>;
  /** The follow-up in progress, if any. */
  current(): Promise<void> | null;
}

/**
 * Creates the drain; `track` counts its work as in flight, `settled` runs once the queue is
 * empty (the worker checks whether it is idle).
 */
export function createSubmittedDrain(
  context: WorkerContext,
  afterSubmit: WorkerHistoryHook,
  hooks: { track(work: Promise<void>): void; settled(): void },
): SubmittedDrain {
  const { options, apply } = context;
  const { store, secrets, log } = options;
  const finished: OutboxEntry[] = [];
  let draining: Promise<void> | null = null;

  async function succeed(id: string, sourceId: string, adopted: boolean): Promise<void> {
    const done = await apply(id, { type: 'succeeded', sourceId, adopted });
    options.network?.reportSuccess();
    finished.push(done);
    if (!draining) startDrain();
  }

  function startDrain(): void {
    draining = drainFinished().finally(() => {
      draining = null;
      if (finished.length > 0) startDrain();
      else hooks.settled();
    });
    hooks.track(draining);
  }

  /**
   * The server has the keys: the slots are already free, and the rest happens off them, in
   * batches and in order — the records reach the disk (one write), then each key is wiped
   * (one keychain write at a time), then the history. A crash before the records are durable
   * is safe: a resumed create is reconciled (and adopted) before anything is sent again, and
   * a resumed update re-sends the same values; a key left behind is removed by the sweep.
   */
  async function drainFinished(): Promise<void> {
    while (finished.length > 0) {
      const batch = finished.splice(0);
      try {
        await store.put();
      } catch (error) {
        log.error('could not save submitted entries; their keys stay until the next start reconciles them', { error });
        continue;
      }
      for (const done of batch) {
        if (done.sendsKey)
          await wipeStagedKey({ secrets, log }, done.id, 'submitted').catch((error) =>
            log.error('could not wipe a submitted key', { stagedId: done.id, error }),
          );
      }
      await Promise.all(
        batch.map((done) =>
          afterSubmit(done).catch((error) => log.warn('could not record source history', { stagedId: done.id, error })),
        ),
      );
      for (const done of batch) {
        log.info('outbox entry submitted', {
          stagedId: done.id,
          sourceId: done.sourceId,
          adopted: done.adopted,
          kind: done.kind,
        });
        options.onSubmitted(done);
      }
    }
  }

  return { succeed, current: () => draining };
}
