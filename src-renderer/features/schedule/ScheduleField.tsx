import { useId, useMemo, useState } from 'react';
import { CADENCE_PRESETS, cadenceToCron, describeCadence } from '../../../src-shared/domain/cadence';
import { checkCron, cronCost, cronCostSentence, intervalCost } from '../../../src-shared/domain/cron';
import {
  intervalParts,
  intervalSeconds,
  isPreset,
  type IntervalUnit,
  type ScheduleValue,
} from '../../../src-shared/domain/schedule-value';
import './schedule.css';

type Mode = 'preset' | 'every' | 'cron' | 'keep';

/** What "keep" means where it is offered (a change of an existing source or entry). */
export interface KeepOption {
  /** The schedule in force, in words ("every 15 minutes"), or null when unknown. */
  current: string | null;
}

function modeOf(value: ScheduleValue): Mode {
  if (value.kind === 'keep') return 'keep';
  if (value.kind === 'cron') return 'cron';
  return isPreset(value.seconds) ? 'preset' : 'every';
}

/**
 * How often LangWatch pulls: one-click presets, "every N minutes or hours", or any cron
 * LangWatch accepts. Invalid intervals get the nearest valid ones as buttons; a cron gets its
 * next five runs in UTC; both say, in a sentence, what LangWatch will do and what it costs.
 */
export function ScheduleField({
  value,
  onChange,
  keep,
}: {
  value: ScheduleValue;
  onChange(value: ScheduleValue): void;
  keep?: KeepOption;
}) {
  const id = useId();
  const [mode, setMode] = useState<Mode>(() => modeOf(value));
  const initial =
    value.kind === 'interval' && !isPreset(value.seconds)
      ? intervalParts(value.seconds)
      : { amount: '', unit: 'minutes' as IntervalUnit };
  const [amount, setAmount] = useState(initial.amount);
  const [unit, setUnit] = useState<IntervalUnit>(initial.unit);
  const [cronText, setCronText] = useState(value.kind === 'cron' ? value.cron : '');

  const choose = (next: Mode) => {
    setMode(next);
    if (next === 'keep') onChange({ kind: 'keep' });
    if (next === 'every') onChange({ kind: 'interval', seconds: intervalSeconds(amount, unit) });
    if (next === 'cron') onChange({ kind: 'cron', cron: cronText });
  };
  const setEvery = (nextAmount: string, nextUnit: IntervalUnit) => {
    setAmount(nextAmount);
    setUnit(nextUnit);
    onChange({ kind: 'interval', seconds: intervalSeconds(nextAmount, nextUnit) });
  };

  const radio = (label: string, checked: boolean, onPick: () => void, testId?: string) => (
    <label className="chip" key={label}>
      <input type="radio" name={`${id}-schedule`} checked={checked} onChange={onPick} data-testid={testId} />
      {label}
    </label>
  );

  return (
    <fieldset className="field schedule-field" data-testid="schedule-field" data-mode={mode}>
      <legend>How often LangWatch pulls</legend>
      <div className="schedule-choices">
        {keep ? radio('Keep the current schedule', mode === 'keep', () => choose('keep'), 'schedule-keep') : null}
        {CADENCE_PRESETS.map((p) =>
          radio(p.label, mode === 'preset' && value.kind === 'interval' && value.seconds === p.seconds, () => {
            setMode('preset');
            onChange({ kind: 'interval', seconds: p.seconds });
          }),
        )}
        {radio('Other interval', mode === 'every', () => choose('every'), 'cadence-custom-toggle')}
        {radio('Custom schedule (cron)', mode === 'cron', () => choose('cron'), 'schedule-cron-toggle')}
      </div>
      {mode === 'every' ? (
        <div className="schedule-inline">
          <label htmlFor={`${id}-amount`}>Every</label>
          <input
            id={`${id}-amount`}
            data-testid="cadence-custom"
            inputMode="numeric"
            value={amount}
            onChange={(e) => setEvery(e.target.value, unit)}
          />
          <select
            aria-label="Unit"
            data-testid="cadence-unit"
            value={unit}
            onChange={(e) => setEvery(amount, e.target.value as IntervalUnit)}
          >
            <option value="minutes">minutes</option>
            <option value="hours">hours</option>
          </select>
        </div>
      ) : null}
      {mode === 'cron' ? (
        <div className="schedule-inline">
          <label htmlFor={`${id}-cron`}>Cron (UTC)</label>
          <input
            id={`${id}-cron`}
            className="mono"
            data-testid="cron-input"
            spellCheck={false}
            placeholder="*/15 * * * *"
            aria-describedby={`${id}-cron-fields`}
            value={cronText}
            onChange={(e) => {
              setCronText(e.target.value);
              onChange({ kind: 'cron', cron: e.target.value });
            }}
          />
          <span className="muted" id={`${id}-cron-fields`}>
            min hour day month weekday
          </span>
        </div>
      ) : null}
      <ScheduleSummary
        value={value}
        keep={keep}
        onPick={(seconds) => setEvery(intervalParts(seconds).amount, intervalParts(seconds).unit)}
      />
    </fieldset>
  );
}

/** The sentence under the choices: what LangWatch will do and what it costs, or why it can't. */
function ScheduleSummary({
  value,
  keep,
  onPick,
}: {
  value: ScheduleValue;
  keep?: KeepOption | undefined;
  onPick(seconds: number): void;
}) {
  const cron = useMemo(() => (value.kind === 'cron' ? checkCron(value.cron) : null), [value]);
  const cost = useMemo(() => (cron?.ok ? cronCostSentence(cronCost(cron.cron)) : null), [cron]);
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
        <p className="muted">{cronCostSentence(intervalCost(value.seconds))}</p>
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
      <p className="muted" data-testid="cron-cost">
        {cost}
      </p>
    </div>
  );
}
