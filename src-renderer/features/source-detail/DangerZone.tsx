import { useEffect, useRef, useState } from 'react';
import type { Source } from '../../../src-shared/domain/langwatch';
import { call, lw } from '../../api/lw';

/**
 * Archiving, apart from everyday actions: it cannot be undone, so it opens a modal that
 * shows the whole name and asks for it to be typed. Main checks the typed name again.
 */
export function DangerZone({ source, onArchived }: { source: Source; onArchived(): void }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="card danger-zone" data-testid="danger-zone">
      <h2>Danger zone</h2>
      <div className="row">
        <p className="muted grow">
          Archiving stops the source for good. LangWatch keeps its events but never pulls it again; it cannot be undone.
        </p>
        <button type="button" className="danger" onClick={() => setOpen(true)} data-testid="archive-open">
          Archive…
        </button>
      </div>
      <ArchiveDialog source={source} open={open} setOpen={setOpen} onArchived={onArchived} />
    </div>
  );
}

/** A `<dialog>` shown as a modal while `open`, closed otherwise. */
function useModal(open: boolean) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return dialog;
}

/** The modal that asks for the whole name to be typed before archiving. */
function ArchiveDialog({
  source,
  open,
  setOpen,
  onArchived,
}: {
  source: Source;
  open: boolean;
  setOpen(open: boolean): void;
  onArchived(): void;
}) {
  const dialog = useModal(open);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function archive() {
    setBusy(true);
    setError(null);
    const r = await call(() => lw().sources.archive({ id: source.id, confirmName: typed }));
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setOpen(false);
    setTyped('');
    onArchived();
  }

  return (
    <dialog
      ref={dialog}
      className="modal"
      aria-labelledby="archive-title"
      data-testid="archive-dialog"
      onClose={() => setOpen(false)}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed === source.name) void archive();
        }}
      >
        <h2 id="archive-title">Archive this source?</h2>
        <p>
          <strong className="whole-name" data-testid="archive-name">
            {source.name}
          </strong>
        </p>
        <p>
          It will never be pulled again and cannot be restored. You will still find it under “Archived” in the sources
          list.
        </p>
        <label>
          Type the name to confirm
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus data-testid="archive-confirm" />
        </label>
        {error && <p role="alert">{error}</p>}
        <div className="row modal-actions">
          <button type="button" onClick={() => setOpen(false)} data-testid="archive-cancel">
            Cancel
          </button>
          <button
            type="submit"
            className="danger solid"
            disabled={busy || typed !== source.name}
            data-testid="archive-source"
          >
            {busy ? 'Archiving…' : 'Archive source'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
