// The buttons of one outbox entry (retry, edit, discard) and the error an action answered.
import { useState } from 'react';
import { EDITABLE_STATES, RETRYABLE_STATES, type OutboxEntryView } from '../../../src-shared/domain/outbox';
import { ConfirmDiscard, useDiscardPending } from './ConfirmDiscard';
import { useAuthStateStore } from '../../stores/auth-state-store';
import { useOutboxStore } from '../../stores/outbox-store';

/** Why retrying a refused entry cannot help (the same request would meet the same refusal); null when it may. */
function futileRetry(e: OutboxEntryView): string | null {
  if (e.state !== 'rejected' || !e.lastError) return null;
  const reason = e.lastError.details?.['reason'];
  if (e.lastError.code === 'langwatch.name_taken' || reason === 'duplicate_name' || reason === 'name_taken')
    return 'the name is taken in this organisation. Rename it with Edit, then submit again.';
  if (e.lastError.code === 'langwatch.validation')
    return 'LangWatch refused the values. Correct them with Edit, then submit again.';
  return null;
}

/** Retry, Edit and Discard for an entry whose state allows them; a refused action says why below. */
export function EntryActions({
  entry: e,
  editing,
  onToggleEdit,
}: {
  entry: OutboxEntryView;
  editing: boolean;
  onToggleEdit: () => void;
}) {
  const retryNow = useOutboxStore((s) => s.retryNow);
  const [actionError, setActionError] = useState<string | null>(null);
  const discardPending = useDiscardPending(e.id);
  const futile = futileRetry(e);
  const signedIn = useAuthStateStore((s) => s.state?.session.kind === 'signed_in');
  if (!signedIn) {
    // Signed out, the entry is still yours: it waits for you, and nothing can be done to it until then.
    const who = e.owner?.email ?? e.owner?.name ?? 'you';
    return (
      <p className="muted" data-testid="entry-waiting-sign-in">
        Yours ({who}): waiting for you to sign in to {e.owner?.deploymentUrl ?? 'its deployment'}. The key stays in the
        keychain until then.
      </p>
    );
  }
  const run = async (action: () => Promise<{ message: string } | null>) => {
    setActionError(null);
    const error = await action();
    if (error) setActionError(error.message);
  };
  return (
    <>
      <div className="entry-actions">
        {futile ? (
          <p className="muted" data-testid="entry-retry-futile">
            Retrying cannot help: {futile}
          </p>
        ) : RETRYABLE_STATES.has(e.state) || e.state === 'submitting' ? (
          // Kept (disabled) while an attempt runs, so the row does not flicker with every retry.
          <button
            type="button"
            data-testid="entry-retry"
            disabled={e.state === 'submitting'}
            onClick={() => void run(() => retryNow(e.id))}
          >
            Retry now
          </button>
        ) : null}
        {EDITABLE_STATES.has(e.state) ? (
          <button type="button" data-testid="entry-edit" onClick={onToggleEdit} aria-expanded={editing}>
            Edit
          </button>
        ) : null}
        {EDITABLE_STATES.has(e.state) || discardPending ? (
          <ConfirmDiscard entry={e} label="Discard" testId="entry-discard" />
        ) : null}
      </div>
      {actionError ? (
        <p role="alert" className="entry-error">
          {actionError}
        </p>
      ) : null}
    </>
  );
}
