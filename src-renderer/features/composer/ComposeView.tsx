import { useCallback, useMemo, useRef, useState } from 'react';
import { DEFAULT_CADENCE_SEC } from '../../../src-shared/domain/cadence';
import {
  ComposerCreate,
  composerFieldErrors,
  nameTakenMessage,
  type ComposerFieldErrors,
} from '../../../src-shared/domain/composer';
import { keyVerdictKeyWorks, type KeyVerdict } from '../../../src-shared/domain/key-verdict';
import { call, lw } from '../../api/lw';
import { selectActiveOrganization, selectCanManage, useAuthStateStore } from '../../stores/auth-state-store';
import { useAppStore } from '../../stores/app-store';
import { useSourcesStore } from '../../stores/sources-store';
import { KeyCheckPanel } from '../key-checks/KeyCheckPanel';
import { verdictHeadline } from '../key-checks/VerdictCard';
import { ScheduleField } from '../schedule/ScheduleField';
import { scheduleFields, type ScheduleValue } from '../../../src-shared/domain/schedule-value';
import { ComposeOutcome, ComposeUnavailable, type Outcome } from './ComposeNotices';
import { ConfirmUnverifiedKey } from './ConfirmUnverifiedKey';
import { EMPTY_KEY, KeyField, type KeyFieldHandle, type KeyStatus } from '../key-checks/KeyField';
import { useSubscription } from '../../app/use-subscription';
import { useTakenNames } from './use-taken-names';
import './composer.css';

// A placeholder key that passes the schema, so the form can validate the other fields with
// the one shared schema without ever holding the real key outside the key field.
const KEY_PLACEHOLDER = 'sk-ant-api01-placeholder-for-validation';
const DEFAULT_SCHEDULE: ScheduleValue = { kind: 'interval', seconds: DEFAULT_CADENCE_SEC };

