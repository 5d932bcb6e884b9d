import { useState } from 'react';
import { scheduleLabel } from '../../../src-shared/domain/schedule-value';
import type { OutboxEntryView } from '../../../src-shared/domain/outbox';
import { useOutboxStore } from '../../stores/outbox-store';
import { KeyCheckPanel } from '../key-check/KeyCheckPanel';
import { EditEntry } from './EditEntry';
import './outbox.css';

const STATE_LABEL: Record<OutboxEntryView['state'], string> = {
  staged: 'Staged',
  submitting: 'Submitting…',
  retrying: 'Waiting to retry',
  needs_sign_in: 'Needs sign-in',
  rejected: 'Rejected',
  key_missing: 'Key missing',
  submitted: 'Submitted',
  expired: 'Expired (key wiped)',
  discarded: 'Discarded (key wiped)',
};

const EDITABLE = new Set(['staged', 'retrying', 'needs_sign_in', 'rejected', 'key_missing']);
const RETRYABLE = new Set(['staged', 'retrying', 'needs_sign_in', 'rejected']);

/** Every staged submission with its state, attempts, next retry, last error and actions. */
export function OutboxView() {
  const entries = useOutboxStore((s) => s.entries);
  return (
    <section className="view outbox" data-state="ready">
      <h1>Outbox</h1>
      <p className="muted">
        Keys wait here, in the system keychain, until LangWatch has them; then they are wiped. Nothing leaves this list silently.
      </p>
      {entries.length === 0 ? <p data-testid="outbox-empty">Nothing staged.</p> : null}
      <ul className="outbox-list">
        {entries.map((e) => (
          <EntryRow key={e.id} entry={e} />
        ))}
      </ul>
    </section>
  );
}

function EntryRow({ entry: e }: { entry: OutboxEntryView }) {
  const retryNow = useOutboxStore((s) => s.retryNow);
  const discard = useOutboxStore((s) => s.discard);
  const [editing, setEditing] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const run = async (action: () => Promise<{ message: string } | null>) => {
    setActionError(null);
    const error = await action();
    if (error) setActionError(error.message);
  };
  return (
    <li className={`outbox-entry state-${e.state}`} data-testid="outbox-entry" data-staged-id={e.id} data-state={e.state} data-name={e.name}>
      <div className="entry-head">
        <strong>{e.kind === 'create' ? e.name : `${e.name} — ${e.fingerprint ? 're-key' : 'cadence change'}`}</strong>
        <span className={`pill outbox-${e.state}`} data-testid="entry-state">{STATE_LABEL[e.state]}</span>
      </div>
      <dl className="entry-facts">
        <dt>Key</dt>
        <dd data-testid="entry-fingerprint">{e.fingerprint ?? 'kept (not changed)'}{e.fingerprint ? (e.keyHeld ? ' · in the keychain' : ' · wiped') : ''}</dd>
        <dt>Schedule</dt>
        <dd data-testid="entry-schedule">{scheduleLabel(e.pullSchedule)}</dd>
        <dt>Attempts</dt>
        <dd data-testid="entry-attempts">{e.attempts}</dd>
        {e.nextAttemptAt && (e.state === 'retrying' || e.state === 'staged') ? (
          <>
            <dt>Next try</dt>
            <dd data-testid="entry-next">{new Date(e.nextAttemptAt).toLocaleTimeString()}</dd>
          </>
        ) : null}
        {e.sourceId ? (
          <>
            <dt>Source</dt>
            <dd data-testid="entry-source">{e.sourceId}{e.adopted ? ' (found on the server after a lost answer)' : ''}</dd>
          </>
        ) : null}
        {e.preflight ? (
          <>
            <dt>Key check</dt>
            <dd data-testid="entry-preflight">{e.preflight.verdict.replace(/_/g, ' ')}: {e.preflight.message}</dd>
          </>
        ) : null}
        <dt>Staged</dt>
        <dd>{new Date(e.stagedAt).toLocaleString()}{e.keyHeld ? ` · key wiped at ${new Date(e.expiresAt).toLocaleString()} if still here` : ''}</dd>
      </dl>
      {e.lastError && e.state !== 'submitted' ? (
        <p role={e.state === 'rejected' || e.state === 'key_missing' ? 'alert' : undefined} className="entry-error" data-testid="entry-error">
          {e.lastError.message}
        </p>
      ) : null}
      {e.keyHeld ? <KeyCheckPanel target={{ kind: 'staged', stagedId: e.id }} /> : null}
      <div className="entry-actions">
        {RETRYABLE.has(e.state) || e.state === 'submitting' ? (
          // Kept (disabled) while an attempt runs, so the row does not flicker with every retry.
          <button type="button" data-testid="entry-retry" disabled={e.state === 'submitting'} onClick={() => void run(() => retryNow(e.id))}>
            Retry now
          </button>
        ) : null}
        {EDITABLE.has(e.state) ? (
          <button type="button" data-testid="entry-edit" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>Edit</button>
        ) : null}
        {EDITABLE.has(e.state) ? (
          <button type="button" className="danger" data-testid="entry-discard" onClick={() => void run(() => discard(e.id))}>Discard</button>
        ) : null}
      </div>
      {actionError ? <p role="alert" className="entry-error">{actionError}</p> : null}
      {editing && EDITABLE.has(e.state) ? <EditEntry entry={e} onDone={() => setEditing(false)} /> : null}
    </li>
  );
}
