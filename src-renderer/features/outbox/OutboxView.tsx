import { useState } from 'react';
import { scheduleLabel } from '../../../src-shared/domain/schedule-value';
import { EDITABLE_STATES, RETRYABLE_STATES, type OutboxEntryView } from '../../../src-shared/domain/outbox';
import { useAppStore } from '../../stores/app-store';
import { useOutboxStore } from '../../stores/outbox-store';
import { useSourcesStore } from '../../stores/sources-store';
import { KeyCheckPanel } from '../key-checks/KeyCheckPanel';
import { EditEntry } from './EditEntry';
import { errorPresentation, styleOf } from '../../../src-shared/domain/outbox-style';
import { OthersSection } from './OthersSection';
import './outbox.css';

/** Every staged submission with its state, attempts, next retry, last error and actions. */
export function OutboxView() {
  const all = useOutboxStore((s) => s.entries);
  // Other people's entries (and other deployments') are listed apart, without key facts.
  const entries = all.filter((e) => e.access === 'mine');
  const others = all.filter((e) => e.access !== 'mine');
  return (
    <section className="view outbox" data-state="ready">
      <h1>Outbox</h1>
      <p className="muted">
        Keys wait here, in the system keychain, until LangWatch has them; then they are wiped. Nothing leaves this list
        silently.
      </p>
      {entries.length === 0 ? <p data-testid="outbox-empty">Nothing staged.</p> : null}
      <ul className="outbox-list">
        {entries.map((e) => (
          <EntryRow key={e.id} entry={e} />
        ))}
      </ul>
      <OthersSection entries={others} />
    </section>
  );
}

function EntryRow({ entry: e }: { entry: OutboxEntryView }) {
  const retryNow = useOutboxStore((s) => s.retryNow);
  const discard = useOutboxStore((s) => s.discard);
  const [editing, setEditing] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const navigate = useAppStore((s) => s.navigate);
  const openDetail = useSourcesStore((s) => s.openDetail);
  const style = styleOf(e.state);
  const errorKind = errorPresentation(e);
  const run = async (action: () => Promise<{ message: string } | null>) => {
    setActionError(null);
    const error = await action();
    if (error) setActionError(error.message);
  };
  return (
    <li
      className={`outbox-entry state-${e.state} tone-border-${style.tone}`}
      data-testid="outbox-entry"
      data-staged-id={e.id}
      data-state={e.state}
      data-name={e.name}
    >
      <div className="entry-head">
        <strong>{e.kind === 'create' ? e.name : `${e.name} — ${e.fingerprint ? 're-key' : 'cadence change'}`}</strong>
        <span className={`pill state-pill tone-${style.tone}`} data-testid="entry-state" data-tone={style.tone}>
          <span aria-hidden="true">{style.icon}</span> {style.label}
        </span>
      </div>
      <dl className="entry-facts">
        <dt>Key</dt>
        <dd data-testid="entry-fingerprint">
          {e.fingerprint ?? 'kept (not changed)'}
          {e.fingerprint ? (e.keyHeld ? ' · in the keychain' : ' · wiped') : ''}
        </dd>
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
            <dd data-testid="entry-source">
              <button
                type="button"
                className="link mono"
                data-testid="entry-source-link"
                onClick={() => {
                  openDetail(e.sourceId);
                  navigate('sources');
                }}
              >
                {e.sourceId}
              </button>
              {e.adopted ? ' (found on the server after a lost answer)' : ''}
            </dd>
          </>
        ) : null}
        {e.preflight && !(errorKind === 'alert' && e.lastError?.message === e.preflight.message) ? (
          <>
            <dt>Key check</dt>
            <dd data-testid="entry-key-check">
              {e.preflight.verdict.replace(/_/g, ' ')}: {e.preflight.message}
            </dd>
          </>
        ) : null}
        <dt>Staged</dt>
        <dd>
          {new Date(e.stagedAt).toLocaleString()}
          {e.keyHeld ? ` · key wiped at ${new Date(e.expiresAt).toLocaleString()} if still here` : ''}
        </dd>
      </dl>
      {e.lastError && errorKind !== 'none' ? (
        <p
          role={errorKind === 'alert' ? 'alert' : undefined}
          className={`entry-error entry-error-${errorKind}`}
          data-testid="entry-error"
          data-kind={errorKind}
        >
          {errorKind === 'expected' ? 'Queued while LangWatch is unreachable (expected offline): ' : ''}
          {e.lastError.message}
        </p>
      ) : null}
      {e.keyHeld ? <KeyCheckPanel target={{ kind: 'staged', stagedId: e.id }} /> : null}
      <div className="entry-actions">
        {RETRYABLE_STATES.has(e.state) || e.state === 'submitting' ? (
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
          <button type="button" data-testid="entry-edit" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
            Edit
          </button>
        ) : null}
        {EDITABLE_STATES.has(e.state) ? (
          <button
            type="button"
            className="danger"
            data-testid="entry-discard"
            onClick={() => void run(() => discard(e.id))}
          >
            Discard
          </button>
        ) : null}
      </div>
      {actionError ? (
        <p role="alert" className="entry-error">
          {actionError}
        </p>
      ) : null}
      {editing && EDITABLE_STATES.has(e.state) ? <EditEntry entry={e} onDone={() => setEditing(false)} /> : null}
    </li>
  );
}
