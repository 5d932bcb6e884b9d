import { useId, useState } from 'react';
import {
  CADENCE_PRESETS,
  anthropicCostSentence,
  cadenceToCron,
  describeCadence,
} from '../../../src-shared/domain/cadence';

/**
 * Polling cadence: presets plus a custom value in seconds. Invalid values are refused with
 * the nearest valid ones as buttons; the cron the server gets and its Anthropic cost show live.
 */
export function CadenceField({ value, onChange, sourcesCount }: { value: number; onChange(seconds: number): void; sourcesCount: number }) {
  const id = useId();
  const isPreset = CADENCE_PRESETS.some((p) => p.seconds === value);
  const [custom, setCustom] = useState(isPreset ? '' : String(value));
  const [customMode, setCustomMode] = useState(!isPreset);
  const seconds = customMode ? Number(custom) : value;
  const result = customMode && custom.trim() === '' ? null : cadenceToCron(seconds);

  return (
    <fieldset className="field cadence-field">
      <legend>Polling cadence</legend>
      <div className="cadence-presets" role="radiogroup" aria-label="Polling cadence presets">
        {CADENCE_PRESETS.map((p) => (
          <label key={p.seconds} className="chip">
            <input
              type="radio"
              name={`${id}-cadence`}
              checked={!customMode && value === p.seconds}
              onChange={() => {
                setCustomMode(false);
                onChange(p.seconds);
              }}
            />
            {p.label}
          </label>
        ))}
        <label className="chip">
          <input type="radio" name={`${id}-cadence`} checked={customMode} onChange={() => setCustomMode(true)} data-testid="cadence-custom-toggle" />
          Custom
        </label>
      </div>
      {customMode ? (
        <div className="cadence-custom">
          <label htmlFor={`${id}-custom`}>Every (seconds)</label>
          <input
            id={`${id}-custom`}
            data-testid="cadence-custom"
            inputMode="numeric"
            value={custom}
            onChange={(e) => {
              setCustom(e.target.value);
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n > 0) onChange(n);
            }}
          />
        </div>
      ) : null}
      {result && !result.ok ? (
        <div role="alert" className="field-error" data-testid="cadence-error">
          {result.message}{' '}
          {result.nearest.map((n) => (
            <button
              key={n}
              type="button"
              data-testid={`cadence-nearest-${n}`}
              onClick={() => {
                setCustom(String(n));
                onChange(n);
              }}
            >
              Use {describeCadence(n)} ({n} s)
            </button>
          ))}
        </div>
      ) : null}
      {result && result.ok ? (
        <p className="field-help" data-testid="cadence-cron">
          Schedule sent to LangWatch: <code>{result.cron}</code> (UTC). {anthropicCostSentence(seconds, sourcesCount)}
        </p>
      ) : null}
    </fieldset>
  );
}
