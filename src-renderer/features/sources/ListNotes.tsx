// The notes the sources list shows above its table (mode, plan, errors, archived lookup), in one place.
import { useSourcesStore } from '../../stores/sources-store';
import { ListHealthUnavailable } from './HealthUnavailable';
import { SupportPlanNote } from './SupportPlanNote';

/** Read-only mode, plan limits and the list's error, under the offline banner. */
export function ListNotes() {
  const monitorState = useSourcesStore((s) => s.monitorState);
  const error = useSourcesStore((s) => s.error);
  return (
    <>
      {monitorState?.readOnly && (
        <p className="note" data-testid="support-mode">
          Support mode: read-only view through the CLI API.
        </p>
      )}
      {monitorState?.health === 'enterprise_required' && (
        <p className="note" data-testid="health-enterprise">
          Event counts need an Enterprise plan: the list and statuses are complete, the "Events 24 h" column is not
          available.
        </p>
      )}
      <ListHealthUnavailable />
      <SupportPlanNote />
      {error && (
        <div role="alert" className="error-panel">
          {error.message}
        </div>
      )}
    </>
  );
}

/** Where the archived rows come from, since LangWatch does not list them. */
export function ArchivedNote() {
  const archived = useSourcesStore((s) => s.archived);
  const archivedError = useSourcesStore((s) => s.archivedError);
  return (
    <p className="note" data-testid="archived-note">
      {archivedError
        ? `Archived sources could not be loaded: ${archivedError.message}`
        : archived === null
          ? 'Looking up archived sources…'
          : 'LangWatch does not list archived sources: these are the ones this console created, changed or archived.'}
    </p>
  );
}
