// The detail's facts card (id, description, raw parserConfig, this console's history), in its own file.
import { scheduleLabel } from '../../../src-shared/domain/schedule-value';
import type { Source } from '../../../src-shared/domain/langwatch';
import type { SourceHistoryItem } from '../../../src-shared/domain/outbox';
import { LocalTime } from '../sources/LocalTime';

/** What LangWatch holds about the source, and what this console did to it. */
export function DetailsCard({ source, history }: { source: Source; history: SourceHistoryItem[] | null }) {
  return (
    <div className="card" data-testid="detail-fields">
      <h2>Details</h2>
      <dl className="facts">
        <dt>Id</dt>
        <dd className="mono">{source.id}</dd>
        <dt>Description</dt>
        <dd>{source.description ?? '—'}</dd>
        <dt>Updated</dt>
        <dd>
          <LocalTime iso={source.updatedAt} />
        </dd>
      </dl>
      <details className="disclosure">
        <summary>Raw parserConfig</summary>
        <pre className="raw-payload" data-testid="parser-config">
          {JSON.stringify(source.parserConfig, null, 2)}
        </pre>
      </details>
      <details className="disclosure" data-testid="detail-history">
        <summary>This console's history{history ? ` (${history.length})` : ''}</summary>
        {history === null ? (
          <p className="muted">Loading…</p>
        ) : history.length === 0 ? (
          <p className="muted">This console has not created or re-keyed this source.</p>
        ) : (
          <ul className="history">
            {history.map((h) => (
              <li key={`${h.stagedId}-${h.at}-${h.action}`}>
                {h.action.replace('_', ' ')} <LocalTime iso={h.at} />
                {h.fingerprint ? ` with key ${h.fingerprint}` : ''} (schedule {scheduleLabel(h.pullSchedule)})
              </li>
            ))}
          </ul>
        )}
      </details>
    </div>
  );
}
