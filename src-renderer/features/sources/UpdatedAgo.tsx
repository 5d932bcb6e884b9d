import { useEffect, useState } from 'react';
import type { MonitorState } from '../../../src-shared/domain/sources';
import { formatDuration } from '../../../src-shared/domain/duration';

/** "Updated N s ago", ticking every second on its own (the table does not re-render for it). */
export function UpdatedAgo({ monitorState }: { monitorState: MonitorState | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const updatedAt = monitorState?.updatedAt ?? null;
  const ago = updatedAt ? Math.max(0, Math.round((now - Date.parse(updatedAt)) / 1000)) : null;
  let note = '';
  if (monitorState?.phase === 'paused_offline') note = ' · offline, paused (retrying)';
  else if (monitorState?.phase === 'error')
    note = ` · last refresh failed: ${monitorState.lastError?.message ?? 'unknown error'}`;
  else if (monitorState?.phase === 'idle') note = ' · not signed in';
  return (
    <span
      className="updated-ago"
      data-testid="updated-ago"
      data-phase={monitorState?.phase ?? 'loading'}
      title={updatedAt ?? undefined}
      aria-live="off"
    >
      {ago === null ? 'Not updated yet' : `Updated ${formatDuration(ago)} ago`}
      {note}
    </span>
  );
}
