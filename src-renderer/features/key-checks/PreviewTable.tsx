import type { ActivityPreview, GovernanceEvent } from '../../../src-shared/domain/governance-event';
import { formatLocal } from '../sources/LocalTime';

function actorText(actor: GovernanceEvent['actor']): string {
  return actor.email ?? actor.id ?? '(no id)';
}

/** The newest activities as LangWatch will see them: Actor / Action / Target / time, raw on demand. */
export function PreviewTable({ preview }: { preview: ActivityPreview }) {
  return (
    <div className="preview" data-testid="key-preview">
      <p className="muted">
        {preview.events.length} most recent {preview.events.length === 1 ? 'activity' : 'activities'} as governance
        events
        {preview.hasMore && ' (older ones exist)'}
        {preview.requestId !== null && (
          <>
            {' '}
            · request-id <code className="mono">{preview.requestId}</code>
          </>
        )}
      </p>
      {preview.rejectedCount > 0 && (
        <p role="note">
          {preview.rejectedCount} record(s) in the answer were not readable activities and are not shown.
        </p>
      )}
      {preview.events.length === 0 ? (
        <p>The feed is empty: the key works, but there is nothing to preview yet.</p>
      ) : (
        <table className="preview-table">
          <thead>
            <tr>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Time</th>
              <th scope="col">Raw</th>
            </tr>
          </thead>
          <tbody>
            {preview.events.map((event) => (
              <tr key={event.sourceEventId} data-testid="preview-row" data-action={event.action.type}>
                <td>
                  <span className="mono">{actorText(event.actor)}</span>
                  <br />
                  <span className="muted">{event.actor.kind}</span>
                </td>
                <td>
                  <span className="mono">{event.action.type}</span>
                  <br />
                  <span className="muted">{event.action.family}</span>
                </td>
                <td>
                  <span className="muted">{event.target.kind}</span>
                  <br />
                  <span className="mono">{event.target.id ?? '—'}</span>
                </td>
                <td>
                  <time dateTime={event.time}>{formatTime(event.time)}</time>
                </td>
                <td>
                  <details data-testid="preview-raw">
                    <summary>raw</summary>
                    <pre className="mono">{JSON.stringify(event.raw, null, 2)}</pre>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function formatTime(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : formatLocal(at);
}
