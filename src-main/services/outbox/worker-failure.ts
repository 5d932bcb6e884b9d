/**
 * The outbox worker's failure handling: what a failed attempt becomes (sign in, rejected,
 * retried later with backoff, Retry-After winning) and the rescue of an attempt that broke.
 */
import { findNameHolder } from '../langwatch/name-holder';
import { retryDelayMs } from './backoff';
import { classifyFailure, mayBeNameTaken, nameTakenFailure, type FailureClass } from './classify';
import type { OutboxEntry } from './entry';
import { repeatedServerError, repeatedServerErrorMessage } from './failure-messages';
import { transition } from './transitions';
import type { WorkerContext } from './worker-types';

/** Records failed attempts (see createFailureHandler). */
export interface FailureHandler {
  /** Moves an entry whose attempt threw to the state the failure calls for. */
  fail(id: string, error: unknown): Promise<void>;
  /** Puts an entry still `submitting` after its attempt back to waiting (possibly created). */
  rescue(id: string): void;
}

/** Creates the failure handling of the worker. */
export function createFailureHandler(context: WorkerContext): FailureHandler {
  const { options, apply } = context;
  const { store, clock, log } = options;

  /**
   * Whatever happened inside an attempt (a broken answer, a record that could not be written),
   * an entry never stays `submitting` with its key held: it goes back to waiting, as possibly
   * created (a reconcile comes first), with a calm error.
   */
  function rescue(id: string): void {
    const current = store.get(id);
    if (!current || current.state !== 'submitting' || context.isStopped()) return;
    try {
      const error = {
        code: 'internal' as const,
        message: 'The last attempt failed in an unexpected way; the console will try again.',
      };
      store.putLater(
        transition(
          current,
          {
            type: 'retry_later',
            error,
            delayMs: retryDelayMs(current.attempts, { random: options.random }),
            maybeCreated: true,
          },
          clock.now(),
        ),
      );
      options.onChange();
    } catch (error) {
      log.error('could not put an entry back to waiting', { stagedId: id, error: error as Error });
    }
  }

  /**
   * A 500 on a create or rename may be LangWatch's unique name index: look for the holder
   * (live, or archived among the sources this console knows) before treating it as a retry.
   */
  async function nameTakenClass(entry: OutboxEntry, error: unknown): Promise<FailureClass | null> {
    if (!mayBeNameTaken(error)) return null;
    const knownIds = store
      .all()
      .filter((e) => e.organizationId === entry.organizationId && e.sourceId)
      .map((e) => e.sourceId!);
    try {
      const api = await options.auth.apiFor(entry.profileId);
      const holder = await findNameHolder(api, {
        organizationId: entry.organizationId,
        name: entry.name,
        exceptId: entry.sourceId,
        knownIds,
      });
      // A live holder of a create's name is left to the lost-create reconcile, which adopts it
      // only when it carries this entry's marker (duplicate_name otherwise).
      if (!holder || (entry.kind === 'create' && holder.archivedAt === null)) return null;
      return nameTakenFailure(entry.name, holder);
    } catch (lookupError) {
      log.warn('could not check whether the name is taken', { stagedId: entry.id, error: lookupError });
      return null;
    }
  }

  async function fail(id: string, error: unknown): Promise<void> {
    // Stopping aborts requests: the record stays `submitting`, and the next start resumes it
    // as possibly created (reconciled before any retry).
    if (context.isStopped()) return;
    const current = store.get(id);
    if (!current || current.state !== 'submitting') {
      log.error('outbox attempt failed after its entry moved on', { stagedId: id, error });
      return;
    }
    const failure = (await nameTakenClass(current, error)) ?? classifyFailure(error);
    log.info('outbox attempt failed', { stagedId: id, outcome: failure.kind, code: failure.error.code });
    if (failure.kind === 'sign_in') {
      // The worker waits for the owner's sign-in once this attempt has finished.
      await apply(id, { type: 'needs_sign_in', error: failure.error });
    } else if (failure.kind === 'reject') {
      await apply(id, { type: 'rejected', error: failure.error });
    } else if (repeatedServerError(current, failure.error)) {
      // The contract leaves a duplicate name "probably 500"; one that the list cannot show
      // (an archived source keeps its name) would fail forever. Stop and say so.
      await apply(id, { type: 'rejected', error: repeatedServerErrorMessage(current.kind, current.attempts) });
    } else {
      if (failure.network) options.network?.reportNetworkFailure(error);
      else options.network?.reportSuccess();
      const delayMs = retryDelayMs(current.attempts, { retryAfterSec: failure.retryAfterSec, random: options.random });
      await apply(id, {
        type: 'retry_later',
        error: failure.error,
        delayMs,
        maybeCreated: failure.ambiguous,
        offline: failure.network,
      });
    }
  }

  return { fail, rescue };
}
