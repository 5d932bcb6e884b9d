// The detail's health card: event counts, or why there are none (plan, permission, outage).
import type { HealthMetrics } from '../../../src-shared/domain/langwatch';
import type { ErrorData } from '../../../src-shared/errors';
import { HealthUnavailable } from '../sources/HealthUnavailable';
import { LocalTime } from '../sources/LocalTime';

/** What the health lookup of one source answered. */
export type HealthState =
  | { kind: 'loading' }
  | { kind: 'ok'; value: HealthMetrics }
  | { kind: 'enterprise_required' }
  | { kind: 'forbidden' }
  | { kind: 'unavailable'; error: ErrorData }
  | { kind: 'error'; error: ErrorData };

/** The event counts of one source over 24 h, 7 d and 30 d. */
export function HealthCard({ health }: { health: HealthState }) {
  return (
    <div className="card" data-testid="detail-health" data-kind={health.kind}>
      <h2>Health</h2>
      <HealthView health={health} />
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
