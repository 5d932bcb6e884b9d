import { useState } from 'react';
import { INGEST_SECRET_KEEP_MS, type RevealedIngestSecret } from '../../../src-shared/domain/ingest-secret';
import type { ErrorData } from '../../../src-shared/errors';
import { call, lw } from '../../api/lw';
import { RevealedSecret } from './RevealedSecret';
import { useModal } from './use-modal';
import './ingest-secret.css';

const KEEP_DAYS = INGEST_SECRET_KEEP_MS / (24 * 3_600_000);

/**
 * The one place an ingest secret is shown: asked for explicitly (revealing wipes the console's
 * copy), then the value, its endpoint and snippets, and an "I have stored it" step before the
 * panel closes. The value lives in this component's state only, and goes when it closes.
 */
export function RevealPanel({
  sourceId,
  sourceName,
  onClose,
}: {
  sourceId: string;
  sourceName: string;
  onClose(): void;
}) {
  const dialog = useModal(true);
  const [revealed, setRevealed] = useState<RevealedIngestSecret | null>(null);
  const [error, setError] = useState<ErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  const [stored, setStored] = useState(false);
  const [mustConfirm, setMustConfirm] = useState(false);

  async function reveal() {
    setBusy(true);
    setError(null);
    const r = await call(() => lw().ingestSecrets.reveal({ sourceId }));
    setBusy(false);
    if (r.ok) setRevealed(r.value);
    else setError(r.error);
  }
  function close() {
    setRevealed(null);
    onClose();
  }

  return (
    <dialog
      ref={dialog}
      className="modal reveal-panel"
      aria-labelledby="reveal-title"
      data-testid="reveal-panel"
      data-state={revealed ? 'revealed' : error ? 'refused' : 'asking'}
      onCancel={(e) => {
        // Escape before "I have stored it" would lose the only copy: ask for the step instead.
        if (revealed && !stored) {
          e.preventDefault();
          setMustConfirm(true);
          document.getElementById('stored-it')?.focus();
        }
      }}
      onClose={close}
    >
      <h2 id="reveal-title">Ingest secret of {sourceName}</h2>
      {!revealed && <AskToReveal error={error} busy={busy} onReveal={() => void reveal()} onClose={close} />}
      {revealed && (
        <>
          <RevealedSecret revealed={revealed} />
          <StoredStep stored={stored} setStored={setStored} mustConfirm={mustConfirm} onDone={close} />
        </>
      )}
    </dialog>
  );
}

/** Before the reveal: what revealing means, and the explicit step (or why it was refused). */
function AskToReveal(props: { error: ErrorData | null; busy: boolean; onReveal(): void; onClose(): void }) {
  const { error, busy } = props;
  return (
    <>
      <p>
        The console holds this source’s ingest secret for you (for {KEEP_DAYS} days after it arrived). It is shown once:
        revealing it wipes the console’s copy, and LangWatch keeps only its hash. Have a safe place ready, such as your
        password manager.
      </p>
      {error && (
        <p role="alert" className="field-error" data-testid="reveal-error" data-code={error.code}>
          {error.message}
        </p>
      )}
      <div className="row modal-actions">
        <button type="button" onClick={props.onClose} data-testid="reveal-cancel">
          {error ? 'Close' : 'Not now'}
        </button>
        {!error && (
          <button
            type="button"
            className="primary"
            onClick={props.onReveal}
            disabled={busy}
            autoFocus
            data-testid="reveal-secret"
          >
            {busy ? 'Revealing…' : 'Reveal secret'}
          </button>
        )}
      </div>
    </>
  );
}

/** After the reveal: "I have stored it", the only way to Done. */
function StoredStep(props: {
  stored: boolean;
  setStored(stored: boolean): void;
  mustConfirm: boolean;
  onDone(): void;
}) {
  const { stored, mustConfirm } = props;
  return (
    <>
      <label className="stored-step">
        <input
          id="stored-it"
          type="checkbox"
          checked={stored}
          onChange={(e) => props.setStored(e.target.checked)}
          data-testid="stored-it"
        />
        I have stored it somewhere safe (it cannot be shown again)
      </label>
      {mustConfirm && !stored && (
        <p role="alert" className="field-error">
          Tick “I have stored it” first: closing now loses the only copy.
        </p>
      )}
      <div className="row modal-actions">
        <button type="button" className="primary" disabled={!stored} onClick={props.onDone} data-testid="reveal-done">
          Done
        </button>
      </div>
    </>
  );
}
