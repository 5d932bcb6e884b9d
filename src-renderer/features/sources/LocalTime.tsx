/** A server time in this machine's time zone, with the exact UTC value on hover. */
export function LocalTime({
  iso,
  fallback = '—',
  testId,
  short = false,
}: {
  iso: string | null;
  fallback?: string;
  testId?: string;
  short?: boolean;
}) {
  if (!iso) return <span data-testid={testId}>{fallback}</span>;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span data-testid={testId}>{iso}</span>;
  return (
    <time
      dateTime={iso}
      title={`${date
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC')}`}
      data-testid={testId}
    >
      {short ? formatShort(date) : formatLocal(date)}
    </time>
  );
}

/** "1 Dec 2026, 14:05 CET" in the local zone, named, and the system's locale. */
export function formatLocal(date: Date): string {
  return date.toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

/** "1 Dec, 14:05 CET": for dense tables (the year is in the tooltip); the zone is always named. */
export function formatShort(date: Date): string {
  return date.toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

/** "14:05:12 CET": a time of day, the zone always named (never mixed up with UTC cron times). */
export function formatClock(date: Date): string {
  return date.toLocaleTimeString(undefined, { timeZoneName: 'short' });
}
