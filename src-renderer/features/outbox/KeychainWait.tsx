// The outbox paused because the keychain is locked or did not answer: say so once, above the
// entries, with the one thing to do (unlock, then Retry). The keys are kept, never taken as gone.
import { useState } from 'react';
import type { OutboxEntryView } from '../../../src-shared/domain/outbox';
import { useOutboxStore } from '../../stores/outbox-store';

/** Shown while any entry waits for the keychain; Retry sends this person's waiting entries again. */
export function KeychainWait({ entries }: { entries: readonly OutboxEntryView[] }) {
  const retryNow = useOutboxStore((s) => s.retryNow);
  const [error, setError] = useState<string | null>(null);
  const waiting = entries.filter((e) => e.state === 'waiting_for_keychain');
  if (waiting.length === 0) return null;
  const mine = waiting.filter((e) => e.access === 'mine');
  const retry = async () => {
    setError(null);
    for (const e of mine) {
      const failed = await retryNow(e.id);
      if (failed) return setError(failed.message);
    }
  };
  return (
    <div className="banner keychain-wait" role="status" data-testid="outbox-keychain-wait">
      <p>
        <strong>Waiting for the keychain.</strong>{' '}
        {waiting.length === 1 ? '1 staged key is' : `${waiting.length} staged keys are`} kept, but the system keyring is
        locked or did not answer, so nothing is sent for now. Unlock your keyring, then choose Retry; the console also
        tries again by itself every few minutes.
      </p>
      {mine.length > 0 ? (
        <button type="button" data-testid="outbox-keychain-retry" onClick={() => void retry()}>
          Retry
        </button>
      ) : null}
      {error ? (
        <p role="alert" className="entry-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
