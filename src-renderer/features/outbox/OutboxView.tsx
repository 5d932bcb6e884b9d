import { selectActiveOrganization, useAuthStateStore } from '../../stores/auth-state-store';
import { useOutboxStore } from '../../stores/outbox-store';
import { EntryRow } from './EntryRow';
import { KeychainWait } from './KeychainWait';
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
      <OutboxScope />
      <KeychainWait entries={all} />
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

/** The one deployment (and organisation) this outbox stages for now; other deployments' entries are listed apart. */
function OutboxScope() {
  const auth = useAuthStateStore((s) => s.state);
  const org = useAuthStateStore(selectActiveOrganization);
  const profile = auth?.profiles.find((p) => p.id === auth.activeProfileId);
  if (!profile) return null;
  return (
    <p className="muted" data-testid="outbox-scope">
      Staging for <strong>{profile.name}</strong>
      {org ? (
        <>
          {' '}
          — <strong>{org.name}</strong>
        </>
      ) : null}
      . Entries staged for another deployment are listed apart and are sent only there.
    </p>
  );
}
