import { useCallback, useState } from 'react';
import type { DiagnosisAction } from '../../../src-shared/domain/diagnosis';
import { isKnownSourceStatus, type Source } from '../../../src-shared/domain/langwatch';
import { describeSchedule } from '../../../src-shared/domain/schedule-fact';
import { useAppStore } from '../../stores/app-store';
import { useSourcesStore } from '../../stores/sources-store';
import { scheduleFactOf } from '../sources/health-model';
import { canEditSource } from '../../../src-shared/domain/source-edit-form';
import { DangerZone } from './DangerZone';
import { EditSourceCard } from './EditSourceCard';
import { DetailHeader } from './DetailHeader';
import { DetailsCard } from './DetailsCard';
import { DiagnosisPanel } from './DiagnosisPanel';
import { EventsPanel } from './EventsPanel';
import { TypeDiagnosisCard } from './TypeDiagnosisCard';
import { HealthCard, type HealthState } from './HealthCard';
import { IngestSecretCard } from './IngestSecretCard';
import { SourceActions } from './SourceActions';
import { useSourceDetail } from './use-source-detail';
import './detail.css';

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
  const monitorState = useSourcesStore((s) => s.monitorState);
  const sent = useSourcesStore((s) => s.schedules[id]);
  const navigate = useAppStore((s) => s.navigate);
  const { source, loadError, health, history, version, reload } = useSourceDetail(id, row);
  const [notice, setNotice] = useState<string | null>(null);

  // A live status change (the monitor's delta) is reflected without a reload.
  const shown = source && row && row.updatedAt >= source.updatedAt ? { ...source, ...row } : source;
  const canManage = Boolean(monitorState?.canManage) && !monitorState?.readOnly;
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
              <DiagnosisPanel
                id={id}
                name={shown.name}
                version={version}
                canManage={canManage}
                health={health}
                onAction={onAction}
              />
            )}
            {!diagnosed && <TypeDiagnosisCard source={shown} />}
            {!diagnosed && <EventsPanel id={id} />}
            <DetailsCard source={shown} history={history} />
          </div>
          <DetailSide
            source={shown}
            health={health}
            diagnosed={diagnosed}
            canManage={canManage}
            scheduleText={schedule.text}
            reload={reload}
            setNotice={setNotice}
          />
        </div>
      )}
    </section>
  );
}

/** The side column: health, then (beside a diagnosis) events, then what a manager may do. */
function DetailSide({
  source,
  health,
  diagnosed,
  canManage,
  scheduleText,
  reload,
  setNotice,
}: {
  source: Source;
  health: HealthState;
  diagnosed: boolean;
  canManage: boolean;
  scheduleText: string;
  reload: () => void;
  setNotice: (notice: string) => void;
}) {
  return (
    <div className="detail-side">
      <HealthCard health={health} />
      {/* Beside a diagnosis, events sit under health so both show without scrolling. */}
      {diagnosed && (
        <div className="events-compact">
          <EventsPanel id={source.id} />
        </div>
      )}
      {canManage && !source.archivedAt && <SourceActions source={source} scheduleText={scheduleText} onDone={reload} />}
      {canManage && canEditSource(source) && (
        <EditSourceCard key={source.id} source={source} scheduleText={scheduleText} onDone={reload} />
      )}
      {canManage && <IngestSecretCard source={source} />}
      {canManage && !source.archivedAt && (
        <DangerZone
          source={source}
          onArchived={() => {
            setNotice('Archived. It no longer appears in the list; choose the “Archived” filter to find it.');
            reload();
          }}
        />
      )}
    </div>
  );
}
