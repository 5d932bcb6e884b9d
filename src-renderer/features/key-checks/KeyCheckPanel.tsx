import { useEffect, useRef, useState } from 'react';
import type { KeyCheckResult, KeyPreviewResult } from '../../../src-shared/domain/key-check';
import { keyVerdictSchema, type KeyVerdict } from '../../../src-shared/domain/key-verdict';
import type { ErrorData } from '../../../src-shared/errors';
import type { IpcResult } from '../../../src-shared/ipc/define';
import { call, lw } from '../../api/lw';
import { useKeyChecksStore } from '../../stores/key-checks-store';
import { PreviewDrawer } from './PreviewDrawer';
import { PreviewTable } from './PreviewTable';
import { VerdictCard } from './VerdictCard';
import './key-checks.css';

/**
 * Which key to test: one typed in a form (read at click time, sent once, never kept), or a
 * staged entry's key (main reads it from the keychain).
 */
export type KeyCheckTarget =
  { kind: 'typed'; profileId: string; getKey: () => string } | { kind: 'staged'; stagedId: string };

/** A verdict to show, with what it was about. */
type Shown = { verdict: KeyVerdict; fingerprint: string; anthropicBaseUrl: string };

type CheckState =
  { state: 'idle' } | { state: 'running' } | { state: 'done'; shown: Shown } | { state: 'failed'; error: ErrorData };
type PreviewState =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; result: KeyPreviewResult }
  | { state: 'failed'; error: ErrorData; shown: Shown | null };

/** A failed preview carries the verdict that explains it. */
function verdictOfError(error: ErrorData): Shown | null {
  if (error.code !== 'anthropic.request_failed') return null;
  const verdict = keyVerdictSchema.safeParse(error.details?.['verdict']);
  if (!verdict.success) return null;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    verdict: verdict.data,
    fingerprint: str(error.details?.['fingerprint']),
    anthropicBaseUrl: str(error.details?.['anthropicBaseUrl']),
  };
}

/**
 * "Test key" and "Preview events" for a typed or staged compliance key. A verdict belongs to
 * the key it checked: when `keyVersion` changes (the typed key was edited, or the form reset)
 * the verdict and preview go, and an answer still in flight for the old key is dropped.
 */
export function KeyCheckPanel({
  target,
  keyVersion = 0,
  onVerdict,
}: {
  target: KeyCheckTarget;
  keyVersion?: number;
  onVerdict?: (verdict: KeyVerdict | null) => void;
}) {
  const [check, setCheck] = useState<CheckState>({ state: 'idle' });
  const [preview, setPreview] = useState<PreviewState>({ state: 'idle' });
  const [drawerOpen, setDrawerOpen] = useState(false);
  const version = useRef(keyVersion);
  useEffect(() => {
    if (version.current === keyVersion) return;
    version.current = keyVersion;
    setCheck({ state: 'idle' });
    setPreview({ state: 'idle' });
    setDrawerOpen(false);
  }, [keyVersion]);
  /** Sets a result only if the key is still the one that was checked. */
  const forKey = (asked: number, apply: () => void) => {
    if (version.current === asked) apply();
  };
  const stagedId = target.kind === 'staged' ? target.stagedId : null;
  const remembered = useKeyChecksStore((s) => (stagedId === null ? undefined : s.byStagedId[stagedId]));
  const startVerdicts = useKeyChecksStore((s) => s.start);

  useEffect(() => {
    if (stagedId === null) return;
    void startVerdicts();
  }, [stagedId, startVerdicts]);

  /** The typed key now, or null with a message when there is nothing to send. */
  const typedKey = (): string | null => (target.kind === 'typed' ? target.getKey().trim() || null : null);
  const missingKey: ErrorData = { code: 'invalid_argument', message: 'Paste the compliance key first.' };

  const runCheck = async () => {
    let invoke: () => Promise<IpcResult<KeyCheckResult>>;
    if (target.kind === 'typed') {
      const key = typedKey();
      if (key === null) return setCheck({ state: 'failed', error: missingKey });
      invoke = () => lw().keyChecks.checkTyped({ profileId: target.profileId, key });
    } else {
      invoke = () => lw().keyChecks.checkStaged({ stagedId: target.stagedId });
    }
    const asked = version.current;
    setCheck({ state: 'running' });
    const result = await call(invoke);
    forKey(asked, () =>
      setCheck(result.ok ? { state: 'done', shown: result.value } : { state: 'failed', error: result.error }),
    );
  };

  const runPreview = async () => {
    let invoke: () => Promise<IpcResult<KeyPreviewResult>>;
    if (target.kind === 'typed') {
      const key = typedKey();
      if (key === null) return setPreview({ state: 'failed', error: missingKey, shown: null });
      invoke = () => lw().keyChecks.previewTyped({ profileId: target.profileId, key });
    } else {
      invoke = () => lw().keyChecks.previewStaged({ stagedId: target.stagedId });
    }
    const asked = version.current;
    setPreview({ state: 'running' });
    setDrawerOpen(true);
    const result = await call(invoke);
    forKey(asked, () =>
      setPreview(
        result.ok
          ? { state: 'done', result: result.value }
          : { state: 'failed', error: result.error, shown: verdictOfError(result.error) },
      ),
    );
  };

  // A fresh check wins; a staged entry otherwise shows the last verdict main remembers.
  const shown: Shown | null =
    check.state === 'done' ? check.shown : check.state === 'idle' && remembered ? remembered : null;
  const busy = check.state === 'running' || preview.state === 'running';
  const verdict = shown?.verdict ?? (preview.state === 'failed' ? (preview.shown?.verdict ?? null) : null);
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
          />
        )}
      </div>
      {drawerOpen && preview.state !== 'idle' && (
        <PreviewDrawer title="Events preview: what LangWatch will ingest" onClose={() => setDrawerOpen(false)}>
          {preview.state === 'running' && <p role="status">Loading the newest activities…</p>}
          {preview.state === 'done' && <PreviewTable preview={preview.result.preview} />}
          {preview.state === 'failed' && (
            <div data-testid="preview-error" data-code={preview.error.code}>
              {preview.shown ? (
                <VerdictCard
                  verdict={preview.shown.verdict}
                  fingerprint={preview.shown.fingerprint}
                  anthropicBaseUrl={preview.shown.anthropicBaseUrl}
                  onRetry={runPreview}
                />
              ) : (
                <p className="key-check-error" role="alert">
                  {preview.error.message}
                </p>
              )}
            </div>
          )}
        </PreviewDrawer>
      )}
    </div>
  );
}
