/**
 * Health that the server failed to give (a 5xx such as `clickhouse_unavailable`), said as
 * such: the sentence for the list and the detail, and the "Events 24 h" cell, which shows
 * "unavailable" (with the reason as its title) instead of a silent "—".
 */
import { describeHealthUnavailable, healthReasonOf } from '../../../src-shared/domain/health-issue';
import type { ErrorData } from '../../../src-shared/errors';
import { useSourcesStore } from '../../stores/sources-store';

/** The sentence, e.g. "Health unavailable (server error 500: clickhouse_unavailable)…". */
export function HealthUnavailable({
  error,
  what = 'Health',
  testId = 'health-unavailable',
}: {
  error: ErrorData;
  what?: string;
  testId?: string;
}) {
  return (
    <p className="note health-unavailable" role="status" data-testid={testId} data-code={error.code}>
      {describeHealthUnavailable(error, what)}
    </p>
  );
}

/** The list's note while the monitor's health is unavailable; nothing otherwise. */
export function ListHealthUnavailable() {
  const error = useSourcesStore((s) =>
    s.monitorState?.health === 'unavailable' ? (s.monitorState.healthError ?? null) : null,
  );
  const unavailable = useSourcesStore((s) => s.monitorState?.health === 'unavailable');
  if (!unavailable) return null;
  return (
    <HealthUnavailable
      what="Health (events 24 h)"
      testId="list-health-unavailable"
      error={error ?? { code: 'langwatch.server_error', message: 'LangWatch did not answer the health request.' }}
    />
  );
}

/**
 * The "Events 24 h" cell: the count; "loading" until the list's health first answers (it comes
 * after the list, never holding it up); "unavailable (reason)" while health failed; "—" when
 * not asked (no plan or permission, support mode).
 */
export function EventsCell({ count }: { count: number | null }) {
  const health = useSourcesStore((s) => (count === null ? s.monitorState?.health : 'ok'));
  const error = useSourcesStore((s) =>
    count === null && s.monitorState?.health === 'unavailable' ? (s.monitorState.healthError ?? null) : null,
  );
  if (count !== null) return <>{count}</>;
  if (health === 'loading') {
    return (
      <span className="muted" data-testid="events-loading" title="Asking LangWatch for the event counts…">
        loading
      </span>
    );
  }
  if (health !== 'unavailable') {
    // Not asked (plan, permission) or not given (a support session's CLI list has no counts):
    // say so on hover rather than leave a bare dash that reads like zero.
    return (
      <span title="LangWatch gave no event counts here: the plan, your role or a support session's access does not include them.">
        —
      </span>
    );
  }
  return (
    <span
      className="muted"
      data-testid="events-unavailable"
      title={
        error ? describeHealthUnavailable(error, 'Event counts') : 'Health unavailable: see the note above the table.'
      }
    >
      unavailable ({error ? healthReasonOf(error) : 'no answer'})
    </span>
  );
}
