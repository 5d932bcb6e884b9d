import { useCallback, useEffect, useState } from 'react';
import type { SourceEvent } from '../../../src-shared/domain/langwatch';
import type { ErrorData } from '../../../src-shared/errors';
import { call, lw } from '../../api/lw';
import { HealthUnavailable } from '../sources/HealthUnavailable';
import { LocalTime } from '../sources/LocalTime';

type PageState =
  | { kind: 'loading' }
  | { kind: 'ok' }
  | { kind: 'enterprise_required' }
  | { kind: 'forbidden' }
  | { kind: 'unavailable'; error: ErrorData }
  | { kind: 'error'; error: ErrorData };

/** Recent events, newest first, paged; the raw payload shows on demand. */
export function EventsPanel({ id }: { id: string }) {
  const [events, setEvents] = useState<SourceEvent[]>([]);
  // The cursor: the boundary timestamp and the rows already shown at it (re-read, not repeated).
  const [next, setNext] = useState<{ beforeIso: string; skipIds: string[] } | null>(null);
  const [state, setState] = useState<PageState>({ kind: 'loading' });
  const [open, setOpen] = useState<string | null>(null);

  const load = useCallback(
    async (cursor?: { beforeIso: string; skipIds: string[] }) => {
      setState({ kind: 'loading' });
      const r = await call(() => lw().sources.events({ id, limit: 25, ...(cursor ?? {}) }));
      if (!r.ok) return setState({ kind: 'error', error: r.error });
      const page = r.value;
      if (page.kind !== 'ok') return setState(page);
      setEvents((prev) => (cursor ? appendNew(prev, page.value.events) : page.value.events));
      const { nextBeforeIso, boundaryIds } = page.value;
      setNext(nextBeforeIso ? { beforeIso: nextBeforeIso, skipIds: boundaryIds } : null);
      setState({ kind: 'ok' });
    },
    [id],
  );

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="card" data-testid="events" data-state={state.kind}>
      <h2>Recent events</h2>
      {state.kind === 'enterprise_required' && (
        <p data-testid="events-enterprise-required">Events need an Enterprise plan.</p>
      )}
      {state.kind === 'forbidden' && <p>Events need the activityMonitor:view permission.</p>}
      {state.kind === 'unavailable' && (
        <HealthUnavailable error={state.error} what="Events" testId="events-unavailable-note" />
      )}
      {state.kind === 'error' && <p role="alert">Events could not be loaded: {state.error.message}</p>}
      {events.length === 0 && state.kind === 'ok' && <p className="muted">No events yet.</p>}
      {events.length > 0 && (
        <div className="events-scroll">
          <table className="events-table">
            <thead>
              <tr>
                <th>Time</th>
                <th>Actor</th>
                <th>Action</th>
                <th>Target</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <EventRow
                  key={e.eventId}
                  event={e}
                  open={open === e.eventId}
                  onToggle={() => setOpen(open === e.eventId ? null : e.eventId)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && state.kind === 'ok' && (
        <button type="button" onClick={() => void load(next)} data-testid="events-more">
          Load older events
        </button>
      )}
    </div>
  );
}

function EventRow({ event, open, onToggle }: { event: SourceEvent; open: boolean; onToggle(): void }) {
  return (
    <>
      <tr data-testid="event-row">
        <td className="ev-time">
          <LocalTime iso={event.eventTimestampIso} short />
        </td>
        <td className="ev-clip" title={event.actor}>
          {event.actor || '—'}
        </td>
        <td className="ev-clip" title={event.action || event.eventType}>
          {event.action || event.eventType}
        </td>
        <td className="ev-clip" title={event.target}>
          {event.target || '—'}
        </td>
        <td>
          <button type="button" onClick={onToggle} aria-expanded={open} data-testid="event-raw-toggle">
            {open ? 'Hide raw' : 'Raw'}
          </button>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={5}>
            <pre className="raw-payload" data-testid="event-raw">
              {pretty(event.rawPayload)}
            </pre>
          </td>
        </tr>
      )}
    </>
  );
}

/** `older` appended to `shown`, each event once (keys are event ids). */
function appendNew(shown: SourceEvent[], older: SourceEvent[]): SourceEvent[] {
  const ids = new Set(shown.map((e) => e.eventId));
  return [...shown, ...older.filter((e) => !ids.has(e.eventId))];
}

function pretty(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}
