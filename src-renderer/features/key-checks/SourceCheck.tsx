import type { SourceCheckResult } from '../../../src-shared/domain/source-check';
import { assertNever } from '../../../src-shared/errors';
import { formatClock } from '../sources/LocalTime';
import { useSourceCheck, type SourceCheckTarget } from './use-source-check';
import { RequestId } from './VerdictCard';
import './key-checks.css';

/** Headline and tone of a credential check's verdict (the compliance key's model, in words for any vendor). */
function headline(verdict: SourceCheckResult['verdict']): { title: string; tone: 'ok' | 'warn' | 'bad' } {
  switch (verdict.verdict) {
    case 'valid':
      return { title: 'Credentials work', tone: 'ok' };
    case 'invalid_key':
      return { title: 'Credentials refused', tone: 'bad' };
    case 'missing_scope':
      return { title: 'Credentials lack access', tone: 'bad' };
    case 'rate_limited':
      return { title: 'Rate limited right now', tone: 'warn' };
    case 'inconclusive':
      return { title: 'Could not check', tone: 'warn' };
    case 'wrong_endpoint':
      return { title: 'Not the API the source reads', tone: 'bad' };
    default:
      return assertNever(verdict, 'source check verdict');
  }
}

/** A list under its heading, or nothing when empty. */
function Facts({ title, items, testId }: { title: string; items: string[]; testId: string }) {
  if (items.length === 0) return null;
  return (
    <div data-testid={testId}>
      <strong>{title}</strong>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </div>
  );
}

/** What one check found: the verdict, what it proved, what it could not, the next step and the request-id. */
function SourceVerdictCard({ result, onRetry }: { result: SourceCheckResult; onRetry: () => void }) {
  const { verdict } = result;
  const { title, tone } = headline(verdict);
  const fingerprints = Object.entries(result.fingerprints);
  return (
    <div
      className={`verdict-card tone-${tone}`}
      data-testid="source-verdict"
      data-verdict={verdict.verdict}
      role="status"
    >
      <h3>{title}</h3>
      <p className="muted">
        {fingerprints.map(([field, fp]) => (
          <span key={field}>
            {field} <span className="mono">{fp}</span> ·{' '}
          </span>
        ))}
        checked {formatClock(new Date(verdict.checkedAt))} at <span className="mono">{result.target}</span>
        {verdict.httpStatus !== null && <> · HTTP {verdict.httpStatus}</>}
      </p>
      <p>{verdict.message}</p>
      <Facts title="Proved" items={result.proved} testId="source-verdict-proved" />
      <Facts title="Could not prove" items={result.notProved} testId="source-verdict-not-proved" />
      <p>
        <strong>Next:</strong> {verdict.nextStep}
      </p>
      {verdict.serverMessage !== null && (
        <p className="muted">
          The server said: <q>{verdict.serverMessage}</q>
        </p>
      )}
      <RequestId requestId={verdict.requestId} />
      {(verdict.verdict === 'inconclusive' || verdict.verdict === 'rate_limited') && (
        <button type="button" onClick={onRetry} data-testid="source-check-retry">
          Retry
        </button>
      )}
    </div>
  );
}

/**
 * "Check credentials" for a source of any type whose check has no side effects: typed in the
 * composer (`{sourceType, values, secrets}`, sent once and never kept) or staged (`{entryId}`,
 * read from the keychain by main for its owner). Shows progress and a card saying what was
 * proved and what could not be; a locked keychain and a refused destination are their own states.
 */
export function SourceCheck(props: SourceCheckTarget) {
  const { check, run } = useSourceCheck(props);
  const start = () => void run();
  return (
    <div className="key-check" data-testid="source-check" data-state={check.state} aria-live="polite">
      <div className="row">
        <button type="button" onClick={start} disabled={check.state === 'running'} data-testid="source-check-run">
          {check.state === 'running' ? 'Checking…' : 'Check credentials'}
        </button>
        {check.state === 'running' && <span className="muted">Asking the vendor; nothing is changed there.</span>}
      </div>
      {check.state === 'done' && <SourceVerdictCard result={check.result} onRetry={start} />}
      {check.state === 'locked' && (
        <div className="verdict-card tone-warn" role="status" data-testid="source-check-locked">
          <h3>Keychain locked</h3>
          <p>{check.error.message}</p>
          <p className="muted">
            Nothing was checked, and the staged secrets are kept. Unlock the keychain, then retry.
          </p>
          <button type="button" onClick={start}>
            Retry
          </button>
        </div>
      )}
      {check.state === 'refused' && (
        <div className="verdict-card tone-bad" role="status" data-testid="source-check-refused">
          <h3>Destination refused: nothing was sent</h3>
          <p>{check.error.message}</p>
        </div>
      )}
      {check.state === 'failed' && (
        <p className="key-check-error" role="alert" data-testid="source-check-error">
          {check.error.message}
        </p>
      )}
    </div>
  );
}
