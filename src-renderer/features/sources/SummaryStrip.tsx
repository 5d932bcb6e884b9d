import type { AttentionSummary } from '../../../src-shared/domain/attention';
import { HEALTH_KINDS, type HealthKind } from '../../../src-shared/domain/source-health';
import { HEALTH_LOOK } from '../../../src-shared/domain/state-looks';
import type { HealthFilter } from './table-model';

interface Props {
  /** The headline: an all-clear only when every listed source was judged on a fresh list. */
  summary: AttentionSummary;
  byKind: Partial<Record<HealthKind, number>>;
  active: HealthFilter;
  onFilter(filter: HealthFilter): void;
}

const HEADLINE = {
  attention: { tone: 'tone-bad', icon: '⚠' },
  unsure: { tone: 'tone-neutral', icon: '?' },
  clear: { tone: 'tone-ok', icon: '✓' },
} as const;

/** "2 need attention" and a count per signal; each filters the table on click (again: all). */
export function SummaryStrip({ summary, byKind, active, onFilter }: Props) {
  const headline = HEADLINE[summary.verdict];
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
        className={`chip attention ${headline.tone}`}
        aria-pressed={active === 'attention'}
        onClick={() => toggle('attention')}
        data-testid="summary-attention"
        data-verdict={summary.verdict}
      >
        <span aria-hidden="true">{headline.icon}</span> {summary.text}
      </button>
      {HEALTH_KINDS.filter((k) => (byKind[k] ?? 0) > 0).map((k) => (
        <button
          key={k}
          type="button"
          className={`chip tone-${HEALTH_LOOK[k].tone}`}
          aria-pressed={active === k}
          onClick={() => toggle(k)}
          data-testid={`summary-${k}`}
        >
          <span aria-hidden="true">{HEALTH_LOOK[k].icon}</span> {byKind[k]} {HEALTH_LOOK[k].short}
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
