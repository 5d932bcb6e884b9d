/**
 * How an outbox entry's last error is presented. The look of its state (label, tone, icon)
 * lives with every other state look in state-looks.ts (`OUTBOX_STATE_LOOK`).
 */
import type { OutboxEntryView } from './outbox';

/**
 * How to show an entry's last error: queuing while offline is expected, so it reads as a
 * calm note, not a red error; a refusal (rejected, key missing) is the one alert.
 */
export function errorPresentation(
  entry: Pick<OutboxEntryView, 'state' | 'lastError'>,
): 'none' | 'expected' | 'problem' | 'alert' {
  if (!entry.lastError || entry.state === 'submitted') return 'none';
  if (entry.state === 'rejected' || entry.state === 'key_missing') return 'alert';
  if (entry.lastError.code === 'network.offline' || entry.lastError.code === 'network.timeout') return 'expected';
  return 'problem';
}
