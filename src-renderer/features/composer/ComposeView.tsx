import { useEffect, useMemo, useRef, useState } from 'react';
import { DEFAULT_CADENCE_SEC } from '../../../src-shared/domain/cadence';
import { ComposerCreate, composerFieldErrors, nameTakenMessage, type ComposerFieldErrors } from '../../../src-shared/domain/composer';
import { call, lw } from '../../api/lw';
import { useAppStore } from '../../stores/app-store';
import { selectActiveOrganization, selectCanManage, useConnectionStore } from '../../stores/connection-store';
import { useOutboxStore } from '../../stores/outbox-store';
import { useSourcesStore } from '../../stores/sources-store';
import { CadenceField } from './CadenceField';
import { KeyCheckPanel } from '../key-check/KeyCheckPanel';
import { KeyField, type KeyFieldHandle, type KeyStatus } from './KeyField';
import './composer.css';

type Outcome = { kind: 'staged'; stagedId: string; fingerprint: string | null; warning?: string } | { kind: 'error'; message: string } | null;

// A placeholder key that passes the schema, so the form can validate the other fields with
// the one shared schema without ever holding the real key outside the key field.
const KEY_PLACEHOLDER = 'sk-ant-api01-placeholder-for-validation';

/** The composer of a new `claude_compliance` source. */
export function ComposeView() {
  const connection = useConnectionStore((s) => s.state);
  const org = useConnectionStore(selectActiveOrganization);
  const canManage = useConnectionStore(selectCanManage);
  const sources = useSourcesStore((s) => s.sources);
  const outbox = useOutboxStore((s) => s.entries);
  const navigate = useAppStore((s) => s.navigate);
  const keychainMissing = useAppStore((s) => s.info?.problems.some((p) => p.area === 'keychain') ?? false);

  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [teamId, setTeamId] = useState('');
  const [pollEverySec, setPollEverySec] = useState(DEFAULT_CADENCE_SEC);
  const [keyStatus, setKeyStatus] = useState<KeyStatus>({ empty: true, valid: false, fingerprint: null, error: null, warning: null });
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverErrors, setServerErrors] = useState<ComposerFieldErrors>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const keyRef = useRef<KeyFieldHandle>(null);
  const startSources = useSourcesStore((s) => s.start);

  // The live source list (for the name check) follows the status monitor while the form is open.
  useEffect(() => {
    let off: (() => void) | null = null;
    let cancelled = false;
    void startSources().then((unsubscribe) => (cancelled ? unsubscribe() : (off = unsubscribe)));
    return () => {
      cancelled = true;
      off?.();
    };
  }, [startSources]);

  const existingNames = useMemo(() => {
    const staged = outbox
      .filter((e) => e.kind === 'create' && e.organizationId === org?.id && ['staged', 'submitting', 'retrying', 'needs_sign_in', 'rejected', 'key_missing'].includes(e.state))
      .map((e) => ({ name: e.name }));
    return [...sources.filter((s) => s.organizationId === org?.id).map((s) => ({ id: s.id, name: s.name })), ...staged];
  }, [sources, outbox, org?.id]);

  const errors: ComposerFieldErrors = useMemo(() => {
    const parsed = ComposerCreate.safeParse({ name, description, teamId: teamId || null, key: KEY_PLACEHOLDER, pollEverySec });
    const out = parsed.success ? {} : composerFieldErrors(parsed.error);
    const taken = nameTakenMessage(name, existingNames);
    if (taken && !out.name) out.name = taken;
    return { ...out, ...serverErrors };
  }, [name, description, teamId, pollEverySec, existingNames, serverErrors]);

  const session = connection?.session.kind;
  if (!connection) return <section className="view" data-state="loading"><h1>New compliance source</h1></section>;
  if (session !== 'signed_in' && session !== 'device') {
    return (
      <section className="view composer" data-state="signed-out">
        <h1>New compliance source</h1>
        <p className="notice">Sign in first: a source is created in an organisation of a LangWatch deployment you are signed in to.</p>
        <button type="button" onClick={() => navigate('sources')}>Go to sign-in</button>
      </section>
    );
  }
  if (!canManage || !org) {
    return (
      <section className="view composer" data-state="view-only">
        <h1>New compliance source</h1>
        <p className="notice">You can't create sources here: view-only. Creating or changing ingestion sources needs the “ingestionSources:manage” permission in {org?.name ?? 'this organisation'}; ask an organisation admin.</p>
      </section>
    );
  }

  if (keychainMissing) {
    // Main refuses to stage too; this says so before anything is typed.
    return (
      <section className="view composer" data-state="keychain-missing">
        <h1>New compliance source</h1>
        <p className="notice" data-testid="compose-keychain-missing">
          Staging is disabled: the system keychain is not available, so a key could not be kept safely until LangWatch has it. The message above says how to fix it.
        </p>
      </section>
    );
  }

  const show = (field: keyof ComposerFieldErrors, touched: boolean) => (submitted || touched ? errors[field] : undefined);
  const formValid = Object.keys(errors).length === 0 && keyStatus.valid;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setOutcome(null);
    if (!formValid || !org) return;
    setBusy(true);
    // The key goes straight from the field into the IPC call; the field is cleared by take().
    const key = keyRef.current?.take() ?? '';
    const result = await call(() =>
      lw().outbox.stage({ kind: 'create', organizationId: org.id, name, description: description || undefined, teamId: teamId || null, key, pollEverySec }),
    );
    setBusy(false);
    if (result.ok) {
      setOutcome({ kind: 'staged', ...result.value });
      setName('');
      setDescription('');
      setTeamId('');
      setSubmitted(false);
      setServerErrors({});
    } else {
      const fieldErrors = (result.error.details?.fieldErrors ?? {}) as ComposerFieldErrors;
      setServerErrors(fieldErrors);
      setOutcome({ kind: 'error', message: result.error.message });
    }
  }

  return (
    <section className="view composer" data-state={busy ? 'staging' : 'ready'}>
      <h1>New compliance source</h1>
      <p className="muted">
        A <code>claude_compliance</code> source in <strong>{org.name}</strong>. LangWatch pulls the Anthropic Compliance API with this key on the schedule below.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label="Name" error={show('name', name !== '')}>
          {(id) => (
            <input id={id} data-testid="name-input" value={name} maxLength={200} onChange={(e) => { setName(e.target.value); setServerErrors({}); }} />
          )}
        </Field>
        <Field label="Description (optional)" error={show('description', description !== '')}>
          {(id) => <textarea id={id} data-testid="description-input" value={description} onChange={(e) => setDescription(e.target.value)} rows={2} />}
        </Field>
        <Field label="Team (optional)" error={undefined}>
          {(id) => (
            <select id={id} data-testid="team-select" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
              <option value="">No team (organisation-wide)</option>
              {org.teams.map((t) => (
                <option key={t.id} value={t.id}>{t.name}</option>
              ))}
            </select>
          )}
        </Field>
        <KeyField ref={keyRef} onStatus={setKeyStatus} showErrors={submitted} />
        {connection.activeProfileId && (
          <KeyCheckPanel target={{ kind: 'typed', profileId: connection.activeProfileId, getKey: () => keyRef.current?.peek() ?? '' }} />
        )}
        <CadenceField value={pollEverySec} onChange={setPollEverySec} sourcesCount={1} />
        <div className="form-actions">
          <button type="submit" className="primary" data-testid="compose-submit" disabled={busy}>
            {busy ? 'Staging…' : 'Create source'}
          </button>
        </div>
      </form>
      {outcome?.kind === 'staged' ? (
        <div role="status" className="notice success" data-testid="compose-outcome" data-state="staged" data-staged-id={outcome.stagedId}>
          Key {outcome.fingerprint} staged in the system keychain. The outbox submits it to LangWatch now (or as soon as the console is back online) and then wipes it.{' '}
          {outcome.warning ? <span className="field-warning">{outcome.warning} </span> : null}
          <button type="button" onClick={() => navigate('outbox')}>Open the outbox</button>
        </div>
      ) : null}
      {outcome?.kind === 'error' ? (
        <div role="alert" className="error-panel" data-testid="compose-outcome" data-state="error">
          {outcome.message}
        </div>
      ) : null}
    </section>
  );
}

function Field({ label, error, children }: { label: string; error: string | undefined; children: (id: string) => React.ReactNode }) {
  const id = `f-${label.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {error ? (
        <span role="alert" className="field-error" data-testid={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
