// The staged updates of a compliance source (new cadence, new key), apart from the status and archive actions.
import { useRef, useState } from 'react';
import { CADENCE_PRESETS } from '../../../src-shared/domain/cadence';
import type { Source } from '../../../src-shared/domain/langwatch';
import { cadenceOf } from '../../../src-shared/domain/sources';
import { EMPTY_KEY, KeyField, type KeyFieldHandle, type KeyStatus } from '../key-checks/KeyField';
import type { UpdateChange } from './use-source-actions';

type Stage = (label: string, change: () => UpdateChange) => Promise<void>;

/** A preset cadence to stage, next to the schedule the source has now. */
export function CadenceChange({
  source,
  scheduleText,
  busy,
  stage,
}: {
  source: Source;
  scheduleText: string;
  busy: boolean;
  stage: Stage;
}) {
  const [cadence, setCadence] = useState<number>(cadenceOf(source) ?? 900);
  return (
    <>
      <h3>Cadence</h3>
      <div className="row">
        <select
          value={cadence}
          onChange={(e) => setCadence(Number(e.target.value))}
          aria-label="New cadence"
          id="cadence-select"
          data-testid="cadence-select"
        >
          {CADENCE_PRESETS.map((p) => (
            <option key={p.seconds} value={p.seconds}>
              {p.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={busy}
          onClick={() => void stage('Change cadence', () => ({ pollEverySec: cadence }))}
          data-testid="change-cadence"
        >
          Change cadence
        </button>
        <span className="muted" data-testid="schedule-now">
          now: {scheduleText}
        </span>
      </div>
    </>
  );
}

/**
 * A new key to stage. A new key alone sends no schedule: one set elsewhere (the web composer's
 * cron) stays as written.
 */
export function ReplaceKey({ busy, stage }: { busy: boolean; stage: Stage }) {
  const keyField = useRef<KeyFieldHandle>(null);
  const [keyStatus, setKeyStatus] = useState<KeyStatus>(EMPTY_KEY);
  return (
    <>
      <h3>Replace key</h3>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          // Taken (and the field cleared) at submit: the key never outlives the call.
          if (!keyStatus.empty) void stage('Replace key', () => ({ key: keyField.current?.take() ?? '' }));
        }}
      >
        <KeyField
          ref={keyField}
          label="New compliance key"
          id="replace-key-input"
          testId="replace-key-input"
          onStatus={setKeyStatus}
        />
        <button type="submit" disabled={busy || keyStatus.empty} data-testid="replace-key">
          Replace key
        </button>
      </form>
    </>
  );
}