/** The composer of a new `claude_compliance` source. */
export function ComposeView() {
  const auth = useAuthStateStore((s) => s.state);
  const org = useAuthStateStore(selectActiveOrganization);
  const canManage = useAuthStateStore(selectCanManage);
  const keychainMissing = useAppStore((s) => s.info?.problems.some((p) => p.area === 'keychain') ?? false);
  const startSources = useSourcesStore((s) => s.start);
  const taken = useTakenNames(org?.id);

  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [teamId, setTeamId] = useState('');
  const [schedule, setSchedule] = useState<ScheduleValue>(DEFAULT_SCHEDULE);
  const [keyStatus, setKeyStatus] = useState<KeyStatus>(EMPTY_KEY);
  // Bumped on every edit of the key and on reset: a verdict belongs to the exact key it checked.
  const [keyVersion, setKeyVersion] = useState(0);
  const [verdict, setVerdict] = useState<KeyVerdict | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverErrors, setServerErrors] = useState<ComposerFieldErrors>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  // Bumped by "Reset": remounts the schedule field with its defaults.
  const [formVersion, setFormVersion] = useState(0);
  const keyRef = useRef<KeyFieldHandle>(null);
  const bumpKey = useCallback(() => setKeyVersion((v) => v + 1), []);

  // The live source list (for the name check) follows the sources monitor while the form is open.
  useSubscription(startSources);

  const errors: ComposerFieldErrors = useMemo(() => {
    const parsed = ComposerCreate.safeParse({
      name,
      description,
      teamId: teamId || null,
      key: KEY_PLACEHOLDER,
      ...scheduleFields(schedule),
    });
    const out = parsed.success ? {} : composerFieldErrors(parsed.error);
    const clash = nameTakenMessage(name, taken);
    if (clash && !out.name) out.name = clash;
    return { ...out, ...serverErrors };
  }, [name, description, teamId, schedule, taken, serverErrors]);

  const session = auth?.session.kind;
  if (!auth)
    return (
      <section className="view" data-state="loading">
        <h1>New compliance source</h1>
      </section>
    );
  if (session !== 'signed_in' && session !== 'device')
    return <ComposeUnavailable reason="signed-out" organizationName={null} />;
  if (!canManage || !org) return <ComposeUnavailable reason="view-only" organizationName={org?.name ?? null} />;

  if (keychainMissing) {
    // Main refuses to stage too; this says so before anything is typed.
    return (
      <section className="view composer" data-state="keychain-missing">
        <h1>New compliance source</h1>
        <p className="notice" data-testid="compose-keychain-missing">
          Staging is disabled: the system keychain is not available, so a key could not be kept safely until LangWatch
          has it. The message above says how to fix it.
        </p>
      </section>
    );
  }

  const show = (field: keyof ComposerFieldErrors, touched: boolean) =>
    submitted || touched ? errors[field] : undefined;
  const formValid = Object.keys(errors).length === 0 && keyStatus.valid;
  const keyFailed = verdict !== null && keyVerdictKeyWorks(verdict) === false;

  function reset() {
    setName('');
    setDescription('');
    setTeamId('');
    setSchedule(DEFAULT_SCHEDULE);
    setFormVersion((v) => v + 1);
    keyRef.current?.clear();
    bumpKey();
    setSubmitted(false);
    setServerErrors({});
    setConfirming(false);
  }

  async function stage() {
    if (!org) return;
    setConfirming(false);
    setBusy(true);
    // The key goes straight from the field into the IPC call; the field is cleared by take().
    const key = keyRef.current?.take() ?? '';
    const result = await call(() =>
      lw().outbox.stage({
        kind: 'create',
        organizationId: org.id,
        name,
        description: description || undefined,
        teamId: teamId || null,
        key,
        ...scheduleFields(schedule),
      }),
    );
    setBusy(false);
    if (result.ok) {
      reset();
      setOutcome({ kind: 'staged', ...result.value });
    } else {
      setServerErrors((result.error.details?.fieldErrors ?? {}) as ComposerFieldErrors);
      setOutcome({ kind: 'error', message: result.error.message });
    }
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setOutcome(null);
    if (!formValid) return;
    if (keyFailed) return setConfirming(true);
    void stage();
  }

  return (
    <section className="view composer" data-state={busy ? 'staging' : 'ready'}>
      <h1>New compliance source</h1>
      <p className="muted composer-intro">
        A <code>claude_compliance</code> source in <strong>{org.name}</strong>: LangWatch pulls the Anthropic Compliance
        API with this compliance key on the schedule you choose.
      </p>
      <ComposeOutcome outcome={outcome} />
      <form
        onSubmit={submit}
        onReset={(e) => {
          e.preventDefault();
          reset();
          setOutcome(null);
        }}
        noValidate
        className="composer-form"
      >
        <div className="composer-col">
          <Field label="Name" error={show('name', name !== '')}>
            {(id) => (
              <input
                id={id}
                data-testid="name-input"
                value={name}
                maxLength={200}
                onChange={(e) => {
                  setName(e.target.value);
                  setServerErrors({});
                }}
              />
            )}
          </Field>
          <Field label="Team (optional)" error={undefined}>
            {(id) => (
              <select id={id} data-testid="team-select" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
                <option value="">No team (organisation-wide)</option>
                {org.teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Description (optional)" error={show('description', description !== '')}>
            {(id) => (
              <textarea
                id={id}
                data-testid="description-input"
                value={description}
                onChange={(e) => setDescription(e.target.value)}
                rows={2}
              />
            )}
          </Field>
          <ScheduleField key={formVersion} value={schedule} onChange={setSchedule} />
        </div>
        <div className="composer-col">
          <KeyField ref={keyRef} onStatus={setKeyStatus} onEdit={bumpKey} showErrors={submitted} />
          {auth.activeProfileId && (
            <KeyCheckPanel
              target={{
                kind: 'typed',
                profileId: auth.activeProfileId,
                getKey: () => keyRef.current?.peek() ?? '',
              }}
              keyVersion={keyVersion}
              onVerdict={setVerdict}
            />
          )}
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" data-testid="compose-submit" disabled={busy}>
            {busy ? 'Staging…' : 'Stage and submit'}
          </button>
          <button type="reset" data-testid="compose-reset" disabled={busy}>
            Reset form
          </button>
          <span className="muted">
            The key waits in the system keychain; the outbox submits it to LangWatch and then wipes it.
          </span>
        </div>
      </form>
      {confirming && verdict ? (
        <ConfirmUnverifiedKey
          reason={verdictHeadline(verdict).title}
          onStage={() => void stage()}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
    </section>
  );
}

function Field({
  label,
  error,
  children,
}: {
  label: string;
  error: string | undefined;
  children: (id: string) => React.ReactNode;
}) {
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
