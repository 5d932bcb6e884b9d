import { useEffect, useState } from 'react';
import type { Diagnosis } from '../../../src-shared/domain/diagnosis';
import type { ErrorData } from '../../../src-shared/errors';
import { call, lw } from '../../api/lw';

/** Why a claude_compliance source may be stuck in awaiting_first_event, and what to do next. */
export function DiagnosisPanel({ id, version }: { id: string; version: number }) {
  const [diagnosis, setDiagnosis] = useState<Diagnosis | null>(null);
  const [error, setError] = useState<ErrorData | null>(null);
  useEffect(() => {
    let live = true;
    void call(() => lw().sources.diagnose({ id })).then((r) => {
      if (!live) return;
      if (r.ok) setDiagnosis(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [id, version]);

  return (
    <div className="card" data-testid="diagnosis" data-state={diagnosis ? 'ready' : error ? 'error' : 'loading'}>
      <h2>Diagnosis</h2>
      {error && <p role="alert">{error.message}</p>}
      {diagnosis && (
        <>
          <h3>What is known</h3>
          <dl className="facts">
            {diagnosis.known.map((k) => (
              <div key={k.label} className="facts-row">
                <dt>{k.label}</dt>
                <dd>{k.value}</dd>
              </div>
            ))}
          </dl>
          <h3>Likely causes</h3>
          <ol className="causes">
            {diagnosis.causes.map((c) => (
              <li key={c.id} data-testid={`cause-${c.id}`} data-likelihood={c.likelihood}>
                <span className="likelihood">{c.likelihood}</span>
                {c.cause}
                <br />
                <strong>Next step:</strong> {c.nextStep}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
