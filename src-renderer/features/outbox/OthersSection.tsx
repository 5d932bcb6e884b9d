import type { AuthState } from '../../../src-shared/domain/auth';
import { isTerminalState, type OutboxEntryView } from '../../../src-shared/domain/outbox';
import { ConfirmDiscard } from './ConfirmDiscard';
import { useAuthStateStore } from '../../stores/auth-state-store';

/** Who staged an entry, in words. */
export function ownerLabel(e: OutboxEntryView): string {
  return e.owner
    ? (e.owner.email ?? e.owner.name ?? 'another person')
    : 'someone (staged before the console recorded who)';
}

/**
 * Entries this person may not act on: other people's on this deployment (an organisation
 * admin may discard them), and entries staged for another deployment (switch to it). No key
 * facts are shown (main sends none): only what waits, for whom, and where.
 */
export function OthersSection({ entries }: { entries: OutboxEntryView[] }) {
  const state = useAuthStateStore((s) => s.state);
  // Another person's entry is shown only to someone who may act on it: an organisation admin
  // of the same deployment (discard). Entries of another deployment: to anyone but a read-only
  // (support) session, so their owner knows to switch there.
  const mayAct = (e: OutboxEntryView) =>
    e.access === 'other_deployment' ? !state?.readOnly : mayDiscardOther(e, state);
  const open = entries.filter((e) => !isTerminalState(e.state) && mayAct(e));
  if (open.length === 0) return null;
  return (
    <section aria-labelledby="outbox-others-title" className="outbox-others" data-testid="outbox-others">
      <h2 id="outbox-others-title">Entries of other people and other deployments</h2>
      <p className="muted">
        These keys stay bound to the person and deployment that staged them. They are sent only when that person is
        signed in there.
      </p>
      <ul className="outbox-list">
        {open.map((e) => (
          <OtherRow key={e.id} entry={e} />
        ))}
      </ul>
    </section>
  );
}

/** Only an organisation admin of the same deployment, not in a read-only session, may discard other people's keys. */
function mayDiscardOther(e: OutboxEntryView, state: AuthState | null): boolean {
  return (
    e.access !== 'other_deployment' &&
    state !== null &&
    !state.readOnly &&
    state.permissions?.canManage === true &&
    state.session.kind === 'signed_in'
  );
}

function OtherRow({ entry: e }: { entry: OutboxEntryView }) {
  const state = useAuthStateStore((s) => s.state);
  const mayDiscard = mayDiscardOther(e, state);
  const where = e.owner?.deploymentUrl ?? 'its deployment';
  const waiting =
    e.access === 'other_deployment'
      ? `Staged by ${ownerLabel(e)} for ${where}. Switch to that deployment to act on it.`
      : e.access === 'unowned'
        ? 'Staged before the console recorded who staged it: it is never sent. An organisation admin may discard it.'
        : `Waiting for ${ownerLabel(e)} to sign in on ${where}.`;
  return (
    <li
      className="outbox-entry"
      data-testid="outbox-other-entry"
      data-staged-id={e.id}
      data-state={e.state}
      data-access={e.access}
      data-name={e.name}
    >
      <div className="entry-head">
        <strong>{e.name}</strong>
        <span className="pill" data-testid="entry-owner">
          {ownerLabel(e)}
        </span>
      </div>
      <p className="muted" data-testid="entry-waiting">
        {waiting}
      </p>
      {mayDiscard ? (
        <div className="entry-actions">
          <ConfirmDiscard entry={e} label="Discard (wipes the key)" testId="entry-discard-other" />
        </div>
      ) : null}
    </li>
  );
}
