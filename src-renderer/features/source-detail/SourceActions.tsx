import type { Source } from '../../../src-shared/domain/langwatch';
import { CadenceChange, ReplaceKey } from './UpdateActions';
import { useSourceActions } from './use-source-actions';

/**
 * Admin actions (shown only with ingestionSources:manage, never in support mode). Cadence
 * and key changes are staged in the outbox like a new source; status is direct. Archiving
 * lives apart, in the danger zone.
 */
export function SourceActions({
  source,
  scheduleText,
  onDone,
}: {
  source: Source;
  scheduleText: string;
  onDone(): void;
}) {
  const { busy, result, stage, setStatus } = useSourceActions(source, onDone);
  const archived = source.archivedAt !== null;
  const isCompliance = source.sourceType === 'claude_compliance';
  return (
    <div className="card" data-testid="source-actions">
      <h2>Actions</h2>
      {isCompliance && !archived && (
        <>
          <CadenceChange source={source} scheduleText={scheduleText} busy={busy} stage={stage} />
          <ReplaceKey busy={busy} stage={stage} />
        </>
      )}
      {!archived && (
        <>
          <h3>Status</h3>
          <div className="row">
            {source.status === 'disabled' ? (
              <button
                type="button"
                disabled={busy}
                onClick={() => void setStatus('active')}
                id="enable-source"
                data-testid="enable-source"
              >
                Enable
              </button>
            ) : (
              <button
                type="button"
                disabled={busy}
                onClick={() => void setStatus('disabled')}
                data-testid="disable-source"
              >
                Disable
              </button>
            )}
          </div>
        </>
      )}
      {result && (
        <p role="status" className="action-result" data-testid="action-result" data-ok={String(result.ok)}>
          {result.message}
        </p>
      )}
    </div>
  );
}
