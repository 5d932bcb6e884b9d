import { HEALTH_KINDS, HEALTH_TONE, type HealthKind } from '../../../src-shared/domain/source-health';
import { HEALTH_ICON } from './health-model';
import type { HealthFilter } from './table-model';

const SHORT: Record<HealthKind, string> = {
  key_problem: 'key problem',
  never_pulled: 'never pulled',
  waiting_too_long: 'waiting too long',
  silent: 'silent',
  unknown: 'unknown',
  awaiting: 'awaiting',
  new: 'new',
  healthy: 'receiving events',
  disabled: 'disabled',
  archived: 'archived',
};

interface Props {
  attention: number;
  byKind: Partial<Record<HealthKind, number>>;
  active: HealthFilter;
  onFilter(filter: HealthFilter): void;
}

/** "2 need attention" and a count per signal; each filters the table on click (again: all). */
export function SummaryStrip({ attention, byKind, active, onFilter }: Props) {
  const toggle = (filter: HealthFilter) => onFilter(active === filter ? 'all' : filter);
  return (
    <div
      className="summary-strip"
      role="group"
      aria-label="Health summary, filters the table"
      data-testid="summary-strip"
    >
      <button
        type="button"
        className={`chip attention ${attention > 0 ? 'tone-bad' : 'tone-ok'}`}
        aria-pressed={active === 'attention'}
        onClick={() => toggle('attention')}
        data-testid="summary-attention"
      >
        <span aria-hidden="true">{attention > 0 ? '⚠' : '✓'}</span>{' '}
        {attention === 0 ? 'Nothing needs attention' : `${attention} need${attention === 1 ? 's' : ''} attention`}
      </button>
      {HEALTH_KINDS.filter((k) => (byKind[k] ?? 0) > 0).map((k) => (
        <button
          key={k}
          type="button"
          className={`chip tone-${HEALTH_TONE[k]}`}
          aria-pressed={active === k}
          onClick={() => toggle(k)}
          data-testid={`summary-${k}`}
        >
          <span aria-hidden="true">{HEALTH_ICON[k]}</span> {byKind[k]} {SHORT[k]}
        </button>
      ))}
      {active !== 'all' && (
        <button type="button" className="chip clear" onClick={() => onFilter('all')} data-testid="summary-clear">
          Show all
        </button>
      )}
    </div>
  );
}
