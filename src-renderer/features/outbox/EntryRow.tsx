// One of my outbox entries: its head, facts, last error, key check and actions, composed.
import { useState } from 'react';
import { EDITABLE_STATES, type OutboxEntryView } from '../../../src-shared/domain/outbox';
import { errorPresentation } from '../../../src-shared/domain/outbox-style';
import { outboxStateLook } from '../../../src-shared/domain/state-looks';
import { useAuthStateStore } from '../../stores/auth-state-store';
import { KeyCheckPanel } from '../key-checks/KeyCheckPanel';
import { EditEntry } from './EditEntry';
import { EntryActions } from './EntryActions';
import { EntryFacts } from './EntryFacts';

/** A staged submission of mine, with its state, facts, last error and what can be done with it. */
export function EntryRow({ entry: e }: { entry: OutboxEntryView }) {
  const [editing, setEditing] = useState(false);
  const look = outboxStateLook(e.state);
  const errorKind = errorPresentation(e);
  // Signed out, the entry is listed as yours but nothing can be done to it until you sign in.
  const signedIn = useAuthStateStore((s) => s.state?.session.kind === 'signed_in');
  return (
    <li
      className={`outbox-entry tone-border-${look.tone}`}
      data-testid="outbox-entry"
      data-staged-id={e.id}
      data-state={e.state}
      data-name={e.name}
    >
      <div className="entry-head">
        <strong>{e.kind === 'create' ? e.name : `${e.name} — ${e.fingerprint ? 're-key' : 'cadence change'}`}</strong>
        <span className={`pill state-pill tone-${look.tone}`} data-testid="entry-state" data-tone={look.tone}>
          <span aria-hidden="true">{look.icon}</span> {look.label}
        </span>
      </div>
      <EntryFacts entry={e} errorKind={errorKind} />
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
      {e.keyHeld && signedIn ? (
        <KeyCheckPanel target={{ kind: 'staged', stagedId: e.id }} refused={e.state === 'rejected'} />
      ) : null}
      <EntryActions entry={e} editing={editing} onToggleEdit={() => setEditing((v) => !v)} />
      {editing && EDITABLE_STATES.has(e.state) ? <EditEntry entry={e} onDone={() => setEditing(false)} /> : null}
    </li>
  );
}
