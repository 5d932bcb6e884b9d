import { scheduleLabel } from '../../../src-shared/domain/schedule-value';
import { useCallback, useEffect, useState } from 'react';
import type { DiagnosisAction } from '../../../src-shared/domain/diagnosis';
import { isKnownSourceStatus, type HealthMetrics, type Source } from '../../../src-shared/domain/langwatch';
import type { SourceHistoryItem } from '../../../src-shared/domain/outbox';
import { describeSchedule } from '../../../src-shared/domain/schedule-fact';
import type { ErrorData } from '../../../src-shared/errors';
import { call, lw } from '../../api/lw';
import { useAppStore } from '../../stores/app-store';
import { useSourcesStore } from '../../stores/sources-store';
import { HealthUnavailable } from '../sources/HealthUnavailable';
import { LocalTime } from '../sources/LocalTime';
import { scheduleFactOf } from '../sources/health-model';
import { DangerZone } from './DangerZone';
import { DetailHeader } from './DetailHeader';
import { DiagnosisPanel } from './DiagnosisPanel';
import { EventsPanel } from './EventsPanel';
import { SourceActions } from './SourceActions';
import './detail.css';

type HealthState =
  | { kind: 'loading' }
  | { kind: 'ok'; value: HealthMetrics }
  | { kind: 'enterprise_required' }
  | { kind: 'forbidden' }
  | { kind: 'unavailable'; error: ErrorData }
  | { kind: 'error'; error: ErrorData };

/** Focus targets of the diagnosis actions that change the source (in the Actions card). */
const ACTION_TARGET: Partial<Record<DiagnosisAction, string>> = {
  replace_key: 'replace-key-input',
  set_schedule: 'cadence-select',
  enable: 'enable-source',
};

/** Everything about one source: header, diagnosis, health, events, details, actions, danger zone. */
export function SourceDetail({ id }: { id: string }) {
  const row = useSourcesStore(
    (s) => s.sources.find((r) => r.id === id) ?? s.archived?.find((r) => r.id === id) ?? null,
  );
  const status = useSourcesStore((s) => s.status);
  const sent = useSourcesStore((s) => s.schedules[id]);
  const navigate = useAppStore((s) => s.navigate);
  const [source, setSource] = useState<Source | null>(row);
  const [loadError, setLoadError] = useState<ErrorData | null>(null);
  const [health, setHealth] = useState<HealthState>({ kind: 'loading' });
  const [history, setHistory] = useState<SourceHistoryItem[] | null>(null);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);

  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let live = true;
    void call(() => lw().sources.get({ id })).then((r) => {
      if (!live) return;
      if (r.ok) {
        setSource(r.value);
        setLoadError(null);
      } else setLoadError(r.error);
    });
    void call(() => lw().sources.health({ id })).then((r) => {
      if (!live) return;
      setHealth(
        r.ok
          ? r.value.kind === 'ok'
            ? { kind: 'ok', value: r.value.value }
            : r.value
          : { kind: 'error', error: r.error },
      );
    });
    void call(() => lw().outbox.history({ sourceId: id })).then((r) => live && setHistory(r.ok ? r.value : []));
    return () => {
      live = false;
    };
  }, [id, version]);

  // A live status change (the monitor's delta) is reflected without a reload.
  const shown = source && row && row.updatedAt >= source.updatedAt ? { ...source, ...row } : source;
  const canManage = Boolean(status?.canManage) && !status?.readOnly;
  const schedule = describeSchedule(scheduleFactOf(shown, sent));
  // An unknown status (newer server) gets no diagnosis this console could stand behind.
  const diagnosed =
    shown !== null &&
    shown.sourceType === 'claude_compliance' &&
    isKnownSourceStatus(shown.status) &&
    (shown.status !== 'active' || shown.archivedAt !== null);

  const onAction = useCallback(
    (action: DiagnosisAction) => {
      if (action === 'create_new') return navigate('compose');
      const target = ACTION_TARGET[action];
      const el = target ? document.getElementById(target) : null;
      el?.scrollIntoView({ block: 'center' });
      el?.focus();
    },
    [navigate],
  );

  return (
    <section
      className="view source-detail"
      data-testid="source-detail"
      data-source-id={id}
      data-state={shown ? 'ready' : 'loading'}
    >
      <DetailHeader source={shown} id={id} schedule={schedule} />
      {loadError && (
        <div role="alert" className="error-panel">
          {loadError.message}
        </div>
      )}
      {notice && (
        <p role="status" className="notice" data-testid="detail-notice">
          {notice}
        </p>
      )}
      {shown && (
        <div className="detail-layout">
          <div className="detail-main">
            {/* A stuck compliance source is why support opens this view: its diagnosis comes first. */}
            {diagnosed && (
              <DiagnosisPanel id={id} name={shown.name} version={version} canManage={canManage} onAction={onAction} />
            )}
            {!diagnosed && <EventsPanel id={id} />}
            <DetailsCard source={shown} history={history} />
          </div>
          <div className="detail-side">
            <div className="card" data-testid="detail-health" data-kind={health.kind}>
              <h2>Health</h2>
              <HealthView health={health} />
            </div>
            {/* Beside a diagnosis, events sit under health so both show without scrolling. */}
            {diagnosed && (
              <div className="events-compact">
                <EventsPanel id={id} />
              </div>
            )}
            {canManage && !shown.archivedAt && (
              <SourceActions source={shown} scheduleText={schedule.text} onDone={reload} />
            )}
            {canManage && !shown.archivedAt && (
              <DangerZone
                source={shown}
                onArchived={() => {
                  setNotice('Archived. It no longer appears in the list; choose the “Archived” filter to find it.');
                  reload();
                }}
              />
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function DetailsCard({ source, history }: { source: Source; history: SourceHistoryItem[] | null }) {
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

function HealthView({ health }: { health: HealthState }) {
  switch (health.kind) {
    case 'loading':
      return <p className="muted">Loading…</p>;
    case 'enterprise_required':
      return <p data-testid="health-enterprise-required">Health needs an Enterprise plan.</p>;
    case 'forbidden':
      return <p>Health needs the activityMonitor:view permission.</p>;
    case 'unavailable':
      return <HealthUnavailable error={health.error} />;
    case 'error':
      return <p role="alert">Health could not be loaded: {health.error.message}</p>;
    case 'ok':
      return (
        <>
          <div className="metrics" data-testid="health-metrics">
            <Metric label="24 h" value={health.value.events24h} />
            <Metric label="7 d" value={health.value.events7d} />
            <Metric label="30 d" value={health.value.events30d} />
          </div>
          <p className="muted small">
            Newest event (30 d): <LocalTime iso={health.value.lastSuccessIso} fallback="none" />
          </p>
        </>
      );
  }
}

function Metric({ label, value }: { label: string; value: number }) {
  return (
    <div className="metric">
      <span className="metric-value">{value}</span>
      <span className="metric-label">events {label}</span>
    </div>
  );
}
