import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A side panel over the right edge of the window for the events preview: it can be long, and
 * inline it pushed the form's button out of sight. Not modal: the form stays usable; Escape or
 * "Close" hides it and focus returns to what opened it.
 */
export function PreviewDrawer({ title, onClose, children }: { title: string; onClose(): void; children: ReactNode }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    headingRef.current?.focus();
    return () => opener?.focus?.();
  }, []);
  return (
    <aside
      className="preview-drawer"
      role="dialog"
      aria-modal="false"
      aria-labelledby="preview-drawer-title"
      data-testid="preview-drawer"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <header className="preview-drawer-head">
        <h2 id="preview-drawer-title" tabIndex={-1} ref={headingRef}>
          {title}
        </h2>
        <button type="button" onClick={onClose} data-testid="preview-close">
          Close
        </button>
      </header>
      <div className="preview-drawer-body">{children}</div>
    </aside>
  );
}
