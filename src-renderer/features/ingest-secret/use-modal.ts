import { useEffect, useRef } from 'react';

/** A `<dialog>` shown as a modal while `open` (focus moves in, Tab stays inside), closed otherwise. */
export function useModal(open: boolean) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return dialog;
}
