// The state of "Check credentials" for one source, typed in the composer or staged, apart from the card that shows it.
import { useEffect, useRef, useState } from 'react';
import type { SourceType } from '../../../src-shared/domain/langwatch';
import type { SourceCheckResult } from '../../../src-shared/domain/source-check';
import type { ErrorData } from '../../../src-shared/errors';
import { call, lw } from '../../api/lw';

/** What to check: typed values and secrets (sent once, never kept), or a staged entry (main reads its unit). */
export type SourceCheckTarget =
  { sourceType: SourceType; values: Record<string, string>; secrets: Record<string, string> } | { entryId: string };

/** Where a check stands. `locked` and `refused` are their own states: neither says anything about the credentials. */
export type SourceCheckState =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; result: SourceCheckResult }
  | { state: 'locked'; error: ErrorData }
  | { state: 'refused'; error: ErrorData }
  | { state: 'failed'; error: ErrorData };

function stateOfError(error: ErrorData): SourceCheckState {
  if (error.code === 'keychain.unavailable') return { state: 'locked', error };
  if (error.code === 'keyChecks.destination_refused') return { state: 'refused', error };
  return { state: 'failed', error };
}

/**
 * One credential check. A result belongs to the exact inputs checked: when they change it goes,
 * and an answer still in flight for the old ones is dropped.
 */
export function useSourceCheck(target: SourceCheckTarget) {
  const [check, setCheck] = useState<SourceCheckState>({ state: 'idle' });
  const asked = useRef(0);
  const typed = 'entryId' in target ? null : target;
  const entryId = 'entryId' in target ? target.entryId : null;
  // By content, not identity: a parent re-rendering with equal objects keeps the result. The
  // string lives only as long as the props it is made of (the composer holds them anyway).
  const inputs = typed === null ? `entry:${entryId}` : JSON.stringify([typed.sourceType, typed.values, typed.secrets]);
  useEffect(() => {
    asked.current += 1;
    setCheck({ state: 'idle' });
  }, [inputs]);

  const run = async () => {
    const mine = ++asked.current;
    setCheck({ state: 'running' });
    const result = await call(() =>
      entryId !== null
        ? lw().keyChecks.checkStagedSource({ entryId })
        : lw().keyChecks.checkSource({ sourceType: typed!.sourceType, values: typed!.values, secrets: typed!.secrets }),
    );
    if (asked.current !== mine) return;
    setCheck(result.ok ? { state: 'done', result: result.value } : stateOfError(result.error));
  };
  return { check, run };
}
