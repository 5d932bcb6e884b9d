import { useEffect, useState } from 'react';
import { QUEUED_STATES, type OutboxEntryView } from '../../../src-shared/domain/outbox';
import type { MonitorState } from '../../../src-shared/domain/sources';
import { formatClock } from './LocalTime';
import { formatCountdown } from '../../../src-shared/domain/duration';

/**
 * Offline or failing refresh, unmistakable: what is paused, what is queued and when it is
 * tried again. Times are this console's own (outbox retries are scheduled here).
 */
export function OfflineBanner({
  monitorState,
  outbox,
}: {
  monitorState: MonitorState | null;
  outbox: readonly OutboxEntryView[];
}) {
  const [now, setNow] = useState(() => Date.now());
  const phase = monitorState?.phase;
  const shown = phase === 'paused_offline' || phase === 'error';
  useEffect(() => {
    if (!shown) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [shown]);
  if (!shown || !monitorState) return null;

  const queued = outbox.filter((e) => QUEUED_STATES.has(e.state));
  const next = queued
    .map((e) => (e.nextAttemptAt ? Date.parse(e.nextAttemptAt) : NaN))
    .filter((t) => Number.isFinite(t))
    .sort((a, b) => a - b)[0];
  const nextText =
    next === undefined
      ? null
      : next <= now
        ? 'now'
        : `in ${formatCountdown((next - now) / 1000)} (${formatClock(new Date(next))})`;

  return (
    <div
      className={`banner ${phase === 'paused_offline' ? 'banner-offline' : 'banner-error'}`}
      role="status"
      data-testid="network-banner"
      data-phase={phase}
    >
      <strong>
        <span aria-hidden="true">{phase === 'paused_offline' ? '⊘ ' : '⚠ '}</span>
        {phase === 'paused_offline'
          ? 'Offline: LangWatch is not answering. The list is paused.'
          : `Refresh failed: ${monitorState.lastError?.message ?? 'unknown error'}`}
      </strong>
      <span>
        {phase === 'paused_offline'
          ? ' The console keeps checking (pauses grow to at most 30 s) and resumes by itself when LangWatch answers.'
          : ' The next refresh tries again by itself.'}
      </span>
      <span data-testid="banner-queued">
        {queued.length === 0
          ? ' Nothing waits in the outbox.'
          : ` ${queued.length} change${queued.length === 1 ? '' : 's'} wait${queued.length === 1 ? 's' : ''} in the outbox (keys safe in the keychain)${nextText ? `; next try ${nextText}` : '; sent when LangWatch answers'}.`}
      </span>
    </div>
  );
}
