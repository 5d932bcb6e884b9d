/**
 * How each outbox state looks: label, tone (colour) and icon. One row per state, checked
 * against the state list, so a new state is one more row here and nowhere else.
 */
import type { OutboxEntryView, OutboxState } from './outbox';

/** Tones map to the theme's colours (--danger, --warning, --accent, --ok, --muted). */
export type StateTone = 'bad' | 'warn' | 'info' | 'ok' | 'neutral';

export interface StateStyle {
  label: string;
  tone: StateTone;
  icon: string;
}

export const OUTBOX_STATE_STYLE = {
  staged: { label: 'Staged', tone: 'info', icon: '◷' },
  submitting: { label: 'Submitting…', tone: 'info', icon: '↻' },
  retrying: { label: 'Waiting to retry', tone: 'warn', icon: '↺' },
  needs_sign_in: { label: 'Needs sign-in', tone: 'warn', icon: '⚿' },
  waiting_for_keychain: { label: 'Waiting for the keychain', tone: 'warn', icon: '⏸' },
  rejected: { label: 'Rejected', tone: 'bad', icon: '✕' },
  key_missing: { label: 'Key missing', tone: 'bad', icon: '⚠' },
  submitted: { label: 'Submitted', tone: 'ok', icon: '✓' },
  expired: { label: 'Expired (key wiped)', tone: 'neutral', icon: '◔' },
  discarded: { label: 'Discarded (key wiped)', tone: 'neutral', icon: '⊘' },
} as const satisfies Record<OutboxState, StateStyle>;

/** The style of a state, with a visible fallback for a state this build does not know. */
export function styleOf(state: string): StateStyle {
  return (
    (OUTBOX_STATE_STYLE as Record<string, StateStyle>)[state] ?? {
      label: state.replace(/_/g, ' '),
      tone: 'neutral',
      icon: '?',
    }
  );
}

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
