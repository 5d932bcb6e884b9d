import { useEffect, useState } from 'react';
import type { MonitorState } from '../../../src-shared/domain/sources';
import { formatDuration } from '../../../src-shared/domain/duration';

/** "Updated N s ago", ticking every second on its own (the table does not re-render for it). */
export function UpdatedAgo({ status }: { status: MonitorState | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const updatedAt = status?.updatedAt ?? null;
  const ago = updatedAt ? Math.max(0, Math.round((now - Date.parse(updatedAt)) / 1000)) : null;
  let note = '';
  if (status?.phase === 'paused_offline') note = ' · offline, paused (retrying)';
  else if (status?.phase === 'error') note = ` · last refresh failed: ${status.lastError?.message ?? 'unknown error'}`;
  else if (status?.phase === 'idle') note = ' · not signed in';
  return (
    <span
      className="updated-ago"
      data-testid="updated-ago"
      data-phase={status?.phase ?? 'loading'}
      title={updatedAt ?? undefined}
      aria-live="off"
    >
      {ago === null ? 'Not updated yet' : `Updated ${formatDuration(ago)} ago`}
      {note}
    </span>
  );
}
