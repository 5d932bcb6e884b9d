// The facts list of one outbox entry (key, schedule, attempts, source, key check), apart from its actions.
import { scheduleLabel } from '../../../src-shared/domain/schedule-value';
import type { OutboxEntryView } from '../../../src-shared/domain/outbox';
import type { errorPresentation } from '../../../src-shared/domain/outbox-style';
import { useAppStore } from '../../stores/app-store';
import { useSourcesStore } from '../../stores/sources-store';
import { formatClock, formatLocal } from '../sources/LocalTime';

/** What an outbox entry carries and where it stands; the source links to its detail. */
export function EntryFacts({
  entry: e,
  errorKind,
}: {
  entry: OutboxEntryView;
  errorKind: ReturnType<typeof errorPresentation>;
}) {
  return (
    <dl className="entry-facts">
      <dt>Key</dt>
      <dd data-testid="entry-fingerprint">
        {e.fingerprint ?? 'kept (not changed)'}
        {e.fingerprint ? (e.keyHeld ? ' · in the keychain' : ' · wiped') : ''}
      </dd>
      <dt>Schedule</dt>
      <dd data-testid="entry-schedule">{scheduleLabel(e.pullSchedule)}</dd>
      <dt>Attempts</dt>
      <dd data-testid="entry-attempts">{e.attempts}</dd>
      {e.nextAttemptAt && (e.state === 'retrying' || e.state === 'staged') ? (
        <>
          <dt>Next try</dt>
          <dd data-testid="entry-next">{formatClock(new Date(e.nextAttemptAt))}</dd>
        </>
      ) : null}
      {e.sourceId ? <EntrySource sourceId={e.sourceId} adopted={e.adopted} /> : null}
      {e.preflight && !(errorKind === 'alert' && e.lastError?.message === e.preflight.message) ? (
        <>
          <dt>Key check</dt>
          <dd data-testid="entry-key-check">
            {e.preflight.verdict.replace(/_/g, ' ')}: {e.preflight.message}
          </dd>
        </>
      ) : null}
      <dt>Staged</dt>
      <dd>
        {formatLocal(new Date(e.stagedAt))}
        {e.keyHeld ? ` · key wiped at ${formatLocal(new Date(e.expiresAt))} if still here` : ''}
      </dd>
    </dl>
  );
}

function EntrySource({ sourceId, adopted }: { sourceId: string; adopted: OutboxEntryView['adopted'] }) {
  const navigate = useAppStore((s) => s.navigate);
  const openDetail = useSourcesStore((s) => s.openDetail);
  return (
    <>
      <dt>Source</dt>
      <dd data-testid="entry-source">
        <button
          type="button"
          className="link mono"
          data-testid="entry-source-link"
          onClick={() => {
            openDetail(sourceId);
            navigate('sources');
          }}
        >
          {sourceId}
        </button>
        {adopted ? ' (found on the server after a lost answer)' : ''}
      </dd>
    </>
  );
}
