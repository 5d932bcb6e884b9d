/**
 * Entries paused because the keychain is locked or did not answer (`waiting_for_keychain`)
 * resume by themselves once it answers again: the worker asks on a backoff (30 s, doubling
 * to 10 min, so a desktop's unlock prompt does not come back every few seconds), at start,
 * and at once after "Check keychain". Retry on an entry tries it straight away.
 */
import { keychainAnswers } from '../secrets/keychain-canary';
import type { OutboxEntry } from './entry';
import type { OutboxEvent } from './transitions';
import type { WorkerContext } from './worker-types';

const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 10 * 60_000;

/** The resume loop of entries waiting for the keychain. */
export interface KeychainWait {
  /** An entry was just paused: make sure a check is planned. */
  paused(): void;
  /** Checks now (start, "Check keychain"). */
  checkNow(): void;
  stop(): void;
}

const waitsForKeychain = (e: OutboxEntry) => e.state === 'waiting_for_keychain';

/** Creates the loop; `applyAll` moves every waiting entry at once, `pump` plans their attempts. */
export function createKeychainWait(
  context: WorkerContext,
  hooks: { applyAll(match: (e: OutboxEntry) => boolean, event: OutboxEvent): Promise<void>; pump(): void },
): KeychainWait {
  const { store, secrets, clock, log } = context.options;
  const answers = context.options.keychainAnswers ?? (() => keychainAnswers(secrets));
  let timer: unknown = null;
  let delay = FIRST_DELAY_MS;
  let checking = false;

  function plan(ms: number): void {
    if (context.isStopped()) return;
    if (timer !== null) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => void check(), ms);
  }

  async function check(): Promise<void> {
    timer = null;
    if (checking || context.isStopped() || !store.all().some(waitsForKeychain)) return;
    checking = true;
    try {
      if (await answers().catch(() => false)) {
        delay = FIRST_DELAY_MS;
        log.info('the keychain answers again: entries waiting for it resume');
        await hooks.applyAll(waitsForKeychain, { type: 'keychain_answers' });
        hooks.pump();
      } else {
        delay = Math.min(MAX_DELAY_MS, delay * 2);
        plan(delay);
      }
    } finally {
      checking = false;
    }
  }

  return {
    paused() {
      if (timer === null && !checking) plan(delay);
    },
    checkNow: () => plan(0),
    stop() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
