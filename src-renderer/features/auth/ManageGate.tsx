import type { ReactNode } from 'react';
import { selectCanManage, useAuthStateStore } from '../../stores/auth-state-store';

/** Why manage actions are hidden, or null when the person may manage sources. */
export function useManageBlockReason(): string | null {
  const canManage = useAuthStateStore(selectCanManage);
  const state = useAuthStateStore((s) => s.state);
  if (canManage) return null;
  if (!state || (state.session.kind !== 'signed_in' && state.session.kind !== 'device'))
    return 'Sign in to manage sources.';
  if (state.readOnly) return 'Read-only (support): a device-code sign-in can only view sources.';
  if (!state.permissions) return 'What you may do here is not known yet.';
  return 'View only: your role lacks ingestionSources:manage.';
}

/**
 * Wraps a manage action (create, edit, enable/disable, archive): renders it only when the
 * person may manage sources. Use `<ManageOnly>` around each action button, app-wide.
 */
export function ManageOnly({ children }: { children: ReactNode }) {
  return useManageBlockReason() === null ? <>{children}</> : null;
}

/** The explanation shown where manage actions would be: focusable, with the reason on hover/focus. */
export function ViewOnlyNote() {
  const reason = useManageBlockReason();
  if (reason === null) return null;
  return (
    <span className="view-only-note" tabIndex={0} title={reason} aria-label={reason} data-testid="view-only-note">
      Why can’t I change anything?
      <span role="tooltip" className="view-only-reason">
        {reason}
      </span>
    </span>
  );
}
