import { useEffect, useRef, useState } from 'react';
import type { SourceRow } from '../../../src-shared/domain/sources';
import { statusLabel } from './server-values';

/** At most one announcement per this many ms; changes in between are announced together. */
export const ANNOUNCE_EVERY_MS = 5_000;

/**
 * A polite live region saying which rows changed status ("Production is now Active"),
 * throttled so a busy tick does not flood a screen reader: changes are gathered and spoken
 * at most once every {@link ANNOUNCE_EVERY_MS}.
 */
export function StatusAnnouncer({ rows }: { rows: readonly SourceRow[] }) {
  const previous = useRef<Map<string, string> | null>(null);
  const pending = useRef<string[]>([]);
  const lastSpoken = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    const next = new Map(rows.map((r) => [r.id, r.status]));
    const before = previous.current;
    previous.current = next;
    if (!before) return; // the first load is not a change
    for (const r of rows) {
      const was = before.get(r.id);
      if (was !== undefined && was !== r.status) pending.current.push(`${r.name} is now ${statusLabel(r.status)}`);
    }
    if (pending.current.length === 0 || timer.current) return;
    const speak = () => {
      timer.current = null;
      const items = pending.current.splice(0);
      if (items.length === 0) return;
      lastSpoken.current = Date.now();
      setMessage(
        items.length <= 3
          ? `${items.join('. ')}.`
          : `${items.length} sources changed status: ${items.slice(0, 3).join('. ')}, and ${items.length - 3} more.`,
      );
    };
    const wait = Math.max(0, lastSpoken.current + ANNOUNCE_EVERY_MS - Date.now());
    timer.current = setTimeout(speak, wait);
  }, [rows]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="status-announcer">
      {message}
    </div>
  );
}
