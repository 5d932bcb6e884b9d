/**
 * Durations as a person reads them: seconds, minutes, hours or days, never "182465 min" or
 * "Wait 889 s". PURE.
 */
import { formatDuration } from './source-health';

export { formatDuration };

/** A wait counted down to the second: "40 s", "14 min 49 s", "2 h 5 min", "3 days". */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60 || s >= 3600) return formatDuration(s);
  const m = Math.floor(s / 60);
  return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
}
