// The sentence under the schedule choices, in its own file: the field picks, this one explains.
import { useMemo } from 'react';
import { cadenceToCron, describeCadence } from '../../../src-shared/domain/cadence';
import { checkCron, cronCost, cronCostSentence, intervalCost } from '../../../src-shared/domain/cron';
import type { ScheduleValue } from '../../../src-shared/domain/schedule-value';
import type { KeepOption } from './keep-option';

/** The sentence under the choices: what LangWatch will do and what it costs, or why it can't. */
export function ScheduleSummary({
  value,
  keep,
  onPick,
  anthropicCost = true,
}: {
  value: ScheduleValue;
  keep?: KeepOption | undefined;
  onPick(seconds: number): void;
  /** The cost against Anthropic's shared compliance rate limit: only for the compliance source. */
  anthropicCost?: boolean;
}) {
  const cron = useMemo(() => (value.kind === 'cron' ? checkCron(value.cron) : null), [value]);
  const cost = useMemo(
    () => (cron?.ok && anthropicCost ? cronCostSentence(cronCost(cron.cron)) : null),
    [cron, anthropicCost],
  );
  if (value.kind === 'keep') {
    return (
      <p className="schedule-summary" data-testid="cadence-cron">
        LangWatch keeps pulling on the schedule it has{keep?.current ? ` (${keep.current})` : ''}; nothing about the
        schedule is sent.
      </p>
    );
  }
  if (value.kind === 'interval') {
    if (Number.isNaN(value.seconds))
      return <p className="schedule-summary">Type a whole number of minutes or hours.</p>;
    const result = cadenceToCron(value.seconds);
    if (!result.ok) {
      return (
        <div role="alert" className="field-error" data-testid="cadence-error">
          {result.message}{' '}
          {result.nearest.map((n) => (
            <button
              key={n}
              type="button"
              className="small"
              data-testid={`cadence-nearest-${n}`}
              onClick={() => onPick(n)}
            >
              Use {describeCadence(n)}
            </button>
          ))}
        </div>
      );
    }
    return (
      <div className="schedule-summary" data-testid="cadence-cron">
        <p>
          LangWatch will pull this source {describeCadence(value.seconds)} (cron <code>{result.cron}</code>, UTC).
        </p>
        {anthropicCost ? <p className="muted">{cronCostSentence(intervalCost(value.seconds))}</p> : null}
      </div>
    );
  }
  if (!cron || !cron.ok) {
    return (
      <p role="alert" className="field-error" data-testid="cron-error">
        {cron?.message}
      </p>
    );
  }
  return (
    <div className="schedule-summary" data-testid="cadence-cron">
      <p>
        LangWatch will pull this source on the schedule <code>{cron.cron}</code> (UTC). Next five runs:
      </p>
      <ol className="next-runs" data-testid="cron-next-runs">
        {cron.nextRuns.map((at) => (
          <li key={at}>
            <time dateTime={at}>{at.slice(0, 16).replace('T', ' ')} UTC</time>
          </li>
        ))}
      </ol>
      {cost ? (
        <p className="muted" data-testid="cron-cost">
          {cost}
        </p>
      ) : null}
    </div>
  );
}
