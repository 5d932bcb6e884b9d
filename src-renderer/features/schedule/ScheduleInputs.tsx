// The inputs behind "Other interval" and "Custom schedule (cron)", apart from the choice between them.
import type { IntervalUnit } from '../../../src-shared/domain/schedule-value';

/** "Every N minutes or hours": the amount as typed and its unit. */
export function EveryInput({
  id,
  amount,
  unit,
  onChange,
}: {
  id: string;
  amount: string;
  unit: IntervalUnit;
  onChange(amount: string, unit: IntervalUnit): void;
}) {
  return (
    <div className="schedule-inline">
      <label htmlFor={`${id}-amount`}>Every</label>
      <input
        id={`${id}-amount`}
        data-testid="cadence-custom"
        inputMode="numeric"
        value={amount}
        onChange={(e) => onChange(e.target.value, unit)}
      />
      <select
        aria-label="Unit"
        data-testid="cadence-unit"
        value={unit}
        onChange={(e) => onChange(amount, e.target.value as IntervalUnit)}
      >
        <option value="minutes">minutes</option>
        <option value="hours">hours</option>
      </select>
    </div>
  );
}

/** A cron expression in UTC, with the order of its fields as a reminder. */
export function CronInput({ id, cronText, onChange }: { id: string; cronText: string; onChange(text: string): void }) {
  return (
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
        onChange={(e) => onChange(e.target.value)}
      />
      <span className="muted" id={`${id}-cron-fields`}>
        min hour day month weekday
      </span>
    </div>
  );
}
