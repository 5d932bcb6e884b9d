import { describe, expect, it } from 'vitest';
import {
  EDITABLE_STATES,
  isTerminalState,
  OPEN_OUTBOX_STATES,
  OutboxState,
  QUEUED_STATES,
  RETRYABLE_STATES,
  WAITING_STATES,
} from '../../../src-shared/domain/outbox';

// The state sets are derived from the enum; these pin what each one means, so a new state or
// a changed derivation shows up here instead of as a button that appears in the wrong state.
describe('outbox state sets', () => {
  it('splits every state into open or terminal', () => {
    const terminal = OutboxState.options.filter(isTerminalState);
    expect(terminal).toEqual(['submitted', 'expired', 'discarded']);
    expect([...OPEN_OUTBOX_STATES, ...terminal].sort()).toEqual([...OutboxState.options].sort());
  });

  it('waits in every open state but submitting', () => {
    expect([...WAITING_STATES]).toEqual([
      'staged',
      'retrying',
      'needs_sign_in',
      'waiting_for_keychain',
      'rejected',
      'key_missing',
    ]);
    expect([...EDITABLE_STATES]).toEqual([...WAITING_STATES]);
  });

  it('retries a waiting entry unless its key is missing', () => {
    expect([...RETRYABLE_STATES]).toEqual(['staged', 'retrying', 'needs_sign_in', 'waiting_for_keychain', 'rejected']);
  });

  it('queues for the worker what the admin need not touch', () => {
    // An entry waiting for the keychain resumes by itself once the keychain answers.
    expect([...QUEUED_STATES]).toEqual(['staged', 'submitting', 'retrying', 'needs_sign_in', 'waiting_for_keychain']);
  });
});
