// The state of "Test key" and "Preview events" for one key, apart from the panel that shows it.
import { useEffect, useRef, useState } from 'react';
import type { KeyCheckResult, KeyPreviewResult } from '../../../src-shared/domain/key-check';
import { keyVerdictSchema, type KeyVerdict } from '../../../src-shared/domain/key-verdict';
import type { ErrorData } from '../../../src-shared/errors';
import type { IpcResult } from '../../../src-shared/ipc/define';
import { call, lw } from '../../api/lw';
import { useKeyChecksStore } from '../../stores/key-checks-store';

/**
 * Which key to test: one typed in a form (read at click time, sent once, never kept), or a
 * staged entry's key (main reads it from the keychain).
 */
export type KeyCheckTarget =
  { kind: 'typed'; profileId: string; getKey: () => string } | { kind: 'staged'; stagedId: string };

/** A verdict to show, with what it was about. */
export type Shown = { verdict: KeyVerdict; fingerprint: string; anthropicBaseUrl: string };

type CheckState =
  { state: 'idle' } | { state: 'running' } | { state: 'done'; shown: Shown } | { state: 'failed'; error: ErrorData };
/** Where the events preview stands; a failed one carries the verdict that explains it. */
export type PreviewState =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; result: KeyPreviewResult }
  | { state: 'failed'; error: ErrorData; shown: Shown | null };

const MISSING_KEY: ErrorData = { code: 'invalid_argument', message: 'Paste the compliance key first.' };

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

/** The IPC calls for the target, or null when a typed key is still empty (nothing to send). */
function invokesFor(target: KeyCheckTarget): {
  check: () => Promise<IpcResult<KeyCheckResult>>;
  preview: () => Promise<IpcResult<KeyPreviewResult>>;
} | null {
  if (target.kind === 'staged') {
    const stagedId = target.stagedId;
    return {
      check: () => lw().keyChecks.checkStaged({ stagedId }),
      preview: () => lw().keyChecks.previewStaged({ stagedId }),
    };
  }
  const key = target.getKey().trim() || null;
  if (key === null) return null;
  const profileId = target.profileId;
  return {
    check: () => lw().keyChecks.checkTyped({ profileId, key }),
    preview: () => lw().keyChecks.previewTyped({ profileId, key }),
  };
}

/** The last verdict main remembers for a staged entry (none for a typed key). */
function useRememberedVerdict(target: KeyCheckTarget): Shown | undefined {
  const stagedId = target.kind === 'staged' ? target.stagedId : null;
  const remembered = useKeyChecksStore((s) => (stagedId === null ? undefined : s.byStagedId[stagedId]));
  const startVerdicts = useKeyChecksStore((s) => s.start);
  useEffect(() => {
    if (stagedId === null) return;
    void startVerdicts();
  }, [stagedId, startVerdicts]);
  return remembered;
}

/**
 * Check and preview of one key. When `keyVersion` changes the verdict and preview go, and an
 * answer still in flight for the old key is dropped.
 */
export function useKeyCheck(target: KeyCheckTarget, keyVersion: number) {
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
  const remembered = useRememberedVerdict(target);

  const runCheck = async () => {
    const invokes = invokesFor(target);
    if (invokes === null) return setCheck({ state: 'failed', error: MISSING_KEY });
    const asked = version.current;
    setCheck({ state: 'running' });
    const result = await call(invokes.check);
    forKey(asked, () =>
      setCheck(result.ok ? { state: 'done', shown: result.value } : { state: 'failed', error: result.error }),
    );
  };

  const runPreview = async () => {
    const invokes = invokesFor(target);
    if (invokes === null) return setPreview({ state: 'failed', error: MISSING_KEY, shown: null });
    const asked = version.current;
    setPreview({ state: 'running' });
    setDrawerOpen(true);
    const result = await call(invokes.preview);
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
  const verdict = shown?.verdict ?? (preview.state === 'failed' ? (preview.shown?.verdict ?? null) : null);
  return { check, preview, drawerOpen, setDrawerOpen, runCheck, runPreview, shown, verdict };
}
