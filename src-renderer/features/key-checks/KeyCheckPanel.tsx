import { useEffect } from 'react';
import type { KeyVerdict } from '../../../src-shared/domain/key-verdict';
import { PreviewDrawer } from './PreviewDrawer';
import { PreviewTable } from './PreviewTable';
import { useKeyCheck, type KeyCheckTarget, type PreviewState } from './use-key-check';
import { VerdictCard } from './VerdictCard';
import './key-checks.css';

/**
 * "Test key" and "Preview events" for a typed or staged compliance key. A verdict belongs to
 * the key it checked: when `keyVersion` changes (the typed key was edited, or the form reset)
 * the verdict and preview go, and an answer still in flight for the old key is dropped.
 */
export function KeyCheckPanel({
  target,
  keyVersion = 0,
  onVerdict,
  refused = false,
}: {
  target: KeyCheckTarget;
  keyVersion?: number;
  onVerdict?: (verdict: KeyVerdict | null) => void;
  /** The staged entry was refused by LangWatch: a working key is shown as such, never as an all-clear. */
  refused?: boolean;
}) {
  const { check, preview, drawerOpen, setDrawerOpen, runCheck, runPreview, shown, verdict } = useKeyCheck(
    target,
    keyVersion,
  );
  const busy = check.state === 'running' || preview.state === 'running';
  useEffect(() => onVerdict?.(verdict), [verdict, onVerdict]);

  return (
    <div className="key-check" data-testid="key-check" data-state={busy ? 'running' : 'idle'}>
      <div className="row">
        <button type="button" onClick={runCheck} disabled={check.state === 'running'} data-testid="test-key">
          {check.state === 'running' ? 'Testing…' : 'Test key'}
        </button>
        <button type="button" onClick={runPreview} disabled={preview.state === 'running'} data-testid="preview-events">
          {preview.state === 'running' ? 'Loading…' : 'Preview events'}
        </button>
      </div>
      <div aria-live="polite" data-testid="key-check-result">
        {check.state === 'failed' && (
          <p className="key-check-error" role="alert" data-testid="key-check-error" data-code={check.error.code}>
            {check.error.message}
          </p>
        )}
        {shown && (
          <VerdictCard
            verdict={shown.verdict}
            fingerprint={shown.fingerprint}
            anthropicBaseUrl={shown.anthropicBaseUrl}
            onRetry={runCheck}
            refused={refused}
          />
        )}
      </div>
      {drawerOpen && preview.state !== 'idle' && (
        <PreviewDrawer title="Events preview: what LangWatch will ingest" onClose={() => setDrawerOpen(false)}>
          <PreviewOutcome preview={preview} onRetry={runPreview} />
        </PreviewDrawer>
      )}
    </div>
  );
}

/** The drawer's body: loading, the events, or the verdict (or error) that explains why there are none. */
function PreviewOutcome({ preview, onRetry }: { preview: PreviewState; onRetry: () => Promise<void> }) {
  if (preview.state === 'running') return <p role="status">Loading the newest activities…</p>;
  if (preview.state === 'done') return <PreviewTable preview={preview.result.preview} />;
  if (preview.state !== 'failed') return null;
  return (
    <div data-testid="preview-error" data-code={preview.error.code}>
      {preview.shown ? (
        <VerdictCard
          verdict={preview.shown.verdict}
          fingerprint={preview.shown.fingerprint}
          anthropicBaseUrl={preview.shown.anthropicBaseUrl}
          onRetry={onRetry}
        />
      ) : (
        <p className="key-check-error" role="alert">
          {preview.error.message}
        </p>
      )}
    </div>
  );
}
