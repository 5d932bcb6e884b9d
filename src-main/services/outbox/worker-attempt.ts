/**
 * One attempt of the outbox worker: the binding check, the staged secret unit, the key check
 * (compliance keys), the reconcile of a possibly-created entry, then the request itself.
 */
import { checkBinding } from './binding';
import type { OutboxEntry } from './entry';
import { adoptRefusedError, nameTakenError } from './failure-messages';
import { keyCheckStep } from './key-check-step';
import { createSharedLister, matchLostCreate } from './reconcile';
import { complianceKeyOf, type SecretUnit } from './secret-unit';
import { readStagedUnit } from './staged-key';
import { submitEntry, updateSource } from './submit';
import type { FailureHandler } from './worker-failure';
import type { SubmittedDrain } from './worker-drain';
import type { KeychainWait } from './worker-keychain-wait';
import type { WorkerContext } from './worker-types';

/** Runs one attempt of an entry; every failure is recorded, none is thrown. */
export type Attempt = (id: string, signal: AbortSignal) => Promise<void>;

/** Creates the attempt runner; it records outcomes through `drain` and `failures`. */
export function createAttempt(
  context: WorkerContext,
  drain: Pick<SubmittedDrain, 'succeed'>,
  failures: Pick<FailureHandler, 'fail'>,
  keychainWait: Pick<KeychainWait, 'paused'>,
): Attempt {
  const { options, apply } = context;
  const { store, secrets, clock, log } = options;
  const { succeed } = drain;
  const { fail } = failures;
  const lister = createSharedLister(
    async (profileId, orgId) => (await options.auth.apiFor(profileId)).listSources(orgId),
    clock.now,
  );

  // The automatic key check tests a compliance key; other types have checks of their own.
  const runKeyCheck = (entry: OutboxEntry, unit: SecretUnit, signal: AbortSignal) => {
    const key = entry.sourceType === 'claude_compliance' ? complianceKeyOf(unit) : null;
    if (key === null) return Promise.resolve('go' as const);
    return keyCheckStep({ settings: options.settings, checkKey: options.checkKey, clock, apply }, entry, key, signal);
  };

  async function attempt(id: string, signal: AbortSignal): Promise<void> {
    let entry = await apply(id, { type: 'attempt_started' });
    try {
      const binding = await checkBinding(entry, options.auth, signal);
      if (binding.kind === 'reject') {
        await apply(id, { type: 'rejected', error: binding.error });
        return;
      }
      if (binding.kind === 'wait_for_owner') {
        await apply(id, { type: 'needs_sign_in', error: binding.error });
        return;
      }
      let unit: SecretUnit | null = null;
      if (entry.sendsKey) {
        const read = await readStagedUnit(secrets, id, entry.sourceType);
        if (read.kind === 'unavailable') {
          // Locked, a dismissed prompt, no Secret Service: the unit is kept, the entry waits.
          await apply(id, { type: 'keychain_unavailable', error: read.error });
          keychainWait.paused();
          return;
        }
        if (read.kind === 'absent') {
          // The keychain answers and the unit is not there (or not whole): back to waiting, then flag it.
          await apply(id, {
            type: 'retry_later',
            error: { code: 'outbox.key_missing', message: 'The staged key is missing.' },
            delayMs: 0,
            maybeCreated: false,
          });
          await apply(id, { type: 'key_missing' });
          return;
        }
        unit = read.unit;
        if ((await runKeyCheck(entry, unit, signal)) === 'reject') return;
      }
      entry = store.get(id)!;
      const api = await options.auth.apiFor(entry.profileId);
      const opts = { signal, timeoutMs: options.requestTimeoutMs ?? 30_000 };
      if (entry.kind === 'create' && entry.maybeCreated) {
        const sources = await lister(
          entry.profileId,
          entry.organizationId,
          Date.parse(entry.reconcileAfter ?? entry.updatedAt),
        );
        const match = matchLostCreate(entry, sources, binding.userId);
        if (match.kind === 'adopt') {
          log.info("lost create reconciled: adopting the source that carries this entry's marker", {
            stagedId: id,
            sourceId: match.source.id,
          });
          // The entry may have been renamed or re-keyed since that create: bring the source to
          // what the entry says now (the held unit included) before calling it done.
          await updateSource(api, entry, match.source.id, unit, opts);
          unit = null;
          await succeed(id, match.source.id, true);
          return;
        }
        if (match.kind === 'refused') {
          log.warn('lost create: a source carries the marker but is not provably ours; nothing adopted', {
            stagedId: id,
            reason: match.reason,
            candidates: match.sources.length,
          });
          await apply(id, { type: 'rejected', error: adoptRefusedError(match.reason, match.sources) });
          return;
        }
        if (match.kind === 'unproven') {
          await apply(id, { type: 'rejected', error: nameTakenError(entry.name, match.source) });
          return;
        }
        entry = await apply(id, { type: 'reconciled_none' });
      }
      const sourceId = await submitEntry(api, entry, unit, opts, options.keepIngestSecret);
      unit = null;
      await succeed(id, sourceId, false);
    } catch (error) {
      await fail(id, error).catch((failure: unknown) =>
        log.error('could not record a failed attempt', { stagedId: id, error: failure as Error }),
      );
    }
  }

  return attempt;
}
