import { useAppStore } from '../../stores/app-store';

/** What staging answered: the staged key's fingerprint and where it went, or why it was refused. */
export type Outcome =
  | { kind: 'staged'; stagedId: string; fingerprint: string | null; warning?: string }
  | { kind: 'error'; message: string }
  | null;

/** The notice above the form after "Stage and submit". */
export function ComposeOutcome({ outcome }: { outcome: Outcome }) {
  const navigate = useAppStore((s) => s.navigate);
  if (outcome?.kind === 'staged') {
    return (
      <div
        role="status"
        className="notice success"
        data-testid="compose-outcome"
        data-state="staged"
        data-staged-id={outcome.stagedId}
      >
        {outcome.fingerprint
          ? `Key ${outcome.fingerprint} staged in the system keychain. The outbox submits it to LangWatch now (or as soon as the console is back online) and then wipes it. `
          : 'Staged. The outbox submits it to LangWatch now (or as soon as the console is back online). '}
        {outcome.warning ? <span className="field-warning">{outcome.warning} </span> : null}
        <button type="button" onClick={() => navigate('outbox')}>
          Open the outbox
        </button>
      </div>
    );
  }
  if (outcome?.kind === 'error') {
    return (
      <div role="alert" className="error-panel" data-testid="compose-outcome" data-state="error">
        {outcome.message}
      </div>
    );
  }
  return null;
}

/** Why there is no form: not signed in, or no permission to manage sources here. */
export function ComposeUnavailable({
  reason,
  organizationName,
}: {
  reason: 'signed-out' | 'view-only';
  organizationName: string | null;
}) {
  const navigate = useAppStore((s) => s.navigate);
  return (
    <section className="view composer" data-state={reason}>
      <h1>New source</h1>
      {reason === 'signed-out' ? (
        <>
          <p className="notice">
            Sign in first: a source is created in an organisation of a LangWatch deployment you are signed in to.
          </p>
          <button type="button" className="primary" onClick={() => navigate('deployments')}>
            Go to sign-in
          </button>
        </>
      ) : (
        <p className="notice">
          You can't create sources here: view-only. Creating or changing ingestion sources needs the
          “ingestionSources:manage” permission in {organizationName ?? 'this organisation'}; ask an organisation admin.
        </p>
      )}
    </section>
  );
}
