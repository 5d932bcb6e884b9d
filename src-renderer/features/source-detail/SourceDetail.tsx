import { scheduleLabel } from '../../../src-shared/domain/schedule-value';
import { useCallback, useEffect, useState } from 'react';
import type { HealthMetrics, Source } from '../../../src-shared/domain/langwatch';
import type { SourceHistoryItem } from '../../../src-shared/domain/outbox';
import type { ErrorData } from '../../../src-shared/errors';
import { call, lw } from '../../api/lw';
import { useSourcesStore } from '../../stores/sources-store';
import { SOURCE_TYPE_LABEL } from '../sources/labels';
import { STATUS_LABEL } from '../sources/table-model';
import { DiagnosisPanel } from './DiagnosisPanel';
import { EventsPanel } from './EventsPanel';
import { SourceActions } from './SourceActions';

type HealthState = { kind: 'loading' } | { kind: 'ok'; value: HealthMetrics } | { kind: 'enterprise_required' } | { kind: 'forbidden' } | { kind: 'error'; error: ErrorData };

/** Everything about one source: fields, health, events, local history, diagnosis, actions. */
export function SourceDetail({ id }: { id: string }) {
  const openDetail = useSourcesStore((s) => s.openDetail);
  const row = useSourcesStore((s) => s.sources.find((r) => r.id === id) ?? null);
  const status = useSourcesStore((s) => s.status);
  const [source, setSource] = useState<Source | null>(row);
  const [loadError, setLoadError] = useState<ErrorData | null>(null);
  const [health, setHealth] = useState<HealthState>({ kind: 'loading' });
  const [history, setHistory] = useState<SourceHistoryItem[] | null>(null);
  const [version, setVersion] = useState(0);

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
      setHealth(r.ok ? (r.value.kind === 'ok' ? { kind: 'ok', value: r.value.value } : r.value) : { kind: 'error', error: r.error });
    });
    void call(() => lw().outbox.history({ sourceId: id })).then((r) => live && setHistory(r.ok ? r.value : []));
    return () => {
      live = false;
    };
  }, [id, version]);

  // A live status change (the monitor's delta) is reflected without a reload.
  const shown = source && row && row.updatedAt >= source.updatedAt ? { ...source, ...row } : source;
  const canManage = Boolean(status?.canManage) && !status?.readOnly;

  return (
    <section className="view" data-testid="source-detail" data-source-id={id} data-state={shown ? 'ready' : 'loading'}>
      <div className="row">
        <button type="button" onClick={() => openDetail(null)} data-testid="detail-back">
          ← All sources
        </button>
      </div>
      <h1>
        {shown?.name ?? id}{' '}
        {shown && (
          <span className={`pill status-${shown.status}`} data-testid="detail-status">
            {STATUS_LABEL[shown.status]}
            {shown.archivedAt ? ' · archived' : ''}
          </span>
        )}
      </h1>
      {loadError && (
        <div role="alert" className="error-panel">
          {loadError.message}
        </div>
      )}
      {shown && (
        <div className="detail-grid">
          {/* A stuck compliance source is why support opens this view: its diagnosis comes first. */}
          {shown.sourceType === 'claude_compliance' && shown.status !== 'active' && <DiagnosisPanel id={id} version={version} />}
          <div className="card" data-testid="detail-fields">
            <h2>Fields</h2>
            <dl className="facts">
              <dt>Id</dt>
              <dd>{shown.id}</dd>
              <dt>Type</dt>
              <dd>
                {SOURCE_TYPE_LABEL[shown.sourceType]} ({shown.sourceType})
              </dd>
              <dt>Status</dt>
              <dd>{shown.status}</dd>
              <dt>Description</dt>
              <dd>{shown.description ?? '—'}</dd>
              <dt>Organisation</dt>
              <dd>{shown.organizationId}</dd>
              <dt>Team</dt>
              <dd>{shown.teamId ?? '—'}</dd>
              <dt>Last event</dt>
              <dd>{shown.lastEventAt ?? 'never'}</dd>
              <dt>Created</dt>
              <dd>
                {shown.createdAt}
                {shown.createdById ? ` by ${shown.createdById}` : ''}
              </dd>
              <dt>Updated</dt>
              <dd>{shown.updatedAt}</dd>
              <dt>Archived</dt>
              <dd>{shown.archivedAt ?? 'no'}</dd>
              <dt>Parser config</dt>
              <dd>
                <code data-testid="parser-config">{JSON.stringify(shown.parserConfig)}</code>
              </dd>
            </dl>
          </div>
          <div className="card" data-testid="detail-health" data-kind={health.kind}>
            <h2>Health</h2>
            <HealthView health={health} />
          </div>
          <div className="card" data-testid="detail-history">
            <h2>This console's history</h2>
            {history === null ? (
              <p className="muted">Loading…</p>
            ) : history.length === 0 ? (
              <p className="muted">This console has not created or re-keyed this source.</p>
            ) : (
              <ul>
                {history.map((h) => (
                  <li key={`${h.stagedId}-${h.at}-${h.action}`}>
                    {h.action.replace('_', ' ')} at {h.at}
                    {h.fingerprint ? ` with key ${h.fingerprint}` : ''} (schedule {scheduleLabel(h.pullSchedule)})
                  </li>
                ))}
              </ul>
            )}
          </div>
          {canManage && <SourceActions source={shown} onDone={reload} />}
        </div>
      )}
      <EventsPanel id={id} />
    </section>
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
    case 'error':
      return <p role="alert">Health could not be loaded: {health.error.message}</p>;
    case 'ok':
      return (
        <dl className="facts" data-testid="health-metrics">
          <dt>Events 24 h</dt>
          <dd>{health.value.events24h}</dd>
          <dt>Events 7 d</dt>
          <dd>{health.value.events7d}</dd>
          <dt>Events 30 d</dt>
          <dd>{health.value.events30d}</dd>
          <dt>Last success</dt>
          <dd>{health.value.lastSuccessIso ?? 'none yet'}</dd>
        </dl>
      );
  }
}
