import { useState } from 'react';
import type { WaitingIngestSecret } from '../../../src-shared/domain/ingest-secret';
import { RevealPanel } from './RevealPanel';
import { useWaitingSecrets } from './use-waiting-secrets';
import './ingest-secret.css';

/**
 * Shown above every view while ingest secrets wait for the person at the console: a create
 * staged offline may have gone through hours later, and its secret must still reach them.
 */
export function WaitingSecrets() {
  const { waiting, reload } = useWaitingSecrets();
  const [open, setOpen] = useState<WaitingIngestSecret | null>(null);
  if (waiting.length === 0 && !open) return null;
  return (
    <section className="waiting-secrets" aria-label="Ingest secrets waiting for you" data-testid="waiting-secrets">
      <p>
        {waiting.length === 1 ? 'An ingest secret waits' : `${waiting.length} ingest secrets wait`} for you: each is
        shown once, then wiped. Unrevealed, it is wiped when it expires.
      </p>
      <ul>
        {waiting.map((w) => (
          <li key={w.sourceId} data-testid={`waiting-secret-${w.sourceId}`}>
            <span className="grow">
              {w.sourceName}{' '}
              <span className="muted">
                ({w.sourceType}, until {new Date(w.expiresAt).toLocaleString()})
              </span>
            </span>
            <button type="button" onClick={() => setOpen(w)} data-testid={`reveal-open-${w.sourceId}`}>
              Reveal…
            </button>
          </li>
        ))}
      </ul>
      {open && (
        <RevealPanel
          sourceId={open.sourceId}
          sourceName={open.sourceName}
          onClose={() => {
            setOpen(null);
            reload();
          }}
        />
      )}
    </section>
  );
}
