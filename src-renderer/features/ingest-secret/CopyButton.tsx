import { useState } from 'react';
import { CLIPBOARD_CLEAR_MS } from '../../../src-shared/domain/ingest-secret';
import { call, lw } from '../../api/lw';

/**
 * Copies through main, which clears the clipboard again after CLIPBOARD_CLEAR_MS (if it still
 * holds what was copied): the value never waits in the renderer to be cleared later.
 */
export function CopyButton({ text, label, testId }: { text: string; label: string; testId: string }) {
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  async function copy() {
    const r = await call(() => lw().ingestSecrets.copy({ text }));
    setSaid(
      r.ok
        ? { ok: true, text: `Copied. The clipboard is cleared in ${Math.round(r.value.clearAfterMs / 1000)} seconds.` }
        : { ok: false, text: r.error.message },
    );
  }
  return (
    <span className="copy-button">
      <button
        type="button"
        onClick={() => void copy()}
        data-testid={testId}
        aria-label={`${label} (cleared from the clipboard after ${CLIPBOARD_CLEAR_MS / 1000} s)`}
      >
        {label}
      </button>
      {said && (
        <span role="status" className={said.ok ? 'muted' : 'field-error'} data-testid={`${testId}-status`}>
          {said.text}
        </span>
      )}
    </span>
  );
}
