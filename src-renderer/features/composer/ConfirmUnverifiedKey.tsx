import { useEffect, useRef } from 'react';

/**
 * Asked before staging a key that has just failed its check. Staging stays allowed (a key can
 * be staged before it works, e.g. offline or before its scope is granted), but never silently.
 * A native modal dialog: focus stays inside it, Escape cancels, the form behind is inert.
 */
export function ConfirmUnverifiedKey({
  reason,
  onStage,
  onCancel,
}: {
  reason: string;
  onStage(): void;
  onCancel(): void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={dialogRef}
      role="alertdialog"
      aria-labelledby="confirm-key-title"
      aria-describedby="confirm-key-body"
      className="confirm-dialog"
      data-testid="confirm-unverified-key"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="confirm-key-title">Stage a key that just failed its check?</h2>
      <p id="confirm-key-body">
        The check of this key said: <strong>{reason}</strong>. LangWatch will pull with it anyway, and every pull will
        fail until the key works. Stage it only if you expect it to work soon (for example once its scope is granted).
      </p>
      <div className="row">
        <button type="button" className="primary" ref={cancelRef} onClick={onCancel} data-testid="confirm-key-cancel">
          Go back and fix the key
        </button>
        <button type="button" onClick={onStage} data-testid="confirm-key-stage">
          Stage it anyway
        </button>
      </div>
    </dialog>
  );
}
