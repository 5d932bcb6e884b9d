/**
 * The automatic key check of a staged key before it is sent: against the Anthropic URL the
 * key was staged for (whatever the profile says now); a refused key stops the entry, an
 * inconclusive check only adds a note.
 */
import type { KeyCheckNote } from '../../../src-shared/domain/outbox';
import type { Clock } from '../clock';
import type { OutboxEntry } from './entry';
import type { OutboxEvent } from './transitions';
import type { WorkerOptions } from './worker-types';

/** What the step needs from the worker. */
export interface KeyCheckStepDeps {
  settings: WorkerOptions['settings'];
  checkKey: WorkerOptions['checkKey'];
  clock: Clock;
  apply(id: string, event: OutboxEvent): Promise<OutboxEntry>;
}

/** Runs the check once per held key; `reject` when Anthropic refused the key. */
export async function keyCheckStep(
  deps: KeyCheckStepDeps,
  entry: OutboxEntry,
  key: string,
  signal: AbortSignal,
): Promise<'reject' | 'go'> {
  const settings = await deps.settings.get();
  if (!settings.autoPreflight || !deps.checkKey || entry.preflightDone || !entry.owner) return 'go';
  let note: KeyCheckNote;
  try {
    const verdict = await deps.checkKey({
      key,
      baseUrl: entry.owner.anthropicBaseUrl,
      signal,
      entry: { stagedId: entry.id, profileId: entry.profileId, fingerprint: entry.fingerprint },
    });
    note = {
      verdict: verdict.verdict,
      message: verdict.message,
      checkedAt: verdict.checkedAt,
      requestId: verdict.requestId,
    };
  } catch {
    note = {
      verdict: 'inconclusive',
      message: 'The key could not be tested (no answer from Anthropic); submitting anyway.',
      checkedAt: new Date(deps.clock.now()).toISOString(),
      requestId: null,
    };
  }
  await deps.apply(entry.id, { type: 'key_checked', note });
  if (note.verdict !== 'invalid_key' && note.verdict !== 'missing_scope') return 'go';
  await deps.apply(entry.id, {
    type: 'rejected',
    error: {
      code: 'invalid_argument',
      message: `Anthropic refused this key: ${note.message} Enter another key or discard this entry.`,
      details: { preflight: note.verdict },
    },
  });
  return 'reject';
}
