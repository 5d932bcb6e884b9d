/**
 * Discard wipes a staged key and cannot be taken back once done, so it asks first, names what
 * is lost, and then waits a few seconds with "Undo" before anything happens (the wait lives in
 * the outbox store, so the entry's row may re-render meanwhile). Closing the window during the
 * wait discards nothing.
 */
import { useEffect, useRef, useState } from 'react';
import type { OutboxEntryView } from '../../../src-shared/domain/outbox';
import { useOutboxStore } from '../../stores/outbox-store';

/** How long "Undo" is offered after the confirmation. */
export const UNDO_MS = 5_000;

interface Props {
  entry: OutboxEntryView;
  /** The button's words ("Discard", "Discard (wipes the key)"). */
  label: string;
  testId: string;
}

/** Whether a discard of this entry waits for its undo time (its control must stay on screen). */
export function useDiscardPending(id: string): boolean {
  return useOutboxStore((s) => id in s.pendingDiscards);
}

export function ConfirmDiscard({ entry: e, label, testId }: Props) {
  const [asking, setAsking] = useState(false);
  const pending = useOutboxStore((s) => s.pendingDiscards[e.id]);
  const discardLater = useOutboxStore((s) => s.discardLater);
  const undoDiscard = useOutboxStore((s) => s.undoDiscard);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  const lost = e.keyHeld
    ? `The staged key${e.fingerprint ? ` ${e.fingerprint}` : ''} is wiped from the keychain and “${e.name}” is never sent to LangWatch.`
    : `“${e.name}” is removed from the outbox and never sent to LangWatch.`;

  if (pending && pending.failed === null) {
    return (
      <p className="confirm-discard" role="status" data-testid="discard-pending">
        Discarding “{e.name}” in {Math.round(UNDO_MS / 1000)} s…{' '}
        <button type="button" onClick={() => undoDiscard(e.id)} data-testid="discard-undo">
          Undo
        </button>
      </p>
    );
  }
  if (asking) {
    return (
      <div className="confirm-discard" role="group" aria-label={`Discard ${e.name}?`} data-testid="discard-confirm">
        <p>
          <strong>Discard “{e.name}”?</strong> {lost}
        </p>
        <button
          ref={confirmRef}
          type="button"
          className="danger"
          onClick={() => {
            setAsking(false);
            discardLater(e.id, UNDO_MS);
          }}
          data-testid="discard-confirm-yes"
        >
          Discard and wipe
        </button>{' '}
        <button type="button" onClick={() => setAsking(false)} data-testid="discard-confirm-no">
          Keep it
        </button>
      </div>
    );
  }
  return (
    <>
      <button type="button" className="danger" data-testid={testId} onClick={() => setAsking(true)}>
        {label}
      </button>
      {pending?.failed ? (
        <p role="alert" className="entry-error">
          {pending.failed}
        </p>
      ) : null}
    </>
  );
}
