import { useId, useState } from 'react';
import { CADENCE_PRESETS } from '../../../src-shared/domain/cadence';
import {
  intervalParts,
  intervalSeconds,
  isPreset,
  type IntervalUnit,
  type ScheduleValue,
} from '../../../src-shared/domain/schedule-value';
import type { KeepOption } from './keep-option';
import { CronInput, EveryInput } from './ScheduleInputs';
import { ScheduleSummary } from './ScheduleSummary';
import './schedule.css';

type Mode = 'preset' | 'every' | 'cron' | 'keep';

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
  anthropicCost = true,
}: {
  value: ScheduleValue;
  onChange(value: ScheduleValue): void;
  keep?: KeepOption;
  /** Say what the schedule costs against Anthropic's compliance rate limit (the compliance source). */
  anthropicCost?: boolean;
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
      {mode === 'every' ? <EveryInput id={id} amount={amount} unit={unit} onChange={setEvery} /> : null}
      {mode === 'cron' ? (
        <CronInput
          id={id}
          cronText={cronText}
          onChange={(text) => {
            setCronText(text);
            onChange({ kind: 'cron', cron: text });
          }}
        />
      ) : null}
      <ScheduleSummary
        value={value}
        keep={keep}
        anthropicCost={anthropicCost}
        onPick={(seconds) => setEvery(intervalParts(seconds).amount, intervalParts(seconds).unit)}
      />
    </fieldset>
  );
}
