/**
 * A support (device) session whose source list LangWatch refused with 402: the organisation
 * lacks the Enterprise plan that read-only access needs. Said plainly above the table rather
 * than only in the "last refresh failed" line, since retrying will not change it.
 */
import { useSourcesStore } from '../../stores/sources-store';

/** The note; nothing unless a read-only session's list answered 402. */
export function SupportPlanNote() {
  const message = useSourcesStore((s) =>
    s.monitorState?.readOnly &&
    s.monitorState.phase === 'error' &&
    s.monitorState.lastError?.code === 'langwatch.enterprise_required'
      ? s.monitorState.lastError.message
      : null,
  );
  if (!message) return null;
  return (
    <p className="note" role="alert" data-testid="support-needs-enterprise">
      {message}
    </p>
  );
}
