import { useState } from 'react';
import type { Cause, Diagnosis, DiagnosisAction, Evidence } from '../../../src-shared/domain/diagnosis';
import { useAuthStateStore } from '../../stores/auth-state-store';
import type { HealthState } from './HealthCard';
import { KeyRecheck } from './KeyRecheck';
import { useDiagnosis, useDiagnosisReport, type JustChecked } from './use-diagnosis';

/** Button text per action; `null` = no button (the fix is a sentence, e.g. waiting). */
const ACTION_LABEL: Record<DiagnosisAction, string | null> = {
  replace_key: 'Replace key',
  set_schedule: 'Set a schedule',
  test_key: 'Test key again',
  enable: 'Enable the source',
  wait: null,
  ask_operator: 'Copy report for the operator',
  create_new: 'Create a new source',
};
/** Actions that change the source: a read-only session shows the fix as text only. */
const MANAGE_ACTIONS = new Set<DiagnosisAction>(['replace_key', 'set_schedule', 'enable', 'create_new']);
const STRENGTH_LABEL: Record<Evidence, string> = { confirmed: 'Confirmed', likely: 'Likely', possible: 'Possible' };

interface Props {
  id: string;
  name: string;
  version: number;
  canManage: boolean;
  /** The detail's health read, which fills in the diagnosis's "Events (30 d)" row when it arrives. */
  health: HealthState;
  /** Moves the focus to the control that performs a managing action (replace key, schedule, enable). */
  onAction(action: DiagnosisAction): void;
}

/** Why a compliance source receives no events: causes ranked by evidence, each with its fix. */
export function DiagnosisPanel({ id, name, version, canManage, health, onAction }: Props) {
  const [justChecked, setJustChecked] = useState<JustChecked | null>(null);
  const [recheckOpen, setRecheckOpen] = useState(false);
  const profile = useAuthStateStore((s) => s.state?.profiles.find((p) => p.id === s.state?.activeProfileId) ?? null);
  const { diagnosis, error } = useDiagnosis(id, version, justChecked, health);
  const { copied, copyReport } = useDiagnosisReport(diagnosis, { id, name }, profile);

  function act(action: DiagnosisAction) {
    if (action === 'ask_operator') void copyReport();
    else if (action === 'test_key') setRecheckOpen(true);
    else onAction(action);
  }

  return (
    <div
      className="card diagnosis"
      data-testid="diagnosis"
      data-state={diagnosis ? 'ready' : error ? 'error' : 'loading'}
    >
      <div className="card-head">
        <h2>Why no events arrive</h2>
        <span className="row">
          {/* Always at hand, unless a cause already ends in it. */}
          {diagnosis && !diagnosis.causes.some((c) => c.action === 'test_key') && (
            <button
              type="button"
              onClick={() => setRecheckOpen(true)}
              disabled={!profile}
              data-testid="diagnosis-test-key"
            >
              Test key again
            </button>
          )}
          <button type="button" onClick={() => void copyReport()} disabled={!diagnosis} data-testid="copy-report">
            {copied === 'copied' ? 'Report copied' : 'Copy report'}
          </button>
        </span>
      </div>
      {copied === 'failed' && (
        <p role="alert">The clipboard refused the report; select the facts below and copy them by hand.</p>
      )}
      {error && <p role="alert">The diagnosis could not be made: {error.message}</p>}
      {diagnosis && (
        <>
          {diagnosis.causes.length === 0 ? (
            <p className="muted">Nothing to diagnose: the source receives events.</p>
          ) : (
            <ol className="causes">
              {diagnosis.causes.map((c) => (
                <CauseItem key={c.id} cause={c} canManage={canManage} onAct={act} />
              ))}
            </ol>
          )}
          {recheckOpen && profile && (
            <KeyRecheck
              profileId={profile.id}
              sourceId={id}
              onChecked={setJustChecked}
              onClose={() => setRecheckOpen(false)}
            />
          )}
          <KnownFacts diagnosis={diagnosis} />
        </>
      )}
    </div>
  );
}

/** What the diagnosis knows for sure, open when there is a cause to weigh it against. */
function KnownFacts({ diagnosis }: { diagnosis: Diagnosis }) {
  return (
    <details className="known" open={diagnosis.causes.length > 0}>
      <summary>What is known</summary>
      <dl className="facts" data-testid="diagnosis-facts">
        {diagnosis.known.map((k) => (
          <div key={k.label} className="facts-row" data-unknown={k.unknown}>
            <dt>{k.label}</dt>
            <dd className={k.unknown ? 'unknown' : undefined}>{k.value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function CauseItem({
  cause: c,
  canManage,
  onAct,
}: {
  cause: Cause;
  canManage: boolean;
  onAct(action: DiagnosisAction): void;
}) {
  const label = ACTION_LABEL[c.action];
  const allowed = canManage || !MANAGE_ACTIONS.has(c.action);
  return (
    <li
      data-testid={`cause-${c.id}`}
      data-strength={c.strength}
      data-action={c.action}
      className={`cause strength-${c.strength}`}
    >
      <div className="cause-head">
        <span className={`strength strength-${c.strength}`}>{STRENGTH_LABEL[c.strength]}</span>
        <strong>{c.title}</strong>
      </div>
      <p className="cause-evidence">{c.evidence}</p>
      <div className="cause-fix">
        {label && allowed ? (
          <button type="button" onClick={() => onAct(c.action)} data-testid={`cause-action-${c.action}`}>
            {label}
          </button>
        ) : null}
        <span className="muted">{!allowed ? `An admin can fix this: ${c.fix}` : c.fix}</span>
      </div>
    </li>
  );
}
