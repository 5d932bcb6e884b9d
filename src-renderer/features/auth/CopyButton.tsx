import { useState } from 'react';

/** Copies a short, non-secret text (a device code, a request-id) and says so. */
export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" onClick={() => void copy()} aria-label={label} data-testid={testId} data-state={state}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      {state === 'failed' ? (
        <span role="status" className="hint">
          The clipboard is not available here: select the code and copy it.
        </span>
      ) : null}
    </>
  );
}
