import { useState } from 'react';
import { ROTATION_GRACE_HOURS, usesIngestSecret } from '../../../src-shared/domain/ingest-secret';
import type { Source } from '../../../src-shared/domain/langwatch';
import { call, lw } from '../../api/lw';
import { RevealPanel } from '../ingest-secret/RevealPanel';
import { useWaitingSecrets } from '../ingest-secret/use-waiting-secrets';
import { useModal } from '../ingest-secret/use-modal';

/**
 * A push source's ingest secret on its detail: reveal one that waits for this person, or
 * rotate it (LangWatch accepts the old one for 24 h more), which leads to the same reveal panel.
 */
export function IngestSecretCard({ source }: { source: Source }) {
  const { waiting, reload } = useWaitingSecrets();
  const [asking, setAsking] = useState(false);
  const [revealing, setRevealing] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  if (!usesIngestSecret(source.sourceType) || source.archivedAt !== null) return null;
  const waits = waiting.some((w) => w.sourceId === source.id);
  return (
    <div className="card" data-testid="ingest-secret-card">
      <h2>Ingest secret</h2>
      <p className="muted">
        Senders present this secret to LangWatch as a bearer token. LangWatch keeps only its hash, so a lost one is
        replaced, not shown again.
      </p>
      <div className="row">
        {waits && (
          <button type="button" className="primary" onClick={() => setRevealing(true)} data-testid="reveal-open">
            Reveal the waiting secret…
          </button>
        )}
        <button type="button" onClick={() => setAsking(true)} data-testid="rotate-open">
          Rotate secret…
        </button>
      </div>
      {note && (
        <p role="status" data-testid="rotate-note">
          {note}
        </p>
      )}
      {asking && (
        <RotateDialog
          source={source}
          onClose={() => setAsking(false)}
          onRotated={(kept) => {
            setAsking(false);
            reload();
            if (kept) setRevealing(true);
            else
              setNote(
                `LangWatch made a new secret, but the keychain did not take it, so it is lost. Unlock the keychain and rotate again; the previous secret still works for ${ROTATION_GRACE_HOURS} hours.`,
              );
          }}
        />
      )}
      {revealing && (
        <RevealPanel
          sourceId={source.id}
          sourceName={source.name}
          onClose={() => {
            setRevealing(false);
            reload();
          }}
        />
      )}
    </div>
  );
}

/** Asks before rotating, with what the 24-hour grace means for the senders. */
function RotateDialog({
  source,
  onClose,
  onRotated,
}: {
  source: Source;
  onClose(): void;
  onRotated(kept: boolean): void;
}) {
  const dialog = useModal(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function rotate() {
    setBusy(true);
    setError(null);
    const r = await call(() => lw().ingestSecrets.rotate({ sourceId: source.id }));
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    onRotated(r.value.outcome === 'kept');
  }
  return (
    <dialog ref={dialog} className="modal" aria-labelledby="rotate-title" data-testid="rotate-dialog" onClose={onClose}>
      <h2 id="rotate-title">Rotate the ingest secret?</h2>
      <p>
        LangWatch makes a new secret for <strong className="whole-name">{source.name}</strong> and shows it once. The
        current secret keeps working for {ROTATION_GRACE_HOURS} hours, time to put the new one into every sender; after
        that, only the new one is accepted.
      </p>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <div className="row modal-actions">
        <button type="button" onClick={onClose} data-testid="rotate-cancel">
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void rotate()}
          autoFocus
          data-testid="rotate-secret"
        >
          {busy ? 'Rotating…' : 'Rotate secret'}
        </button>
      </div>
    </dialog>
  );
}
