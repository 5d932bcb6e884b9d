import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import type { Organization, SourceType } from '../../../src-shared/domain/langwatch';
import { selectActiveOrganization, selectCanManage, useAuthStateStore } from '../../stores/auth-state-store';
import { useAppStore } from '../../stores/app-store';
import { useSourcesStore } from '../../stores/sources-store';
import { useSourceTypesStore } from '../../stores/source-types-store';
import { KeyCheckPanel } from '../key-checks/KeyCheckPanel';
import { verdictHeadline } from '../key-checks/VerdictCard';
import { ComposeFields } from './ComposeFields';
import { ComposeOutcome, ComposeUnavailable } from './ComposeNotices';
import { ConfirmUnverifiedKey } from './ConfirmUnverifiedKey';
import { KeyField } from '../key-checks/KeyField';
import { useSubscription } from '../../stores/use-subscription';
import { useComposeForm } from './use-compose-form';
import { useTakenNames } from './use-taken-names';
import { useSourceForm } from './use-source-form';
import { SourceComposer } from './SourceComposer';
import { TypeBar } from './TypeBar';
import './composer.css';

/** The composer of a new source of any type; `claude_compliance` keeps its own form (key check, preview). */
export function ComposeView() {
  const auth = useAuthStateStore((s) => s.state);
  const org = useAuthStateStore(selectActiveOrganization);
  const canManage = useAuthStateStore(selectCanManage);
  const keychainMissing = useAppStore((s) => s.info?.problems.some((p) => p.area === 'keychain') ?? false);
  const startSources = useSourcesStore((s) => s.start);
  const taken = useTakenNames(org?.id);
  const form = useComposeForm(org, taken);
  const source = useSourceForm(org, taken, 'claude_compliance');
  const plan = useSourceTypesStore((s) => s.plan);
  const loadPlan = useSourceTypesStore((s) => s.loadPlan);
  const picked = useRef(false);

  // The live source list (for the name check) follows the sources monitor while the form is open.
  useSubscription(startSources);
  useEffect(() => void loadPlan(), [loadPlan, org?.id]);
  // A plan known to lock the compliance type opens on the one type it allows, until the person picks.
  useEffect(() => {
    if (!picked.current && plan?.isEnterprise === false && source.form.sourceType !== 'otel_generic')
      source.switchTo('otel_generic');
  }, [plan?.isEnterprise]);

  const session = auth?.session.kind;
  if (!auth)
    return (
      <section className="view" data-state="loading">
        <h1>New source</h1>
      </section>
    );
  if (session !== 'signed_in' && session !== 'device')
    return <ComposeUnavailable reason="signed-out" organizationName={null} />;
  if (!canManage || !org) return <ComposeUnavailable reason="view-only" organizationName={org?.name ?? null} />;

  if (keychainMissing) {
    // Main refuses to stage too; this says so before anything is typed.
    return (
      <section className="view composer" data-state="keychain-missing">
        <h1>New source</h1>
        <p className="notice" data-testid="compose-keychain-missing">
          Staging is disabled: the system keychain is not available, so a key could not be kept safely until LangWatch
          has it. The message above says how to fix it.
        </p>
      </section>
    );
  }

  const type = source.form.sourceType;
  // The common fields follow the person between the compliance form and the others.
  const pick = (next: SourceType) => {
    picked.current = true;
    if (next === type) return;
    const fromCompliance = type === 'claude_compliance';
    const keyDropped = fromCompliance && !form.key.keyStatus.empty ? ['Compliance access key'] : [];
    source.switchTo(next, fromCompliance ? form.values : undefined, keyDropped);
    if (next === 'claude_compliance') {
      form.set.name(source.form.name);
      form.set.description(source.form.description);
      form.set.teamId(source.form.teamId);
      form.set.schedule(source.form.schedule);
    }
  };
  const header = (
    <TypeBar
      type={type}
      plan={plan}
      gate={source.gate}
      planBlock={source.planBlock}
      organizationName={org.name}
      deploymentName={auth?.profiles.find((p) => p.id === auth.activeProfileId)?.name ?? null}
      cleared={source.cleared}
      onPick={pick}
    />
  );
  if (type !== 'claude_compliance') return <SourceComposer source={source} org={org} header={header} />;
  return (
    <ComposeForm
      form={form}
      org={org}
      profileId={auth.activeProfileId}
      header={header}
      blocked={source.planBlock !== null}
    />
  );
}

/**
 * Test mode only: each commit of the form is published (`window.__lwComposerCommit`), so the
 * benchmark times a keystroke in the name field from the input event to React's commit.
 */
function useComposerCommitMarker() {
  const enabled = useAppStore((s) => s.info?.mode === 'test');
  useLayoutEffect(() => {
    if (!enabled) return;
    const w = window as unknown as { __lwComposerCommit?: { seq: number; at: number } };
    w.__lwComposerCommit = { seq: (w.__lwComposerCommit?.seq ?? 0) + 1, at: performance.now() };
  });
}

/** The composer once it may stage: the typed fields, the key column, the actions and the confirmation. */
function ComposeForm({
  form,
  org,
  profileId,
  header,
  blocked,
}: {
  form: ReturnType<typeof useComposeForm>;
  org: Organization;
  profileId: string | null;
  header: ReactNode;
  /** The plan LangWatch reported refuses this type (the head says why). */
  blocked: boolean;
}) {
  const { key } = form;
  useComposerCommitMarker();
  return (
    <section className="view composer" data-state={form.busy ? 'staging' : 'ready'} data-type="claude_compliance">
      {header}
      <ComposeOutcome outcome={form.outcome} />
      <form
        onSubmit={form.submit}
        onReset={(e) => {
          e.preventDefault();
          form.reset();
          form.setOutcome(null);
        }}
        noValidate
        className="composer-form"
      >
        <ComposeFields
          values={form.values}
          set={form.set}
          show={form.show}
          teams={org.teams}
          formVersion={form.formVersion}
        />
        <div className="composer-col">
          <KeyField ref={key.keyRef} onStatus={key.setKeyStatus} onEdit={key.bumpKey} showErrors={form.submitted} />
          {profileId && (
            <KeyCheckPanel
              target={{ kind: 'typed', profileId, getKey: () => key.keyRef.current?.peek() ?? '' }}
              keyVersion={key.keyVersion}
              onVerdict={key.setVerdict}
            />
          )}
        </div>
        <ComposeActions busy={form.busy} blocked={blocked} />
      </form>
      {form.confirming && key.verdict ? (
        <ConfirmUnverifiedKey
          reason={verdictHeadline(key.verdict).title}
          onStage={() => void form.stage()}
          onCancel={() => form.setConfirming(false)}
        />
      ) : null}
    </section>
  );
}

function ComposeActions({ busy, blocked }: { busy: boolean; blocked: boolean }) {
  return (
    <div className="form-actions">
      <button type="submit" className="primary" data-testid="compose-submit" disabled={busy || blocked}>
        {busy ? 'Staging…' : 'Stage and submit'}
      </button>
      <button type="reset" data-testid="compose-reset" disabled={busy}>
        Reset form
      </button>
      <span className="muted">
        The key waits in the system keychain; the outbox submits it to LangWatch and then wipes it.
      </span>
    </div>
  );
}
