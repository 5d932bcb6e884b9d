// Why a source of a non-compliance type shows no events: causes that fit its delivery mode, and for
// a push source, where to send.
import type { Source, SourceType } from '../../../src-shared/domain/langwatch';
import { typeDiagnosis } from '../../../src-shared/domain/diagnosis-types';
import { ROTATION_GRACE_HOURS } from '../../../src-shared/domain/ingest-secret';
import { pushEndpoint } from '../../../src-shared/domain/push-endpoints';
import { useAuthStateStore } from '../../stores/auth-state-store';
import './type-diagnosis.css';

export function TypeDiagnosisCard({ source }: { source: Source }) {
  const deploymentUrl = useAuthStateStore(
    (s) => s.state?.profiles.find((p) => p.id === s.state?.activeProfileId)?.baseUrl ?? null,
  );
  const diagnosis = typeDiagnosis(source);
  if (!diagnosis) return null;
  return (
    <div className="card type-diagnosis" data-testid="type-diagnosis" data-type={diagnosis.sourceType}>
      <h2>{diagnosis.headline}</h2>
      {diagnosis.showPushTarget ? (
        <PushTarget type={diagnosis.sourceType} deploymentUrl={deploymentUrl} sourceId={source.id} />
      ) : null}
      <h3>Causes to look at</h3>
      <ol className="type-causes">
        {diagnosis.causes.map((c) => (
          <li key={c.id} data-testid={`type-cause-${c.id}`}>
            <strong>{c.title}.</strong> {c.detail}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Where a push source sends: the endpoint when it is known, else its parts and where it was shown. */
function PushTarget({
  type,
  deploymentUrl,
  sourceId,
}: {
  type: SourceType;
  deploymentUrl: string | null;
  sourceId: string;
}) {
  const url = deploymentUrl ? (pushEndpoint(type, deploymentUrl, sourceId)?.url ?? null) : null;
  return (
    <div className="push-target" data-testid="push-target">
      {url ? (
        <p>
          Send to <code data-testid="push-target-url">{url}</code> with the header{' '}
          <code>Authorization: Bearer &lt;ingest secret&gt;</code>.
        </p>
      ) : (
        <p>
          Send to this source’s endpoint on {deploymentUrl ? <code>{deploymentUrl}</code> : 'its deployment'} (source id{' '}
          <code>{sourceId}</code>), as LangWatch showed it when the source was created, with the header{' '}
          <code>Authorization: Bearer &lt;ingest secret&gt;</code>.
        </p>
      )}
      <p className="muted">
        The ingest secret is shown once; if it is lost, rotate it (the old one keeps working for {ROTATION_GRACE_HOURS}{' '}
        hours).
      </p>
    </div>
  );
}
